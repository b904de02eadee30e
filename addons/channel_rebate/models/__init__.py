from . import channel_rebate_policy
from . import channel_rebate_run
from . import channel_rebate_watchlist
