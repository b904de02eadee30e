from . import channel_replenish
