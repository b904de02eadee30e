from . import res_company
from . import channel_fund_line_mixin
from . import channel_fund_account
from . import channel_fund_entry
from . import channel_fund_adjustment
from . import channel_fund_request
from . import channel_fund_reconciliation
from . import channel_member
