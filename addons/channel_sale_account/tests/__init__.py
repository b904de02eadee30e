from . import test_order_payment
from . import test_credit_lines
from . import test_fund_reservation
from . import test_holder_books
from . import test_odoo_flows
from . import test_tenant_writes
