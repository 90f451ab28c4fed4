"""scripts/setup.sh without an Odoo source and without network stops with a
short message that says how to provide one, not a traceback."""

import os
import subprocess
from pathlib import Path

SETUP = Path(__file__).resolve().parent.parent / "scripts" / "setup.sh"


def run_setup(**env_overrides):
    env = {key: value for key, value in os.environ.items() if key != "ODOO_SRC"}
    env.update(env_overrides)
    return subprocess.run(
        ["bash", str(SETUP)], env=env, capture_output=True, text=True, timeout=120
    )


def test_no_source_and_no_network_explains_what_to_do(tmp_path):
    result = run_setup(
        ODOO_CACHE_DIR=str(tmp_path / "odoo-cache"),
        # An upstream that cannot be reached, as on a machine without network.
        ODOO_GIT_URL=f"file://{tmp_path}/unreachable/odoo.git",
    )
    assert result.returncode == 1
    assert "No Odoo 18.0 source" in result.stderr
    assert "ODOO_SRC=" in result.stderr
    assert str(tmp_path / "odoo-cache") in result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    assert not (tmp_path / "odoo-cache").exists()


def test_odoo_src_that_is_not_odoo_is_refused(tmp_path):
    result = run_setup(ODOO_SRC=str(tmp_path))
    assert result.returncode == 1
    assert "is not an Odoo source tree" in result.stderr
    assert "Traceback" not in result.stdout + result.stderr


def test_master_password_is_generated_once_and_never_committed():
    local = SETUP.parent.parent / ".local"
    first = run_setup()
    assert first.returncode == 0, first.stderr
    secret = (local / "master-password").read_text()
    config = (local / "odoo.conf").read_text()
    second = run_setup()
    assert second.returncode == 0, second.stderr
    assert (local / "master-password").read_text() == secret
    # Only the hash is in odoo.conf, the same one as before.
    assert (local / "odoo.conf").read_text() == config
    assert secret.strip() not in config
    assert "admin_passwd = $pbkdf2-sha512$" in config
    ignored = subprocess.run(
        ["git", "check-ignore", "-q", str(local / "master-password")],
        cwd=SETUP.parent.parent,
        check=False,
    )
    assert ignored.returncode == 0
