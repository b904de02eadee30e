from . import channel_api_binding
from . import channel_api_call
from . import channel_api
from . import channel_api_kinds
from . import channel_api_read
from . import channel_import
