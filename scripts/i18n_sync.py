"""Refresh addons/<module>/i18n/zh_CN.po from a database with the module installed.

    .venv/bin/python scripts/i18n_sync.py [--prune] DB MODULE [MODULE ...]

Exports the module's current terms, keeps every translation the .po already
has, adds the new terms with an empty msgstr; with --prune it also drops the
terms the module no longer has (without it they are kept, so that syncing
from a database that lacks someone else's new code loses nothing).
Terms Odoo itself already translates the same way (the mail mixin's field
labels, "Active", "Sequence", ...) are filled from Odoo's own zh_CN.po of
base, mail and web. Prints the terms still untranslated; fill them in and
run the tests.
"""

import subprocess
import sys
import tempfile
from pathlib import Path

import polib

REPO = Path(__file__).resolve().parent.parent


def export_terms(db, module, target):
    odoo_src = (REPO / ".local" / "odoo-src").read_text().strip()
    subprocess.run(
        [
            str(REPO / ".venv" / "bin" / "python"),
            f"{odoo_src}/odoo-bin",
            "-c",
            str(REPO / ".local" / "odoo.conf"),
            "-d",
            db,
            f"--i18n-export={target}",
            "--language=zh_CN",
            f"--modules={module}",
            "--stop-after-init",
            "--log-level=warn",
            "--no-http",
        ],
        check=True,
    )


def odoo_translations():
    """msgid -> msgstr from the zh_CN.po of the Odoo modules ours build on."""
    odoo_src = Path((REPO / ".local" / "odoo-src").read_text().strip())
    sources = [
        odoo_src / "odoo" / "addons" / "base" / "i18n" / "zh_CN.po",
        odoo_src / "addons" / "mail" / "i18n" / "zh_CN.po",
        odoo_src / "addons" / "web" / "i18n" / "zh_CN.po",
    ]
    table = {}
    for source in sources:
        for entry in polib.pofile(str(source)):
            if entry.msgstr and not entry.msgctxt:
                table.setdefault(entry.msgid, entry.msgstr)
    return table


def sync(db, module, fallback, prune=False):
    po_path = REPO / "addons" / module / "i18n" / "zh_CN.po"
    previous = polib.pofile(str(po_path)) if po_path.exists() else []
    known = {(e.msgctxt, e.msgid): e.msgstr for e in previous}
    with tempfile.TemporaryDirectory() as tmp:
        fresh_path = Path(tmp) / "fresh.po"
        export_terms(db, module, fresh_path)
        fresh = polib.pofile(str(fresh_path))
        if not len(fresh):
            # Not (yet) installed in that database: pruning would empty the file.
            sys.exit(f"{module}: no terms exported from {db}; is it installed there?")
    if not prune:
        fresh_keys = {(e.msgctxt, e.msgid) for e in fresh}
        fresh.extend(e for e in previous if (e.msgctxt, e.msgid) not in fresh_keys)
    missing = []
    for entry in fresh:
        entry.msgstr = (
            known.get((entry.msgctxt, entry.msgid))
            or fallback.get(entry.msgid)
            or entry.msgstr
        )
        if not entry.msgstr:
            missing.append(entry.msgid)
    po_path.parent.mkdir(exist_ok=True)
    fresh.save(str(po_path))
    for msgid in missing:
        print(f"{module}: untranslated: {msgid!r}")
    return missing


if __name__ == "__main__":
    args = sys.argv[1:]
    prune_obsolete = "--prune" in args
    database, *modules = [arg for arg in args if arg != "--prune"]
    odoo_terms = odoo_translations()
    untranslated = [
        term
        for module in modules
        for term in sync(database, module, odoo_terms, prune=prune_obsolete)
    ]
    sys.exit(1 if untranslated else 0)
