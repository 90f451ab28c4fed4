#!/usr/bin/env bash
# OCA's checks on our addons, as its pre-commit configuration runs them:
# ruff (lint and format, OCA's config), oca-checks-odoo-module, oca-checks-po,
# README.rst generated from readme/ (oca-gen-addon-readme), pylint-odoo.
# Exits non-zero on any finding; nothing is rewritten except README.rst,
# which is regenerated and must then match what is committed.
set -euo pipefail
source "$(dirname "$0")/common.sh"
cd "$REPO"
LINT_BIN="$REPO/.venv-lint/bin"
PY_PATHS=(addons bench tests scripts)
status=0

say "ruff check and ruff format --check (OCA's .ruff.toml)"
"$LINT_BIN/ruff" check --no-fix "${PY_PATHS[@]}" || status=1
"$LINT_BIN/ruff" format --check "${PY_PATHS[@]}" || status=1

say "oca-checks-odoo-module and oca-checks-po"
"$LINT_BIN/oca-checks-odoo-module" addons/xinfang_* || status=1
"$LINT_BIN/oca-checks-po" --disable=po-pretty-format addons/xinfang_*/i18n/*.po || status=1

say "README.rst generated from readme/ (oca-gen-addon-readme)"
"$LINT_BIN/oca-gen-addon-readme" --addons-dir=addons --org-name=xinfang \
    --repo-name=xinfang --branch=18.0 --if-source-changed --keep-source-digest \
    --no-commit
if git rev-parse --is-inside-work-tree >/dev/null 2>&1 && ! git diff --quiet -- 'addons/*/README.rst' 'addons/*/static/description/index.html'; then
    echo "README.rst is out of date with readme/: commit the regenerated files." >&2
    git --no-pager diff --stat -- 'addons/*/README.rst' 'addons/*/static/description/index.html' >&2
    status=1
fi

say "pylint-odoo on addons/"
PYTHONPATH="$ODOO_SRC_USED" "$LINT_BIN/pylint" --rcfile="$REPO/.pylintrc" addons/xinfang_* || status=1
exit "$status"
