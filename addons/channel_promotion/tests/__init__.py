from . import test_targeting
from . import test_types
from . import test_budget
from . import test_claims
from . import test_access
from . import test_performance
from . import test_claim_rights
from . import test_odoo_flows
