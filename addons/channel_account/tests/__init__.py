from . import test_fund_lines
from . import test_fund_operations
from . import test_fund_client_ref
from . import test_odoo_flows
from . import test_holder_books
