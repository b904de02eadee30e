from . import test_portal_routes
from . import test_portal_tours
from . import test_bad_input
