#!/usr/bin/env bash
# Scale benchmarks (see bench/README.md): for each size, a database
# xinfang_bench_<size> with the three addons and OCA helpdesk_mgmt, populated
# by bench/populate.py, then measured by bench/measure.py (in process, and
# d. against its own --workers=2 server on 127.0.0.1); the growth factor
# between consecutive sizes at the end.
#
#   BENCH_SIZES   sizes to run, in increasing order (default: "small medium";
#                 "large" gives 100k cases and takes a long time)
#   BENCH_PORT    HTTP port of d.'s --workers=2 server (default 8079)
#   BENCH_KEEP=1  keep the databases afterwards
#   BENCH_INTAKE_CALLS  d.: intakes (and tickets) a run, for each of 1, 4
#                 and 8 clients against its own --workers=2 server (default 600)
#   BENCH_CITIZENS  citizens submitting and tracking online petitions at once
#                 against --workers=2 (default 50; 0 skips it)
#   BENCH_DB_PREFIX  prefix of the databases (default xinfang_bench), so that
#                 two checkouts on one PostgreSQL do not drop each other's
set -euo pipefail
bash "$(dirname "$0")/../scripts/setup.sh"
source "$(dirname "$0")/../scripts/common.sh"
cd "$REPO"

SIZES="${BENCH_SIZES:-small medium}"
PORT="${BENCH_PORT:-8079}"
OUT="$LOCAL/bench"
mkdir -p "$OUT"
SITE=$("$VENV/bin/python" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')
if [ ! -d "$SITE/odoo/addons/helpdesk_mgmt" ]; then
    say "Installing OCA helpdesk_mgmt (the kanban's yardstick) from PyPI"
    # Its manifest depends on mail and portal only; the wheel declares odoo itself.
    "$VENV/bin/pip" install -q --no-deps "odoo-addon-helpdesk_mgmt==18.0.*"
fi

PREFIX="${BENCH_DB_PREFIX:-xinfang_bench}"
TEMPLATE="${PREFIX}_template"
say "Installing the addons and helpdesk_mgmt in $TEMPLATE"
dropdb --if-exists "$TEMPLATE"
"${ODOO_BIN[@]}" -c "$LOCAL/odoo.conf" -d "$TEMPLATE" \
    -i "$XINFANG_MODULES,helpdesk_mgmt" --without-demo=all --load-language=zh_CN \
    --stop-after-init --log-level=warn --no-http

previous=""
for size in $SIZES; do
    DB="${PREFIX}_$size"
    say "[$size] populating $DB"
    dropdb --if-exists "$DB"
    createdb -T "$TEMPLATE" "$DB"
    "$VENV/bin/python" bench/populate.py "$DB" --size "$size" >"$OUT/populate-$size.log" 2>&1 \
        || { tail -30 "$OUT/populate-$size.log"; exit 1; }
    grep '^\[populate' "$OUT/populate-$size.log"
    say "[$size] measuring"
    "$VENV/bin/python" bench/measure.py "$DB" --intake-port "$PORT" \
        --out "$OUT/$size.json" >"$OUT/measure-$size.log" 2>&1 \
        || { tail -30 "$OUT/measure-$size.log"; exit 1; }
    grep -E '^(a|b|c|d|e|f|g|h|i)\.|^   ' "$OUT/measure-$size.log"
    if [ -n "$previous" ]; then
        "$VENV/bin/python" bench/measure.py --growth "$OUT/$previous.json" "$OUT/$size.json"
    fi
    previous="$size"
    [ "${BENCH_KEEP:-0}" = 1 ] || dropdb --if-exists "$DB"
done
dropdb --if-exists "$TEMPLATE"
CITIZENS="${BENCH_CITIZENS:-50}"
if [ "$CITIZENS" -gt 0 ]; then
    say "Online petitions: $CITIZENS citizens at once against --workers=2"
    "$VENV/bin/python" bench/citizen.py --config "$LOCAL/odoo.conf" --citizens "$CITIZENS"
fi
say "Figures in $OUT/*.json"
