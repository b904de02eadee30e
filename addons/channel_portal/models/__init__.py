from . import channel_member
from . import sale_order
