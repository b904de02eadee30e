from . import test_diversion
from . import test_cases
from . import test_access
from . import test_penalty_books
