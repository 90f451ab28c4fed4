from . import report_assessment_run
from . import report_assessment_run_xlsx
