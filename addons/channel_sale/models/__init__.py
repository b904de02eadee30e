from . import channel_member
from . import purchase_order_line
