#!/usr/bin/env bash
# Set up, create the demo database `xinfang` once, and serve Odoo on 127.0.0.1:8069.
set -euo pipefail
bash "$(dirname "$0")/setup.sh"
source "$(dirname "$0")/common.sh"
DB="${XINFANG_DB:-xinfang}"

source "$(dirname "$0")/addons_stamp.sh"

if ! psql -d postgres -Atqc "select 1 from pg_database where datname = '$DB'" | grep -q 1; then
    say "Creating database $DB with the three addons, demo data and Chinese (a few minutes)"
    "${ODOO_BIN[@]}" -c "$LOCAL/odoo.conf" -d "$DB" -i "$XINFANG_MODULES" \
        --load-language=zh_CN --stop-after-init --log-level=warn
    addons_stamp_save "$DB"
elif addons_changed "$DB"; then
    say "The addons' code changed since $DB was last updated: updating $XINFANG_MODULES (-u)"
    # --i18n-overwrite: the addons' zh_CN.po files are the source of the labels.
    "${ODOO_BIN[@]}" -c "$LOCAL/odoo.conf" -d "$DB" -u "$XINFANG_MODULES" \
        --i18n-overwrite --stop-after-init --log-level=warn
    addons_stamp_save "$DB"
    say "$DB now runs the current code of the addons"
else
    say "$DB already runs the current code of the addons (no update needed)"
fi

cat <<EOM

  信访事项代办 is at http://127.0.0.1:${HTTP_PORT:-8069}/odoo   (database: $DB)

  Demo logins (password = login):
    admin      管理员        administrator
    clerk      王芳          信访办工作人员 petition office clerk, meeting secretary
    principal  李建国        主要领导 principal leader (signs 交办签 / 办结签)
    leader     张明          分管领导 leader in charge
    handler    赵磊          承办人 handler (城建办)
    agent      陈秀英        代办员 agent (幸福社区)
    assessor   周静          考核员 assessor
    urban_head 孙志刚        城建办负责人 head of a unit (also county_head,
               xincheng_head, social_head, xingfu_head, heping_head, chunguang_head)

  Stop with Ctrl+C.
EOM
exec "${ODOO_BIN[@]}" -c "$LOCAL/odoo.conf" -d "$DB" --db-filter="^$DB\$"
