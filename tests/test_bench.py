"""The benchmark runs end to end, as ``make bench`` runs it, at a tiny size.

Its timings are not asserted (they belong in bench/RESULTS.md, not in
tests); what is checked is that every figure is produced, with its ratio and
target, and that each role and its helpdesk_mgmt twin see the same board.
"""

import json
import os
import socket
import subprocess
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def test_bench_runs_end_to_end():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    # Its own databases and port: two suites on one machine do not collide.
    env = dict(
        os.environ,
        BENCH_SIZES="tiny",
        BENCH_PORT=str(port),
        BENCH_CITIZENS="10",
        BENCH_INTAKE_CALLS="16",
        BENCH_DB_PREFIX=f"xinfang_bench_{os.getpid()}",
    )
    env.pop("BENCH_KEEP", None)
    run = subprocess.run(
        ["bash", "bench/run.sh"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=1800,
        check=False,
    )
    assert run.returncode == 0, run.stdout[-4000:] + run.stderr[-4000:]
    figures = json.loads((REPO / ".local/bench/tiny.json").read_text())
    assert figures["cases"] == 100

    # Every role against its helpdesk_mgmt twin: same board, each ratio
    # printed with its target.
    roles = (
        "county_clerk",
        "county_leader",
        "station_clerk",
        "station_leader",
        "handler",
        "agent",
        "manager",
    )
    kanban = figures["kanban"]
    assert set(kanban) == set(roles)
    for role in roles:
        case, ticket = kanban[role]["case"], kanban[role]["ticket"]
        assert case["visible"] == ticket["visible"] > 0, role
        assert case["records_shown"] == ticket["records_shown"] > 0, role
        assert kanban[role]["ratio"] > 0 and kanban[role]["target"] == 1.0
        assert f"a. kanban {role} " in run.stdout
    county = kanban["county_clerk"]["case"]["visible"]
    assert kanban["manager"]["case"]["visible"] == county
    for role in ("station_clerk", "station_leader", "handler", "agent"):
        assert 0 < kanban[role]["case"]["visible"] < county, role
    forms = figures["form"]
    assert set(forms) == set(roles)
    for role, form in forms.items():
        assert form["case"]["queries"] > 0 and form["ticket"]["queries"] > 0, role
        assert form["target"] == 1.1
    pivots = figures["pivot"]
    assert set(pivots) == {
        f"{role}/{pivot}"
        for role in ("county_leader", "station_leader")
        for pivot in ("unit_stage", "month_category")
    }
    for key, pivot in pivots.items():
        assert pivot["case"]["groups"] > 0 and pivot["ticket"]["groups"] > 0, key
        assert pivot["target"] == 1.2
    search = figures["search"]
    for role in ("county_clerk", "station_clerk", "agent"):
        for probe in ("id_number", "id_number_tail", "phone", "phone_tail", "name"):
            assert search[f"{role}/{probe}"]["found"] > 0, (role, probe)
    assert "(target <= 1.0)" in run.stdout
    assert "(target <= 1.1)" in run.stdout
    assert "(target <= 1.2)" in run.stdout
    assert "(target <= 50 ms)" in run.stdout

    # The first run urges the backlog, the second finds nothing new.
    assert figures["cron"]["second_run_queries"] <= figures["cron"]["queries"]
    reopened = figures["cron_all_open"]
    assert reopened["open_cases"] == 100
    assert reopened["overdue_activities"] > 0
    assert reopened["second_run_queries"] < reopened["queries"]

    assessment = figures["assessment"]
    assert assessment["units"] == 4  # the points (2 stations x 2)
    assert assessment["result_lines"] % assessment["units"] == 0
    assert assessment["result_lines"] > 0

    # The screening ledger: one dispute per two cases, the open ones listed.
    ledger = figures["dispute_list"]
    assert ledger["disputes"] == 50
    county, station = ledger["clerk_center"], ledger["clerk_station"]
    assert 0 < county["records_shown"] == min(county["visible"], 80)
    assert 0 < station["visible"] < county["visible"]
    assert county["queries"] > 0

    dashboard = figures["figures"]
    assert (
        dashboard["clerk_center"]["groups"] > dashboard["clerk_station"]["groups"] > 0
    )
    assert dashboard["clerk_center"]["queries"] > 0

    # Intake and its twin, helpdesk ticket creation, by 1, 4 and 8 clients
    # against --workers=2: every call succeeds, and the ratio is printed.
    intake = figures["intake"]
    assert intake["workers"] == 2
    assert intake["calls"] > 0
    assert intake["cases_per_second"] > 0
    assert intake["tickets_per_second"] > 0
    assert intake["errors"] == 0
    assert sorted(intake["clients"], key=int) == ["1", "4", "8"]
    for run_ in intake["clients"].values():
        assert run_["intake"]["calls"] == run_["helpdesk"]["calls"] == intake["calls"]
        assert run_["ratio"] > 0
    assert intake["in_process"]["intake"]["queries"] > 0
    assert intake["in_process"]["helpdesk"]["queries"] > 0
    assert "ratio intake/helpdesk at 8 clients:" in run.stdout
    # Citizens submit and track online petitions against --workers=2.
    assert "e. online petitions: 10 citizens at once, --workers=2" in run.stdout
    assert "   errors: 0" in run.stdout
    assert "cases registered: 10 (expected 10)" in run.stdout
    # The run cleans up after itself.
    databases = subprocess.run(
        ["psql", "-d", "postgres", "-Atc", "select datname from pg_database"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    assert "xinfang_bench_tiny" not in databases
    assert "xinfang_bench_template" not in databases
