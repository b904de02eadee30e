from . import channel_fund_operation
from . import channel_fund_statement
