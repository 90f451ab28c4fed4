from . import xinfang_unit
from . import res_users
from . import xinfang_case_stage
from . import xinfang_case
