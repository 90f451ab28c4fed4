"""Measure a populated benchmark database (see bench/README.md).

    .venv/bin/python bench/measure.py DB [--url http://127.0.0.1:8079] [--out FILE]
    .venv/bin/python bench/measure.py --growth SMALLER.json LARGER.json

Prints, and writes as JSON to --out:
  a. the kanban's first page for a clerk bound by record rules, and for
     helpdesk_mgmt's ticket kanban over as many tickets, with the ratio;
  b. the overdue-urging scheduled action (time, queries), rolled back, as
     populated and once more with every case open;
  c. a quarterly assessment run for all units (time, queries), rolled back;
  d. the intake API over JSON-RPC against the server at --url (cases/s);
  e. the screening ledger's list (问题清单) first page, as the web client
     loads it, for a county clerk and a station clerk bound by record rules;
  f. the leaders' dashboard (figures per level, trend, hotspots) as the
     county clerk and a station clerk (time, queries).
"""

import argparse
import json
import statistics
import sys
import time
import urllib.request
from datetime import date
from pathlib import Path

from lxml import etree

import odoo
from odoo import SUPERUSER_ID, api, fields
from odoo.tools.safe_eval import safe_eval

REPO = Path(__file__).resolve().parent.parent
RUNS = 5


def counted(env, func):
    """(seconds, queries, result) of func()."""
    cr = env.cr
    q0 = cr.sql_log_count
    t0 = time.perf_counter()
    result = func()
    return time.perf_counter() - t0, cr.sql_log_count - q0, result


def kanban_spec(model):
    """The web_search_read specification of the model's kanban view."""
    arch = model.get_views([(False, "kanban")])["views"]["kanban"]["arch"]
    spec = {}
    for node in etree.fromstring(arch).iter("field"):
        name = node.get("name")
        field = model._fields[name]
        if field.type in ("many2one", "many2many", "one2many"):
            spec[name] = {"fields": {"display_name": {}}}
        else:
            spec[name] = {}
    progressbar = etree.fromstring(arch).find(".//progressbar")
    return spec, progressbar


def action_domain(env, xmlid):
    """Domain and context the web client starts the action with."""
    action = env["ir.actions.act_window"]._for_xml_id(xmlid)
    ctx_eval = {"uid": env.uid, "active_id": False, "context": {}}
    domain = safe_eval(action.get("domain") or "[]", ctx_eval)
    context = safe_eval(action.get("context") or "{}", ctx_eval)
    model = env[action["res_model"]]
    search_arch = model.get_views([(False, "search")])["views"]["search"]["arch"]
    filters = {f.get("name"): f for f in etree.fromstring(search_arch).iter("filter")}
    for key in context:
        if key.startswith("search_default_") and context[key]:
            node = filters.get(key[len("search_default_") :])
            if node is not None and node.get("domain"):
                domain = domain + safe_eval(node.get("domain"), ctx_eval)
    return model, domain


def kanban_first_page(env, xmlid):
    """web_read_group by stage, then web_search_read (limit 80) per open group."""
    model, domain = action_domain(env, xmlid)
    spec, progressbar = kanban_spec(model)
    group_field = "stage_id"

    def load():
        env.invalidate_all()
        groups = model.web_read_group(domain, [group_field], [group_field], lazy=True)
        count = 0
        if progressbar is not None:
            model.read_progress_bar(
                domain,
                group_field,
                {
                    "field": progressbar.get("field"),
                    "colors": json.loads(progressbar.get("colors")),
                },
            )
        for group in groups["groups"]:
            if group.get("__fold"):
                continue
            res = model.web_search_read(group["__domain"], spec, limit=80)
            count += len(res["records"])
        return count

    load()  # warm the caches (ormcache, prepared plans) like a live server
    samples = [counted(env, load) for _i in range(RUNS)]
    return {
        "seconds": statistics.median(s[0] for s in samples),
        "queries": samples[0][1],
        "records_shown": samples[0][2],
        "visible": model.search_count(domain),
    }


def measure_kanban(registry, db_users):
    out = {}
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        # An administrator of the petition office (rule: all cases), created
        # in this transaction, shows what the clerk's record rules cost.
        db_users = dict(
            db_users,
            bench_manager=env["res.users"]
            .with_context(no_reset_password=True)
            .create(
                {
                    "name": "信访管理员",
                    "login": "bench_manager",
                    "groups_id": [
                        (6, 0, [env.ref("xinfang_agency.group_xinfang_manager").id])
                    ],
                }
            )
            .id,
        )
        for key, login, xmlid in (
            ("xinfang_manager", "bench_manager", "xinfang_agency.xinfang_case_action"),
            (
                "xinfang_clerk_center",
                "bench_clerk",
                "xinfang_agency.xinfang_case_action",
            ),
            (
                "xinfang_clerk_station",
                "bench_station_clerk",
                "xinfang_agency.xinfang_case_action",
            ),
            ("helpdesk_user", "bench_helpdesk", "helpdesk_mgmt.helpdesk_ticket_action"),
        ):
            user = db_users[login]
            uenv = api.Environment(
                cr,
                user,
                {
                    "lang": "zh_CN",
                    "tz": "Asia/Shanghai",
                    "allowed_company_ids": [env.company.id],
                },
            )
            out[key] = kanban_first_page(uenv, xmlid)
        cr.rollback()
    out["ratio_center_vs_helpdesk"] = (
        out["xinfang_clerk_center"]["seconds"] / out["helpdesk_user"]["seconds"]
    )
    return out


def list_first_page(env, xmlid):
    """web_search_read of the action's list view (its field specification,
    limit 80, the count the pager shows), with the action's default filters."""
    model, domain = action_domain(env, xmlid)
    action = env["ir.actions.act_window"]._for_xml_id(xmlid)
    view_id = action.get("view_id") and action["view_id"][0]
    arch = model.get_views([(view_id, "list")])["views"]["list"]["arch"]
    spec = {}
    for node in etree.fromstring(arch).iter("field"):
        field = model._fields[node.get("name")]
        spec[field.name] = {"fields": {"display_name": {}}} if field.relational else {}

    def load():
        env.invalidate_all()
        res = model.web_search_read(domain, spec, limit=80, count_limit=10001)
        return len(res["records"]), res["length"]

    load()  # warm the caches like a live server
    samples = [counted(env, load) for _i in range(RUNS)]
    return {
        "seconds": statistics.median(s[0] for s in samples),
        "queries": samples[0][1],
        "records_shown": samples[0][2][0],
        "visible": samples[0][2][1],
    }


def measure_dispute_list(registry, db_users):
    out = {}
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        out["disputes"] = (
            env["xinfang.dispute"].with_context(active_test=False).search_count([])
        )
        for key, login in (
            ("clerk_center", "bench_clerk"),
            ("clerk_station", "bench_station_clerk"),
        ):
            uenv = api.Environment(
                cr,
                db_users[login],
                {
                    "lang": "zh_CN",
                    "tz": "Asia/Shanghai",
                    "allowed_company_ids": [env.company.id],
                },
            )
            out[key] = list_first_page(
                uenv, "xinfang_agency.xinfang_dispute_action_problem"
            )
        cr.rollback()
    return out


def measure_cron(registry, reopen=False):
    """The urging cron's first and second run, rolled back. With ``reopen``,
    every closed or archived case is first put back in handling (see
    ``reopen_closed_cases``): a county with all its cases open."""
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        cron = env.ref("xinfang_agency.ir_cron_xinfang_urge_overdue")
        cenv = api.Environment(cr, cron.user_id.id, {})
        today = fields.Date.context_today(cenv["xinfang.case"])
        if reopen:
            reopen_closed_cases(env, today)
        open_cases = (
            cenv["xinfang.case"]
            .sudo()
            .search_count([("state", "not in", ("closed", "archived"))])
        )
        overdue = cenv["mail.activity"].search_count(
            [("res_model", "=", "xinfang.case"), ("date_deadline", "<", today)]
        )
        cenv.invalidate_all()
        secs, queries, _r = counted(
            cenv, lambda: cenv["xinfang.case"]._cron_urge_overdue()
        )
        cenv.flush_all()
        secs2, queries2, _r = counted(
            cenv, lambda: cenv["xinfang.case"]._cron_urge_overdue()
        )
        cr.rollback()
    return {
        "open_cases": open_cases,
        "overdue_activities": overdue,
        "seconds": secs,
        "queries": queries,
        "second_run_seconds": secs2,
        "second_run_queries": queries2,
    }


def reopen_closed_cases(env, today):
    """Put every closed or archived case back in handling with a handling
    deadline activity, one in ten overdue by 1 to 19 days (as populate.py
    does for the cases in handling). By SQL, in the caller's transaction."""
    deadline_type = env.ref("xinfang_agency.mail_activity_type_deadline_handling")
    env.cr.execute(
        """
        WITH reopened AS (
            UPDATE xinfang_case
               SET stage_id = %(stage)s, state = 'handling', active = TRUE,
                   deadline_date = CASE
                       WHEN id %% 10 = 0 THEN %(today)s::date - 1 - id %% 19
                       ELSE %(today)s::date + 1 + id %% 39
                   END
             WHERE state IN ('closed', 'archived')
         RETURNING id, deadline_date,
                   COALESCE(handler_id, create_uid) AS user_id, create_uid
        )
        INSERT INTO mail_activity (res_model_id, res_model, res_id,
                                   activity_type_id, summary,
                                   date_deadline, user_id, automated, active,
                                   create_uid, write_uid, create_date, write_date)
        SELECT %(model)s, 'xinfang.case', id, %(type)s, %(summary)s,
               deadline_date, user_id,
               TRUE, TRUE, create_uid, create_uid, now(), now()
          FROM reopened
        """,
        {
            "stage": env.ref("xinfang_agency.stage_handling").id,
            "today": today,
            "model": env["ir.model"]._get_id("xinfang.case"),
            "type": deadline_type.id,
            "summary": deadline_type.summary or deadline_type.name,
        },
    )
    env.invalidate_all()


def measure_assessment(registry, db_users):
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        today = date.today()
        q = (today.month - 1) // 3
        start = date(today.year, 3 * q + 1, 1)
        end = date(today.year + (q == 3), (3 * q + 3) % 12 + 1, 1).toordinal() - 1
        scheme = env["xinfang.assessment.scheme"].search([], limit=1)
        period = env["xinfang.assessment.period"].search(
            [
                ("scheme_id", "=", scheme.id),
                ("period_type", "=", "quarter"),
                ("date_start", "=", start),
            ],
            limit=1,
        ) or env["xinfang.assessment.period"].create(
            {
                "name": f"{today.year}年第{q + 1}季度",
                "scheme_id": scheme.id,
                "period_type": "quarter",
                "date_start": start,
                "date_end": date.fromordinal(end),
            }
        )
        run = env["xinfang.assessment.run"].create({"period_id": period.id})
        assessor = db_users["bench_assessor"]
        aenv = api.Environment(cr, assessor, {"lang": "zh_CN"})
        arun = run.with_env(aenv)
        units = len(scheme._assessed_units())
        aenv.invalidate_all()
        secs, queries, _r = counted(
            aenv, lambda: (arun.action_compute(), aenv.flush_all())
        )
        lines = (
            aenv["xinfang.assessment.result.line"]
            .sudo()
            .search_count([("result_id.run_id", "=", run.id)])
        )
        cr.rollback()
    return {"units": units, "result_lines": lines, "seconds": secs, "queries": queries}


def dashboard_reads(env):
    """The read_groups the leaders' dashboard sends: each pivot for every
    prefix of its row groupings (as the pivot model loads its headers),
    and the trend chart."""
    # The file the dashboard is loaded from (a database copied by createdb -T
    # has no filestore: its attachment reads empty).
    with odoo.tools.file_open(
        "xinfang_agency/data/files/xinfang_figures_dashboard.json"
    ) as file:
        data = json.load(file)
    model = env["xinfang.figure"]
    calls = []
    for pivot in data["pivots"].values():
        measures = [
            f"{m['fieldName']}:{model._fields[m['fieldName']].aggregator}"
            for m in pivot["measures"]
        ]
        rows = [r["fieldName"] for r in pivot["rows"]]
        calls += [(pivot["domain"], measures, rows[:n]) for n in range(len(rows) + 1)]
    for sheet in data["sheets"]:
        for figure in sheet["figures"]:
            meta, search = figure["data"]["metaData"], figure["data"]["searchParams"]
            calls.append(
                (search["domain"], [f"{meta['measure']}:sum"], meta["groupBy"])
            )

    def load():
        env.invalidate_all()
        groups = 0
        for domain, measures, groupby in calls:
            groups += len(model.read_group(domain, measures, groupby, lazy=False))
        return groups

    load()
    samples = [counted(env, load) for _i in range(RUNS)]
    return {
        "seconds": statistics.median(s[0] for s in samples),
        "queries": samples[0][1],
        "groups": samples[0][2],
        "read_groups": len(calls),
    }


def measure_figures(registry, db_users):
    """The leaders' dashboard (figures per level, trend, hotspots) for the
    county clerk (the whole county) and a station clerk (its jurisdiction),
    and the scheduled recount of the figures behind it."""
    out = {}
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        secs, queries, _result = counted(env, env["xinfang.figure"]._refresh_figures)
        out["refresh"] = {
            "seconds": secs,
            "queries": queries,
            "rows": env["xinfang.figure"].search_count([]),
        }
        for key, login in (
            ("clerk_center", "bench_clerk"),
            ("clerk_station", "bench_station_clerk"),
        ):
            uenv = api.Environment(cr, db_users[login], {"lang": "zh_CN"})
            out[key] = dashboard_reads(uenv)
        cr.rollback()
    return out


def rpc(url, service, method, *args):
    payload = json.dumps(
        {
            "jsonrpc": "2.0",
            "method": "call",
            "params": {"service": service, "method": method, "args": args},
        }
    )
    req = urllib.request.Request(
        url + "/jsonrpc", payload.encode(), {"Content-Type": "application/json"}
    )
    with urllib.request.urlopen(req, timeout=120) as resp:
        data = json.loads(resp.read())
    if data.get("error"):
        raise RuntimeError(json.dumps(data["error"])[:2000])
    return data["result"]


def measure_intake(db, url, login, count):
    """Sequential calls from this (second) process to the server over JSON-RPC."""
    uid = rpc(url, "common", "login", db, login, login)
    if not uid:
        raise RuntimeError(f"cannot log in as {login}")
    stamp = int(time.time())
    import random

    from populate import id_number  # same generator, valid 身份证号

    rng = random.Random(stamp)

    def payload(i):
        return {
            "channel": "online",
            "external_id": f"BENCH-{stamp}-{i}",
            "received_date": date.today().isoformat(),
            "summary": "网上信访：小区停车位纠纷",
            "demands": "请求协调解决。",
            "petitioners": [
                {
                    "name": "测试信访人",
                    "id_number": id_number(rng, i),
                    "phone": "13800000000",
                    "address": "上城区某小区",
                }
            ],
        }

    rpc(
        url,
        "object",
        "execute_kw",
        db,
        uid,
        login,
        "xinfang.intake",
        "create_from_platform",
        [payload(-1)],
    )  # warm-up
    t0 = time.perf_counter()
    for i in range(count):
        res = rpc(
            url,
            "object",
            "execute_kw",
            db,
            uid,
            login,
            "xinfang.intake",
            "create_from_platform",
            [payload(i)],
        )
        assert res["created"], res
    secs = time.perf_counter() - t0
    return {"calls": count, "seconds": secs, "cases_per_second": count / secs}


def growth(paths):
    small, large = (json.loads(Path(p).read_text()) for p in paths)
    factor = large["cases"] / small["cases"]
    rows = [
        ("kanban clerk (center)", ("kanban", "xinfang_clerk_center", "seconds")),
        ("kanban helpdesk", ("kanban", "helpdesk_user", "seconds")),
        ("cron urge overdue", ("cron", "seconds")),
        ("cron, every case open", ("cron_all_open", "seconds")),
        ("assessment run", ("assessment", "seconds")),
        ("leaders' dashboard", ("figures", "clerk_center", "seconds")),
        ("intake s/case", None),
        ("screening ledger list", ("dispute_list", "clerk_center", "seconds")),
    ]
    print(f"growth {small['cases']} -> {large['cases']} cases (x{factor:g}):")
    for label, keys in rows:
        if keys is None:
            a = 1 / small["intake"]["cases_per_second"]
            b = 1 / large["intake"]["cases_per_second"]
        else:
            a, b = small, large
            for k in keys:
                a, b = a[k], b[k]
        print(
            f"  {label:24s} {a:9.3f}s -> {b:9.3f}s  x{b / a:6.2f}"
            f"  ({'sub-linear' if b / a <= factor else 'WORSE than linear'})"
        )


def print_cron(label, c):
    print(
        f"b. {label}: {c['seconds']:.2f} s, {c['queries']} queries for"
        f" {c['overdue_activities']} overdue activities, {c['open_cases']}"
        f" open cases (second run: {c['second_run_seconds']:.2f} s,"
        f" {c['second_run_queries']} queries)"
    )


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("db", nargs="?")
    parser.add_argument("--url", default="http://127.0.0.1:8079")
    parser.add_argument("--intake-calls", type=int, default=200)
    parser.add_argument("--out")
    parser.add_argument("--growth", nargs=2)
    parser.add_argument(
        "--only",
        default="abcdef",
        help="the figures to measure, by letter (e.g. --only ef)",
    )
    args = parser.parse_args()
    if args.growth:
        growth(args.growth)
        return
    odoo.tools.config.parse_config(
        ["-c", str(REPO / ".local/odoo.conf"), "-d", args.db, "--log-level=warn"]
    )
    registry = odoo.modules.registry.Registry(args.db)
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        db_users = {
            u.login: u.id
            for u in env["res.users"].search([("login", "like", "bench_")])
        }
        cases = env["xinfang.case"].with_context(active_test=False).search_count([])
        units = env["xinfang.unit"].search_count([])
    result = {"db": args.db, "cases": cases, "units": units}
    if "a" in args.only:
        result["kanban"] = k = measure_kanban(registry, db_users)
        for key in (
            "xinfang_manager",
            "xinfang_clerk_center",
            "xinfang_clerk_station",
            "helpdesk_user",
        ):
            r = k[key]
            print(
                f"a. kanban {key:22s} {r['seconds'] * 1000:8.1f} ms"
                f" {r['queries']:4d} queries"
                f"  ({r['records_shown']} cards, {r['visible']} visible)"
            )
        print(
            "   ratio xinfang(center clerk)/helpdesk:"
            f" {k['ratio_center_vs_helpdesk']:.2f}"
            f"  (target <= 1.2)"
        )
    if "b" in args.only:
        result["cron"] = measure_cron(registry)
        print_cron("cron urge overdue", result["cron"])
        result["cron_all_open"] = measure_cron(registry, reopen=True)
        print_cron("cron, every case open", result["cron_all_open"])
    if "c" in args.only:
        result["assessment"] = a = measure_assessment(registry, db_users)
        print(
            f"c. assessment run: {a['seconds']:.2f} s, {a['queries']} queries,"
            f" {a['units']} units, {a['result_lines']} result lines"
        )
    if "d" in args.only:
        result["intake"] = i = measure_intake(
            args.db, args.url, "bench_agent", args.intake_calls
        )
        print(
            f"d. intake API over JSON-RPC: {i['cases_per_second']:.1f} cases/s"
            f" ({i['calls']} calls in {i['seconds']:.1f} s, one client)"
        )
    if "e" in args.only:
        result["dispute_list"] = e = measure_dispute_list(registry, db_users)
        for key in ("clerk_center", "clerk_station"):
            r = e[key]
            print(
                f"e. screening ledger list {key:13s} {r['seconds'] * 1000:8.1f} ms"
                f" {r['queries']:4d} queries  ({r['records_shown']} rows,"
                f" {r['visible']} open"
                f" of {e['disputes']} disputes)"
            )
    if "f" in args.only:
        result["figures"] = f = measure_figures(registry, db_users)
        refresh = f["refresh"]
        print(
            f"f. figures recounted (scheduled): {refresh['seconds'] * 1000:8.1f} ms"
            f" {refresh['queries']:4d} queries ({refresh['rows']} rows)"
        )
        for key in ("clerk_center", "clerk_station"):
            r = f[key]
            print(
                f"f. leaders' dashboard {key:14s} {r['seconds'] * 1000:8.1f} ms"
                f" {r['queries']:4d} queries ({r['read_groups']} read_groups,"
                f" {r['groups']} groups)"
            )
    if args.out:
        Path(args.out).write_text(json.dumps(result, indent=1, default=str))


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    sys.exit(main())
