from . import channel_rebate_watchlist
from . import channel_rebate_watchlist_line
