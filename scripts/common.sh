# Shared by run.sh, test.sh and lint.sh: paths produced by setup.sh.
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
LOCAL="$REPO/.local"
VENV="$REPO/.venv"
ODOO_SRC_USED="$(cat "$LOCAL/odoo-src" 2>/dev/null || true)"
ODOO_BIN=("$VENV/bin/python" "$ODOO_SRC_USED/odoo-bin")
XINFANG_MODULES="${XINFANG_MODULES:-xinfang_agency,xinfang_meeting,xinfang_assessment}"
say() { printf '\033[1m[%s]\033[0m %s\n' "$(basename "$0" .sh)" "$*"; }
