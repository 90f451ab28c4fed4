"""`make run` updates the addons of an existing database when their code
changed since it was last created or updated (scripts/addons_stamp.sh, used
by scripts/run.sh)."""

import subprocess
from pathlib import Path

SCRIPTS = Path(__file__).resolve().parent.parent / "scripts"
STAMP = SCRIPTS / "addons_stamp.sh"


def stamp_shell(addons, stamps, command):
    """Run ``command`` in bash with the stamp functions on ``addons``."""
    result = subprocess.run(
        ["bash", "-c", f'source "{STAMP}"; {command}'],
        env={
            "PATH": "/usr/bin:/bin",
            "XINFANG_ADDONS_DIR": str(addons),
            "XINFANG_STAMP_DIR": str(stamps),
        },
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    return result


def changed(addons, stamps, db="demo"):
    return stamp_shell(addons, stamps, f"addons_changed {db}").returncode == 0


def make_addons(root):
    module = root / "addons" / "xinfang_agency"
    (module / "models").mkdir(parents=True)
    (module / "models" / "case.py").write_text("X = 1\n")
    (module / "views.xml").write_text("<odoo/>\n")
    return root / "addons"


def test_new_database_without_stamp_is_updated(tmp_path):
    addons = make_addons(tmp_path)
    assert changed(addons, tmp_path / "stamps")


def test_stamp_saved_then_unchanged(tmp_path):
    addons = make_addons(tmp_path)
    stamps = tmp_path / "stamps"
    saved = stamp_shell(addons, stamps, "addons_stamp_save demo")
    assert saved.returncode == 0, saved.stderr
    assert (stamps / "addons-stamp.demo").read_text().strip()
    assert not changed(addons, stamps)
    # Another database has its own stamp.
    assert changed(addons, stamps, db="other")


def test_code_change_new_file_and_rename_are_seen(tmp_path):
    addons = make_addons(tmp_path)
    stamps = tmp_path / "stamps"
    stamp_shell(addons, stamps, "addons_stamp_save demo")
    (addons / "xinfang_agency" / "models" / "case.py").write_text("X = 2\n")
    assert changed(addons, stamps)
    stamp_shell(addons, stamps, "addons_stamp_save demo")
    (addons / "xinfang_agency" / "models" / "new.py").write_text("")
    assert changed(addons, stamps)
    stamp_shell(addons, stamps, "addons_stamp_save demo")
    (addons / "xinfang_agency" / "views.xml").rename(
        addons / "xinfang_agency" / "v.xml"
    )
    assert changed(addons, stamps)


def test_bytecode_caches_do_not_count(tmp_path):
    addons = make_addons(tmp_path)
    stamps = tmp_path / "stamps"
    stamp_shell(addons, stamps, "addons_stamp_save demo")
    cache = addons / "xinfang_agency" / "models" / "__pycache__"
    cache.mkdir()
    (cache / "case.cpython-311.pyc").write_bytes(b"\x00\x01")
    assert not changed(addons, stamps)


def test_run_script_updates_when_changed_and_says_so():
    run = (SCRIPTS / "run.sh").read_text()
    assert 'source "$(dirname "$0")/addons_stamp.sh"' in run
    update = run[run.index("elif addons_changed") : run.index("else\n")]
    assert '-u "$XINFANG_MODULES"' in update
    assert "--i18n-overwrite" in update  # changed labels reach the database
    assert "say " in update
    assert update.index("-u ") < update.index('addons_stamp_save "$DB"')
    create = run[run.index("if ! psql") : run.index("elif addons_changed")]
    assert 'addons_stamp_save "$DB"' in create
