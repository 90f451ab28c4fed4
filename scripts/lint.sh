#!/usr/bin/env bash
# pylint-odoo on our addons; exits non-zero on any message.
set -euo pipefail
source "$(dirname "$0")/common.sh"
say "pylint-odoo on addons/"
cd "$REPO"
PYTHONPATH="$ODOO_SRC_USED" "$REPO/.venv-lint/bin/pylint" --rcfile="$REPO/.pylintrc" addons/xinfang_*
