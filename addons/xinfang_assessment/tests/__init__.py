from . import test_role_menus
from . import test_x2211_case
from . import test_periods_items
from . import test_run_figures
from . import test_run_workflow
from . import test_query_count
from . import test_security
from . import test_reports
