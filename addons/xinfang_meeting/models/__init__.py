from . import xinfang_meeting
