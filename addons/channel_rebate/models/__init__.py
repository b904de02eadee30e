from . import channel_rebate_policy
from . import channel_rebate_target
from . import channel_rebate_tier
from . import channel_rebate_run
