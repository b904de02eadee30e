from . import channel_onboard_distributor
from . import channel_onboard_store
