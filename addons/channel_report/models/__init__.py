from . import channel_report_sale
from . import channel_report_ranking
from . import channel_report_sku
from . import channel_report_rebate
from . import channel_report_promotion
from . import channel_report_fund
from . import channel_report_overview
from . import channel_stock_health
