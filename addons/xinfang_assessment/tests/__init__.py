from . import test_role_menus
