from . import xinfang_meeting_weekly_report
from . import report_decision_progress
