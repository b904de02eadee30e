from . import channel_code
from . import channel_code_scan
from . import channel_diversion_case
from . import channel_sellout_report
from . import sale_order
from . import stock_picking
