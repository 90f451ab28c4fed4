# The addons' code stamp: whether a database runs the code in addons/.
# Sourced by run.sh (and its test). A stamp is one hash of every file of the
# addons (paths and contents; bytecode caches left out), stored per database
# in .local/ when the database is created or updated.
XINFANG_ADDONS_DIR="${XINFANG_ADDONS_DIR:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/addons}"
XINFANG_STAMP_DIR="${XINFANG_STAMP_DIR:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/.local}"

addons_stamp() {
    (cd "$XINFANG_ADDONS_DIR" && find . -type f ! -path '*/__pycache__/*' ! -name '*.pyc' -print0 \
        | LC_ALL=C sort -z | xargs -0 sha256sum | sha256sum | cut -d' ' -f1)
}

addons_stamp_file() { printf '%s/addons-stamp.%s' "$XINFANG_STAMP_DIR" "$1"; }

# True when database $1 was last created or updated with other code (or
# when nothing says which code it has).
addons_changed() {
    [ "$(cat "$(addons_stamp_file "$1")" 2>/dev/null)" != "$(addons_stamp)" ]
}

addons_stamp_save() {
    mkdir -p "$XINFANG_STAMP_DIR"
    addons_stamp > "$(addons_stamp_file "$1")"
}
