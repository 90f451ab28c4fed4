from . import xinfang_case
from . import xinfang_assessment_scheme
from . import xinfang_assessment_indicator
from . import xinfang_assessment_period
from . import xinfang_assessment_item
from . import xinfang_assessment_run
from . import xinfang_assessment_result
from . import xinfang_assessment_result_line
