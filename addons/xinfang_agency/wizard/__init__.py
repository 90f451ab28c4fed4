from . import xinfang_case_screening_wizard
from . import xinfang_case_step_wizard
