from . import channel_replenish
from . import channel_replenish_wizard_line
