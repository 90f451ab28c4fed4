from . import xinfang_case_screening_wizard
from . import xinfang_case_step_wizard
from . import base_partner_merge_automatic_wizard
from . import xinfang_duty_week_wizard
