from . import wizard
from . import models
