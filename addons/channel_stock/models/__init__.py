from . import channel_sellout_report
from . import channel_sellout_report_line
from . import channel_stock_rule
from . import channel_stock_health
