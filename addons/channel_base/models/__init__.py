from . import channel_level
from . import channel_member_tag
from . import channel_member
from . import channel_territory_authorization
from . import res_company
from . import res_territory
from . import res_users
from . import channel_member_onboarding
