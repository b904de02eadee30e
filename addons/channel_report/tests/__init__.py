from . import test_reports
from . import test_overview
from . import test_access
from . import test_tours
