#!/usr/bin/env bash
# Set up, install the three addons in a throwaway database, run the whole
# suite under pytest-odoo (tours in headless Chromium), then pylint-odoo.
#
#   XINFANG_TEST_DB   reuse this database: update the addons instead of a
#                     fresh install, and keep it afterwards (development)
#   XINFANG_MODULES   the addons to install (default: all three)
#   TEST_PATHS        what pytest collects (default: "addons tests")
#   PYTEST_ARGS       extra pytest arguments, e.g. "-k signoff"
#   SKIP_LINT=1       skip pylint-odoo (development)
set -euo pipefail
bash "$(dirname "$0")/setup.sh" --test
source "$(dirname "$0")/common.sh"
cd "$REPO"

if [ -n "${XINFANG_TEST_DB:-}" ]; then
    DB="$XINFANG_TEST_DB"
    if psql -d postgres -Atqc "select 1 from pg_database where datname = '$DB'" | grep -q 1; then
        INSTALL=(-u "$XINFANG_MODULES")
    else
        INSTALL=(-i "$XINFANG_MODULES")
    fi
else
    DB="xinfang_test_$$"
    INSTALL=(-i "$XINFANG_MODULES")
    trap 'dropdb --if-exists "$DB" >/dev/null 2>&1 || true' EXIT
fi

say "Installing the addons in database $DB"
"${ODOO_BIN[@]}" -c "$LOCAL/odoo.conf" -d "$DB" "${INSTALL[@]}" \
    --load-language=en_US,zh_CN --stop-after-init --log-level=warn --http-port=0 \
    --no-http

say "Running the tests (pytest-odoo, tours in headless Chromium)"
status=0
# shellcheck disable=SC2086
"$VENV/bin/pytest" -c "$REPO/tests/pytest.ini" --rootdir="$REPO" \
    --odoo-config="$LOCAL/odoo.conf" --odoo-database="$DB" --odoo-http \
    --odoo-log-level=warn --odoo-extra=test-enable ${TEST_PATHS:-addons tests} ${PYTEST_ARGS:-} || status=$?

if [ "${SKIP_LINT:-0}" != 1 ]; then
    bash "$REPO/scripts/lint.sh" || status=$((status ? status : 1))
fi
exit "$status"
