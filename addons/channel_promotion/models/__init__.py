from . import res_company
from . import loyalty_program
from . import loyalty_reward
from . import channel_promotion_budget
from . import channel_promotion_usage
from . import channel_promotion_commitment
from . import channel_promotion_claim
from . import sale_order
