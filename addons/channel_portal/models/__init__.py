from . import channel_member
from . import channel_sellout_report
from . import sale_order
