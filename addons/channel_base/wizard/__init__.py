from . import channel_onboard_mixin
from . import channel_onboard_distributor
from . import channel_onboard_store
from . import base_partner_merge
