from . import test_api_upserts
from . import test_api_orders
from . import test_api_reads
from . import test_api_access
from . import test_import
from . import test_marshalling
from . import test_import_books
from . import test_api_bad_input
