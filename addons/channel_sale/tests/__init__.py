from . import test_credit_approval
from . import test_intercompany_chain
from . import test_performance
from . import test_pricing
from . import test_replenishment
from . import test_routing
from . import test_odoo_flows
