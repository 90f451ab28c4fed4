from . import xinfang_case_form_report
from . import xinfang_case_ledger_xlsx
from . import xinfang_dispute_ledger_xlsx
