from . import xinfang_joint_meeting_body
from . import xinfang_meeting
from . import xinfang_meeting_agenda_item
from . import xinfang_meeting_decision
from . import xinfang_meeting_decision_note
from . import xinfang_work_roadmap
from . import xinfang_task_force
from . import xinfang_case
