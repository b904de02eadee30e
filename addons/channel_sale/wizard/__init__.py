from . import channel_order_reject
