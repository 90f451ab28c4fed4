#!/usr/bin/env bash
# Idempotent setup for the xinfang addons: Odoo 18.0 source, Python venv,
# PostgreSQL, and (with --test) Chromium, wkhtmltopdf and OCA's checks.
# A second run skips what is done and takes seconds.
#
#   ODOO_SRC        an Odoo 18.0 source tree to use as it is
#   ODOO_CACHE_DIR  where the Odoo source is looked for or cloned
#                   (default: ~/.cache/xinfang/odoo-18.0)
#   ODOO_GIT_URL    upstream to clone from (default: Odoo's 18.0 branch)
#   MAINTAINER_TOOLS_SRC  an OCA/maintainer-tools tree (oca-gen-addon-readme);
#                   else ~/.cache/xinfang/maintainer-tools, else cloned
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
LOCAL="$REPO/.local"
VENV="$REPO/.venv"
LINT_VENV="$REPO/.venv-lint"
PYTHON="${PYTHON:-python3}"
ODOO_CACHE_DIR="${ODOO_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/xinfang/odoo-18.0}"
ODOO_GIT_URL="${ODOO_GIT_URL:-https://github.com/odoo/odoo.git}"
HTTP_PORT="${HTTP_PORT:-8069}"
WITH_TEST_TOOLS=0
[ "${1:-}" = "--test" ] && WITH_TEST_TOOLS=1

say() { printf '\033[1m[setup]\033[0m %s\n' "$*"; }
die() { printf '\033[1;31m[setup] %s\033[0m\n' "$*" >&2; exit 1; }
is_root() { [ "$(id -u)" = 0 ]; }

APT_UPDATED=0
apt_install() {
    is_root || die "Missing system packages: $*. Install them (sudo apt-get install $*) and run again."
    command -v apt-get >/dev/null || die "Missing system packages: $*; this is not a Debian/Ubuntu system."
    if [ "$APT_UPDATED" = 0 ]; then
        apt-get update -qq >/dev/null && APT_UPDATED=1
    fi
    say "Installing $* (Debian packages)"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

is_odoo_tree() { [ -f "$1/odoo-bin" ] && [ -f "$1/odoo/release.py" ] && [ -d "$1/addons/web" ]; }

resolve_odoo_src() {
    if [ -n "${ODOO_SRC:-}" ]; then
        is_odoo_tree "$ODOO_SRC" || die "ODOO_SRC=$ODOO_SRC is not an Odoo source tree (no odoo-bin, odoo/ and addons/)."
        return
    fi
    if ! is_odoo_tree "$ODOO_CACHE_DIR"; then
        say "Cloning Odoo 18.0 from $ODOO_GIT_URL into $ODOO_CACHE_DIR (about 1 GB)"
        mkdir -p "$(dirname "$ODOO_CACHE_DIR")"
        rm -rf "$ODOO_CACHE_DIR.partial"
        if ! GIT_TERMINAL_PROMPT=0 git clone -q --depth 1 --branch 18.0 "$ODOO_GIT_URL" "$ODOO_CACHE_DIR.partial" 2>/dev/null; then
            rm -rf "$ODOO_CACHE_DIR.partial"
            die "No Odoo 18.0 source: cloning $ODOO_GIT_URL failed (no network?).
        Provide one of:
          - ODOO_SRC=/path/to/odoo-18.0 (a tree with odoo-bin, odoo/ and addons/), or
          - a copy of that tree at $ODOO_CACHE_DIR
        then run the command again."
        fi
        mv "$ODOO_CACHE_DIR.partial" "$ODOO_CACHE_DIR"
    fi
    ODOO_SRC="$ODOO_CACHE_DIR"
}

check_odoo_version() {
    local series
    series=$(cd "$ODOO_SRC" && "$PYTHON" -c 'import runpy; r = runpy.run_path("odoo/release.py"); print(r["serie"])')
    [ "$series" = "18.0" ] || die "$ODOO_SRC holds Odoo $series; these addons need Odoo 18.0."
}

stamp_of() { { cat "$@" 2>/dev/null || true; } | sha1sum | cut -c1-16; }

ensure_venv() {
    local want stamp="$VENV/.xinfang-installed"
    [ -x "$VENV/bin/python" ] || { say "Creating $VENV"; "$PYTHON" -m venv "$VENV"; }
    # Odoo is imported from the source tree, not installed as a distribution.
    local site
    site=$("$VENV/bin/python" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')
    echo "$ODOO_SRC" > "$site/odoo-src.pth"
    want=$(stamp_of "$ODOO_SRC/requirements.txt" "$REPO/requirements.txt" "$REPO/constraints.txt" "$REPO/requirements-odoo-addons.txt")
    [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ] && return
    say "Installing Python requirements (Odoo's and ours; about a minute)"
    # psycopg2 and python-ldap compile against system headers; we use the
    # psycopg2-binary wheel and do not ship LDAP login.
    grep -viE '^(psycopg2|python-ldap)[=<> ;]' "$ODOO_SRC/requirements.txt" > "$LOCAL/odoo-requirements.txt"
    export PIP_CONSTRAINT="$REPO/constraints.txt" PIP_DISABLE_PIP_VERSION_CHECK=1
    "$VENV/bin/pip" install -q --upgrade "pip<25" wheel "setuptools<70"
    "$VENV/bin/pip" install -q -r "$LOCAL/odoo-requirements.txt" -r "$REPO/requirements.txt"
    if [ -f "$REPO/requirements-odoo-addons.txt" ]; then
        # OCA wheels declare a dependency on the odoo distribution, which is a source tree here.
        "$VENV/bin/pip" install -q --no-deps -r "$REPO/requirements-odoo-addons.txt"
    fi
    echo "$want" > "$stamp"
}

# OCA/maintainer-tools (oca-gen-addon-readme) is not on PyPI: it is installed
# from MAINTAINER_TOOLS_SRC, else from a tree in the cache, else cloned from
# GitHub at the commit we pin; its markdown fragments need pandoc.
MAINTAINER_TOOLS_COMMIT=d4657f8c17a576d0c56c68064e199545ee75db52
MAINTAINER_TOOLS_CACHE="${XDG_CACHE_HOME:-$HOME/.cache}/xinfang/maintainer-tools"

maintainer_tools_src() {
    if [ -n "${MAINTAINER_TOOLS_SRC:-}" ]; then
        echo "$MAINTAINER_TOOLS_SRC"
    elif [ -f "$MAINTAINER_TOOLS_CACHE/tools/gen_addon_readme.py" ]; then
        echo "$MAINTAINER_TOOLS_CACHE"
    else
        echo "git+https://github.com/OCA/maintainer-tools@$MAINTAINER_TOOLS_COMMIT"
    fi
}

ensure_lint_venv() {
    local want stamp="$LINT_VENV/.xinfang-installed" tools
    command -v pandoc >/dev/null || apt_install pandoc
    tools=$(maintainer_tools_src)
    want=$( { cat "$REPO/requirements-lint.txt"; echo "$tools $MAINTAINER_TOOLS_COMMIT"; } | sha1sum | cut -c1-16)
    [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ] && return
    say "Installing OCA's checks (pylint-odoo, ruff, odoo-pre-commit-hooks, maintainer-tools) in $LINT_VENV"
    [ -x "$LINT_VENV/bin/python" ] || "$PYTHON" -m venv "$LINT_VENV"
    PIP_DISABLE_PIP_VERSION_CHECK=1 "$LINT_VENV/bin/pip" install -q -r "$REPO/requirements-lint.txt"
    # A source tree without .git gives hatch-vcs no version to read.
    SETUPTOOLS_SCM_PRETEND_VERSION=0.0.0 PIP_DISABLE_PIP_VERSION_CHECK=1 \
        "$LINT_VENV/bin/pip" install -q "$tools" \
        || die "Could not install OCA/maintainer-tools from $tools.
        Provide MAINTAINER_TOOLS_SRC=/path/to/maintainer-tools (a checkout of
        github.com/OCA/maintainer-tools) or a copy at $MAINTAINER_TOOLS_CACHE."
    echo "$want" > "$stamp"
}

pg_answers() { psql -h "$DB_HOST" -p "$DB_PORT" -U "$DB_USER" -d postgres -Atqc 'select 1' >/dev/null 2>&1; }

ensure_postgres() {
    DB_HOST="${PGHOST:-/var/run/postgresql}"
    DB_PORT="${PGPORT:-5432}"
    DB_USER="${PGUSER:-$(id -un)}"
    [ "$DB_USER" = postgres ] && die "Odoo refuses to connect as 'postgres'; set PGUSER to another role."
    command -v psql >/dev/null && pg_answers && return
    if ! command -v pg_ctlcluster >/dev/null; then
        apt_install postgresql
    fi
    local version cluster
    version=$(ls /usr/lib/postgresql | sort -V | tail -1)
    cluster=$(pg_lsclusters -h 2>/dev/null | awk -v v="$version" '$1 == v {print $2; exit}')
    if [ -z "$cluster" ]; then
        is_root || die "No PostgreSQL cluster; create one (pg_createcluster $version main) and run again."
        pg_createcluster -q "$version" main >/dev/null
        cluster=main
    fi
    say "Starting PostgreSQL $version/$cluster"
    if is_root; then
        pg_ctlcluster "$version" "$cluster" start 2>/dev/null || true
    else
        pg_ctlcluster "$version" "$cluster" start 2>/dev/null ||
            die "PostgreSQL is not running; start it (sudo pg_ctlcluster $version $cluster start) and run again."
    fi
    for _ in $(seq 30); do pg_isready -q -h "$DB_HOST" -p "$DB_PORT" && break; sleep 1; done
    if ! pg_answers; then
        if is_root; then
            su postgres -c "createuser -s '$DB_USER'" 2>/dev/null || true
        fi
        pg_answers || die "PostgreSQL answers but not to role '$DB_USER'; create it (sudo -u postgres createuser -s $DB_USER)."
    fi
}

ensure_test_tools() {
    local missing=()
    command -v chromium >/dev/null || command -v chromium-browser >/dev/null || command -v google-chrome >/dev/null || missing+=(chromium)
    command -v wkhtmltopdf >/dev/null || missing+=(wkhtmltopdf)
    # Chinese glyphs in PDF reports and screenshots.
    fc-list 2>/dev/null | grep -i 'noto.*cjk' >/dev/null || missing+=(fonts-noto-cjk)
    [ ${#missing[@]} = 0 ] || apt_install "${missing[@]}"
}

# The master password (database manager) is generated once and kept in
# .local/ (never committed); odoo.conf gets only its PBKDF2 hash.
ensure_master_password() {
    local secret="$LOCAL/master-password" hashed="$LOCAL/master-password.hash"
    if [ ! -s "$secret" ]; then
        say "Generating the master password in $secret"
        (umask 077 && "$VENV/bin/python" -c 'import secrets; print(secrets.token_urlsafe(24))' > "$secret")
        rm -f "$hashed"
    fi
    if [ ! -s "$hashed" ] || [ "$hashed" -ot "$secret" ]; then
        (umask 077 && "$VENV/bin/python" -c 'import sys
from passlib.context import CryptContext
print(CryptContext(["pbkdf2_sha512"], pbkdf2_sha512__rounds=600_000).hash(sys.stdin.read().strip()))' \
            < "$secret" > "$hashed")
    fi
}

render_config() {
    ensure_master_password
    (umask 077 && sed -e "s#@ODOO_SRC@#$ODOO_SRC#g" -e "s#@REPO@#$REPO#g" \
        -e "s#@DB_HOST@#$DB_HOST#g" -e "s#@DB_PORT@#$DB_PORT#g" \
        -e "s#@DB_USER@#$DB_USER#g" -e "s#@HTTP_PORT@#$HTTP_PORT#g" \
        -e "s#@ADMIN_PASSWD_HASH@#$(cat "$LOCAL/master-password.hash")#g" \
        "$REPO/config/odoo.conf.template" > "$LOCAL/odoo.conf.new")
    chmod 600 "$LOCAL/odoo.conf.new"
    mv "$LOCAL/odoo.conf.new" "$LOCAL/odoo.conf"
    echo "$ODOO_SRC" > "$LOCAL/odoo-src"
}

main() {
    mkdir -p "$LOCAL/data"
    command -v "$PYTHON" >/dev/null || die "$PYTHON not found; Odoo 18.0 needs Python 3.10 to 3.12."
    resolve_odoo_src
    check_odoo_version
    ensure_postgres
    ensure_venv
    if [ "$WITH_TEST_TOOLS" = 1 ]; then
        ensure_test_tools
        ensure_lint_venv
    fi
    render_config
}

main
