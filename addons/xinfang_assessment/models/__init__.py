from . import xinfang_assessment_period
