from . import test_role_menus
from . import test_tour_login
