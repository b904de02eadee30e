from . import test_rebate
from . import test_rebate_books
