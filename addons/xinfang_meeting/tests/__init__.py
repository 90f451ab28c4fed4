from . import test_role_menus
from . import test_meeting_flow
from . import test_decision
from . import test_weekly_consultation
from . import test_roadmap_task_force
from . import test_security
from . import test_minutes_pdf
from . import test_tour
