from . import test_rebate
