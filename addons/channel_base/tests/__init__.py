from . import test_network
from . import test_onboarding
from . import test_access
from . import test_spreadsheet
