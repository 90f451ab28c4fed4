from . import citizen
from . import portal
