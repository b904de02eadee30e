from . import test_health
from . import test_replenishment
from . import test_sellout_api
from . import test_access
from . import test_sellout_lines
