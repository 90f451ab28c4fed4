"""Populate a benchmark database with petition cases at scale.

    .venv/bin/python bench/populate.py DB --size small|medium|large

small/medium/large give about 1k/10k/100k cases. The seed set (units,
users, petitioners, meetings and decisions, joint-meeting body) is built
through the ORM, so every constraint, compute and default applies. The cases
themselves, with their sign-offs and open deadline activities, are written
by SQL in batches, consistently with the workflow (stage, stored state,
sign-off flags, dates in order, one handling deadline activity per case in
handling, about 10 % of them overdue and not yet urged). helpdesk_mgmt tickets
(the comparison for the kanban) are generated the same way, one per case, on
helpdesk stages that mirror the case stages (same columns, same folding).

``odoo-bin populate`` is not used: in Odoo 18 it only duplicates existing
rows by SQL with suffixed names and spread dates, which gives neither the
stage/sign-off/deadline consistency nor the distributions below.

The screening ledger gets one dispute for every two cases (50k at large),
in three grids per point, by SQL as well (``build_grassroots``).
"""

import argparse
import random
import sys
import time
from datetime import date, datetime, timedelta
from pathlib import Path

from psycopg2.extras import execute_values

import odoo
from odoo import SUPERUSER_ID, api

REPO = Path(__file__).resolve().parent.parent
SIZES = {
    # cases, stations, points per station, departments
    "tiny": (100, 2, 2, 2),  # a smoke test of the scripts (tests/test_bench.py)
    "small": (1_000, 4, 3, 4),
    "medium": (10_000, 30, 10, 50),
    "large": (100_000, 50, 20, 99),
}
# Agents (代办员) per point: a county's 1,000 points have about 5,000.
AGENTS_PER_POINT = 5
# Share of cases per stage, roughly what a county office carries: most
# cases are closed or archived, a tenth in handling.
STATE_WEIGHTS = [
    ("registered", 3),
    ("screening", 3),
    ("assign_signoff", 2),
    ("handling", 12),
    ("close_signoff", 2),
    ("feedback", 5),
    ("revisit", 2),
    ("closed", 41),
    ("archived", 30),
]
CLOSED_STATES = ("closed", "archived")
CHANNELS = [("visit", 35), ("letter", 20), ("online", 30), ("phone", 15)]
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘"
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华建国建华志强海燕红梅"
SUBJECTS = [
    "小区物业费纠纷",
    "拖欠农民工工资",
    "征地补偿标准异议",
    "道路施工噪音扰民",
    "低保资格复核",
    "医保报销争议",
    "学校划片入学",
    "违章建筑举报",
    "房屋漏水维修",
    "企业排污投诉",
    "养老金待遇核定",
    "宅基地权属争议",
]
REGION = "330102"  # 杭州市上城区 area code prefix for 身份证号
# After the bulk insert: supervision (督办) on four cases in five, a revisit
# on nine closed cases in ten, then the stored flags the ORM would compute
# (xinfang_assessment's 2211 flags and on-time flags).
POST_SQL = """
UPDATE xinfang_case SET supervised_date = accepted_date + 3
 WHERE assign_signed AND id %% 5 <> 0 AND accepted_date + 3 <= %(today)s;
UPDATE xinfang_case SET revisit_date = LEAST(closed_date + 7, %(today)s)
 WHERE state IN ('closed', 'archived') AND id %% 10 <> 0;
UPDATE xinfang_case SET
    is_repeat = FALSE, is_collective = headcount >= 5, has_open_warning = FALSE,
    terminated = FALSE, extreme_behaviour = FALSE,
    x2211_two_signs = COALESCE(assign_signed AND close_signed, FALSE),
    x2211_two_handlings = agent_id IS NOT NULL AND supervised_date IS NOT NULL,
    x2211_revisited = revisit_date IS NOT NULL,
    x2211_complete = COALESCE(assign_signed AND close_signed, FALSE)
        AND agent_id IS NOT NULL AND supervised_date IS NOT NULL
        AND revisit_date IS NOT NULL,
    assess_accepted_on_time = COALESCE(accepted_date - received_date <= 15, FALSE),
    assess_closed_on_time = closed_date IS NOT NULL
        AND (deadline_date IS NULL OR closed_date <= deadline_date);
"""


def id_number(rng, serial):
    """A valid 18-character 身份证号 (GB 11643 checksum)."""
    birth = date(1950, 1, 1) + timedelta(days=rng.randrange(0, 365 * 50))
    body = f"{REGION}{birth:%Y%m%d}{serial % 1000:03d}"
    # Imported here: odoo.addons only finds our addons once main() has
    # parsed the configuration's addons path.
    from odoo.addons.xinfang_agency.tools import gb11643

    return gb11643.complete(body)


def weighted(rng, pairs, k):
    keys, weights = zip(*pairs, strict=False)
    return rng.choices(keys, weights=weights, k=k)


def insert(cr, table, rows, returning=False):
    """Bulk insert dict rows (same keys); return ids when asked."""
    if not rows:
        return []
    cols = list(rows[0])
    sql = f'INSERT INTO "{table}" ({", ".join(cols)}) VALUES %s'
    if returning:
        sql += " RETURNING id"
    values = [tuple(row[c] for c in cols) for row in rows]
    res = execute_values(cr._obj, sql, values, page_size=2000, fetch=returning)
    return [r[0] for r in res] if returning else []


def check_columns(env, model, row):
    """Refuse a row naming a column the model does not store: the bench must
    fail when it drifts from the models, not quietly measure something else."""
    stored = {
        name
        for name, field in env[model]._fields.items()
        if field.store and field.column_type
    }
    unknown = sorted(set(row) - stored)
    if unknown:
        raise SystemExit(
            f"populate: {model} has no column {', '.join(unknown)};"
            " update bench/populate.py"
        )


START = time.time()


def log(msg):
    print(f"[populate {time.time() - START:7.1f}s] {msg}", flush=True)


def build_units(env, stations, points, departments):
    Unit = env["xinfang.unit"]
    center = Unit.create({"name": "区信访局", "unit_type": "center", "code": "C"})
    st_vals = [
        {
            "name": f"第{i + 1}街道信访站",
            "unit_type": "station",
            "parent_id": center.id,
            "code": f"S{i + 1:03d}",
        }
        for i in range(stations)
    ]
    station_recs = Unit.create(st_vals)
    pt_vals = [
        {
            "name": f"{s.name}第{j + 1}代理点",
            "unit_type": "point",
            "parent_id": s.id,
            "code": f"{s.code}P{j + 1:02d}",
        }
        for s in station_recs
        for j in range(points)
    ]
    point_recs = Unit.create(pt_vals)
    dept_recs = Unit.create(
        [
            {
                "name": f"职能部门{i + 1}",
                "unit_type": "department",
                "parent_id": center.id,
                "code": f"D{i + 1:03d}",
            }
            for i in range(departments)
        ]
    )
    return center, station_recs, point_recs, dept_recs


def build_users(env, center, stations, points, depts):
    ref = env.ref
    g = {
        k: ref(f"xinfang_agency.group_xinfang_{k}").id
        for k in ("agent", "handler", "clerk", "leader", "principal", "manager")
    }
    Users = env["res.users"].with_context(
        no_reset_password=True, mail_create_nosubscribe=True
    )
    vals = [
        {
            "name": "局信访办事员",
            "login": "bench_clerk",
            "password": "bench_clerk",
            "xinfang_unit_id": center.id,
            "groups_id": [(6, 0, [g["clerk"], ref("base.group_user").id])],
        },
        {
            "name": "站信访办事员",
            "login": "bench_station_clerk",
            "password": "bench_station_clerk",
            "xinfang_unit_id": stations[0].id,
            "groups_id": [(6, 0, [g["clerk"], ref("base.group_user").id])],
        },
        {
            "name": "分管领导",
            "login": "bench_leader",
            "password": "bench_leader",
            "xinfang_unit_id": center.id,
            "groups_id": [(6, 0, [g["principal"]])],
        },
        {
            "name": "工单客服",
            "login": "bench_helpdesk",
            "password": "bench_helpdesk",
            # Bound by record rules like the clerk: team tickets only.
            "groups_id": [(6, 0, [ref("helpdesk_mgmt.group_helpdesk_user_team").id])],
        },
        {
            "name": "考核员",
            "login": "bench_assessor",
            "password": "bench_assessor",
            "xinfang_unit_id": center.id,
            "groups_id": [
                (
                    6,
                    0,
                    [ref("xinfang_assessment.group_xinfang_assessor").id, g["leader"]],
                )
            ],
        },
    ]
    vals.append(
        {
            "name": "平台对接代理员",
            "login": "bench_agent",
            "password": "bench_agent",
            "xinfang_unit_id": points[0].id,
            "groups_id": [(6, 0, [g["agent"]])],
        }
    )
    for unit in stations:
        vals.append(
            {
                "name": f"{unit.name}办事员",
                "login": f"bench_c_{unit.code}",
                "xinfang_unit_id": unit.id,
                "groups_id": [(6, 0, [g["clerk"]])],
            }
        )
    for unit in points:
        for k in range(AGENTS_PER_POINT):
            vals.append(
                {
                    "name": f"{unit.name}代办员{k + 1}",
                    "login": f"bench_a_{unit.code}_{k + 1}",
                    "xinfang_unit_id": unit.id,
                    "groups_id": [(6, 0, [g["agent"]])],
                }
            )
    for unit in depts:
        vals.append(
            {
                "name": f"{unit.name}经办人",
                "login": f"bench_h_{unit.code}",
                "xinfang_unit_id": unit.id,
                "groups_id": [(6, 0, [g["handler"]])],
            }
        )
    return Users.create(vals)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("db")
    parser.add_argument("--size", choices=SIZES, default="small")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument(
        "--twins",
        action="store_true",
        help="on a populated database, only add what the role twins need",
    )
    args = parser.parse_args()
    n_cases, n_st, n_pt, n_dep = SIZES[args.size]
    rng = random.Random(args.seed)
    odoo.tools.config.parse_config(
        ["-c", str(REPO / ".local/odoo.conf"), "-d", args.db]
    )
    registry = odoo.modules.registry.Registry(args.db)
    with registry.cursor() as cr:
        env = api.Environment(
            cr,
            SUPERUSER_ID,
            {"tracking_disable": True, "mail_create_nolog": True, "mail_notrack": True},
        )
        if env["res.users"].search_count([("login", "=", "bench_clerk")]):
            if args.twins:
                build_role_twins(env)
                cr.commit()
                compact_rewritten_tables(cr)
            log("already populated")
            return
        today = date.today()
        center, stations, points, depts = build_units(env, n_st, n_pt, n_dep)
        log(f"units: {1 + len(stations) + len(points) + len(depts)}")
        users = build_users(env, center, stations, points, depts)
        log(f"users: {len(users)}")
        agents_by_unit = {}
        for user in users.filtered(lambda u: u.login.startswith("bench_a_")):
            agents_by_unit.setdefault(user.xinfang_unit_id.id, []).append(user.id)
        handler_by_unit = {
            u.xinfang_unit_id.id: u for u in users if u.login.startswith("bench_h_")
        }
        leader = users.filtered(lambda u: u.login == "bench_leader")
        clerk = users.filtered(lambda u: u.login == "bench_clerk")
        partner_ids = build_petitioners(env, rng, n_cases)
        meetings = build_meetings(env, today, n_cases)
        now = datetime.now()
        cases, case_ids = build_cases(
            env,
            rng,
            n_cases,
            today,
            now,
            points,
            depts,
            agents_by_unit,
            handler_by_unit,
            leader,
            clerk,
        )

        cr.execute(POST_SQL, {"today": today})
        log("stored flags set")

        link_petitioners(env, rng, case_ids, partner_ids)
        build_signoffs(env, cases, case_ids, leader, now)
        build_deadline_activities(env, rng, cases, case_ids, clerk, today, now)
        build_decisions(env, rng, meetings, cases, case_ids, clerk, n_cases)
        build_tickets(env, users, stations, points, cases, partner_ids, n_cases, now)
        build_grassroots(
            env, rng, points, agents_by_unit, case_ids, clerk, today, now, n_cases // 2
        )
        build_registry(env, rng, users, stations, clerk, today, now)
        build_role_twins(env)
        # As the scheduled action would: the dashboard reads a snapshot.
        env["xinfang.figure"]._refresh_figures()
        log("figures recounted")
        cr.execute("ANALYZE")
        cr.commit()
        compact_rewritten_tables(cr)
        log("done")


# Tables populate.py rewrites after inserting them (the cases' stored flags,
# the tickets' dates): a county's tables are written row by row over years,
# not rewritten whole, so they are compacted as a live database keeps them.
REWRITTEN_TABLES = ("xinfang_case", "helpdesk_ticket")


def compact_rewritten_tables(cr):
    """VACUUM FULL the tables populate.py rewrote: each UPDATE of every row
    left a dead copy of it, and a sequential scan read the 100k cases from
    three times their pages (102 MB for 31 MB of rows). Then a plain
    VACUUM, as autovacuum does on a live database: VACUUM FULL leaves the
    visibility map empty, and without it no index-only scan is possible."""
    cr._cnx.autocommit = True
    try:
        for table in REWRITTEN_TABLES:
            cr.execute(f"VACUUM FULL ANALYZE {table}")
            cr.execute(f"VACUUM {table}")
    finally:
        cr._cnx.autocommit = False
    log(f"compacted {', '.join(REWRITTEN_TABLES)}")


def build_petitioners(env, rng, n_cases):
    """Petitioners with valid ID numbers, through the ORM; return their ids."""
    # Petitioners: about 0.7 per case (repeat petitioners are common).
    n_pet = max(50, int(n_cases * 0.7))
    Partner = env["res.partner"]
    partner_ids = []
    seen = set()
    for start in range(0, n_pet, 5000):
        batch = []
        for i in range(start, min(n_pet, start + 5000)):
            num = id_number(rng, i)
            while num in seen:
                num = id_number(rng, i + rng.randrange(1000))
            seen.add(num)
            name = (
                rng.choice(SURNAMES)
                + rng.choice(GIVEN)
                + (rng.choice(GIVEN) if i % 2 else "")
            )
            batch.append(
                {
                    "name": name,
                    "xinfang_id_number": num,
                    "phone": f"13{rng.randrange(10**9):09d}",
                }
            )
        partner_ids += Partner.create(batch).ids
        env.invalidate_all()
    log(f"petitioners: {len(partner_ids)}")
    return partner_ids


def build_meetings(env, today, n_cases):
    """Joint meetings, through the ORM; return them."""
    # Meetings with decisions, one a fortnight per station-level body.
    Meeting = env["xinfang.meeting"]
    n_meet = max(4, n_cases // 250)
    meetings = Meeting.create(
        [
            {
                "name": f"联席会议第{i + 1}次",
                "date": datetime.combine(
                    today - timedelta(days=14 * i), datetime.min.time()
                )
                + timedelta(hours=9),
            }
            for i in range(n_meet)
        ]
    )
    log(f"meetings: {len(meetings)}")
    return meetings


def build_cases(
    env,
    rng,
    n_cases,
    today,
    now,
    points,
    depts,
    agents_by_unit,
    handler_by_unit,
    leader,
    clerk,
):
    """The cases, by SQL; return their rows and their ids."""
    stage = {s.state: s.id for s in env["xinfang.case.stage"].search([])}
    states = weighted(rng, STATE_WEIGHTS, n_cases)
    channels = weighted(rng, CHANNELS, n_cases)
    cases = []
    for i in range(n_cases):
        st = states[i]
        # Older cases are the closed ones: open ones received recently.
        if st in ("closed", "archived"):
            received = today - timedelta(days=rng.randrange(70, 730))
        elif st in ("registered", "screening", "assign_signoff"):
            received = today - timedelta(days=rng.randrange(0, 10))
        else:
            received = today - timedelta(days=rng.randrange(5, 90))
        point = points[rng.randrange(len(points))]
        dept = depts[rng.randrange(len(depts))]
        advanced = st not in ("registered", "screening", "assign_signoff")
        accepted = received + timedelta(days=rng.randrange(0, 4))
        deadline = accepted + timedelta(days=rng.choice((15, 30, 60)))
        if st == "handling":
            # About 10 % of cases in handling are overdue.
            overdue = rng.random() < 0.10
            deadline = (
                today - timedelta(days=rng.randrange(1, 20))
                if overdue
                else today + timedelta(days=rng.randrange(1, 40))
            )
            accepted = min(accepted, deadline - timedelta(days=15))
            received = min(received, accepted)
        closed = st in ("feedback", "revisit", "closed", "archived")
        closed_date = (
            min(today, accepted + timedelta(days=rng.randrange(5, 55)))
            if closed
            else None
        )
        cases.append(
            {
                "name": f"XF-B{i + 1:07d}",
                "received_date": received,
                "channel": channels[i],
                "summary": rng.choice(SUBJECTS),
                "demands": "请求依法依规处理并答复。",
                "stage_id": stage[st],
                "state": st,
                "agency_unit_id": point.id,
                "handling_unit_id": dept.id if advanced else None,
                "agent_id": rng.choice(agents_by_unit[point.id]),
                "handler_id": handler_by_unit[dept.id].id if advanced else None,
                "leader_id": leader.id,
                "active": st != "archived",
                "headcount": 1 if rng.random() < 0.93 else rng.randrange(5, 40),
                "nature": "admin_livelihood"
                if rng.random() < 0.85
                else "law_litigation",
                "petition_type": rng.choice(
                    ("help", "opinion", "complaint", "appeal", "consult")
                ),
                "screening_outcome": "agency"
                if advanced or st == "assign_signoff"
                else None,
                "accepted_date": accepted
                if advanced or st == "assign_signoff"
                else None,
                "is_agency": advanced or st == "assign_signoff",
                "assign_signed": advanced,
                "close_signed": closed,
                "first_contact_date": accepted if advanced else None,
                "deadline_date": deadline if advanced else None,
                "complexity": "normal",
                "skip_level": "none",
                "reply": "已核实情况并依法答复。"
                if st not in ("registered", "screening", "assign_signoff", "handling")
                else None,
                "result_class": rng.choice(("solved", "explained", "aided", "lawful"))
                if closed
                else None,
                "closed_date": closed_date,
                "satisfaction": rng.choices(
                    (
                        "satisfied",
                        "fairly_satisfied",
                        "understanding",
                        "dissatisfied",
                    ),
                    weights=(55, 25, 12, 8),
                )[0]
                if st in ("revisit", "closed", "archived")
                else None,
                "feedback_date": closed_date
                if st in ("revisit", "closed", "archived")
                else None,
                "create_uid": clerk.id,
                "write_uid": clerk.id,
                "create_date": now,
                "write_date": now,
            }
        )
    check_columns(env, "xinfang.case", cases[0])
    case_ids = []
    for start in range(0, n_cases, 10_000):
        case_ids += insert(
            env.cr, "xinfang_case", cases[start : start + 10_000], returning=True
        )
    counts = ", ".join(f"{s}={states.count(s)}" for s, _w in STATE_WEIGHTS)
    log(f"cases: {len(case_ids)} ({counts})")
    return cases, case_ids


def link_petitioners(env, rng, case_ids, partner_ids):
    """One petitioner per case, by SQL."""
    rel = env["xinfang.case"]._fields["petitioner_ids"]
    links = {(cid, partner_ids[rng.randrange(len(partner_ids))]) for cid in case_ids}
    execute_values(
        env.cr._obj,
        f'INSERT INTO "{rel.relation}" ({rel.column1}, {rel.column2}) VALUES %s',
        list(links),
        page_size=5000,
    )


def build_signoffs(env, cases, case_ids, leader, now):
    """The assign and close sign-offs of the cases, by SQL."""
    signoffs = []
    for cid, row in zip(case_ids, cases, strict=False):
        if row["assign_signed"]:
            signoffs.append(
                {
                    "case_id": cid,
                    "kind": "assign",
                    "decision": "signed",
                    "user_id": leader.id,
                    "signed_at": datetime.combine(
                        row["accepted_date"], datetime.min.time()
                    ),
                    "create_uid": leader.id,
                    "write_uid": leader.id,
                    "create_date": now,
                    "write_date": now,
                }
            )
        if row["close_signed"]:
            signoffs.append(
                {
                    "case_id": cid,
                    "kind": "close",
                    "decision": "signed",
                    "user_id": leader.id,
                    "signed_at": datetime.combine(
                        row["closed_date"], datetime.min.time()
                    ),
                    "create_uid": leader.id,
                    "write_uid": leader.id,
                    "create_date": now,
                    "write_date": now,
                }
            )
    insert(env.cr, "xinfang_case_signoff", signoffs)
    log(f"sign-offs: {len(signoffs)}")


def build_deadline_activities(env, rng, cases, case_ids, clerk, today, now):
    """One deadline activity per case in handling or revisit, by SQL."""
    model_id = env["ir.model"]._get_id("xinfang.case")
    handling_type = env.ref("xinfang_agency.mail_activity_type_deadline_handling")
    revisit_type = env.ref("xinfang_agency.mail_activity_type_deadline_revisit")
    acts = []
    for cid, row in zip(case_ids, cases, strict=False):
        if row["state"] == "handling":
            acts.append((cid, handling_type, row["deadline_date"], row["handler_id"]))
        elif row["state"] == "revisit":
            acts.append(
                (
                    cid,
                    revisit_type,
                    today + timedelta(days=rng.randrange(-3, 20)),
                    row["agent_id"],
                )
            )
    insert(
        env.cr,
        "mail_activity",
        [
            {
                "res_model_id": model_id,
                "res_model": "xinfang.case",
                "res_id": cid,
                "activity_type_id": t.id,
                "summary": t.summary or t.name,
                "date_deadline": d,
                "user_id": u,
                "automated": True,
                "active": True,
                "create_uid": clerk.id,
                "write_uid": clerk.id,
                "create_date": now,
                "write_date": now,
            }
            for cid, t, d, u in acts
        ],
    )
    log(f"deadline activities: {len(acts)}")


def build_decisions(env, rng, meetings, cases, case_ids, clerk, n_cases):
    """Meeting decisions supervising sampled cases, through the ORM."""
    decisions = [
        {
            "name": f"督办{cases[k]['summary']}",
            "meeting_id": meetings[k % len(meetings)].id,
            "case_id": case_ids[k],
            "user_id": cases[k]["handler_id"] or clerk.id,
            "deadline": meetings[k % len(meetings)].date.date()
            + timedelta(days=rng.randrange(7, 30)),
        }
        for k in rng.sample(range(n_cases), min(n_cases // 20, 5000))
    ]
    env["xinfang.meeting.decision"].create(decisions)
    log(f"meeting decisions: {len(decisions)}")


def build_tickets(env, users, stations, points, cases, partner_ids, n_cases, now):
    """helpdesk_mgmt tickets mirroring the cases, by SQL."""
    # helpdesk_mgmt: the same board as the cases' (one stage per case
    # stage, same order and folding) and one ticket per case in the
    # matching stage, so both kanbans open as many columns and cards.
    hd_stage = mirror_case_stages(env)
    # One team per station, as the clerk's jurisdiction has one subtree
    # per station; the helpdesk user is in every team, as the county
    # clerk's jurisdiction holds every station.
    hd_user = users.filtered(lambda u: u.login == "bench_helpdesk")
    teams = env["helpdesk.ticket.team"].create(
        [{"name": station.name, "user_ids": [(4, hd_user.id)]} for station in stations]
    )
    team_by_point = {
        point.id: teams[stations.ids.index(point.parent_id.id)].id for point in points
    }
    company = env.company.id
    tickets = []
    for i, row in enumerate(cases):
        tickets.append(
            {
                "number": f"HT{i + 1:07d}",
                "name": row["summary"],
                "description": row["demands"],
                "stage_id": hd_stage[row["state"]],
                "team_id": team_by_point[row["agency_unit_id"]],
                "user_id": row["agent_id"],
                "partner_id": partner_ids[i % len(partner_ids)],
                "company_id": company,
                "active": row["active"],
                "priority": "1",
                "create_uid": hd_user.id,
                "write_uid": hd_user.id,
                "create_date": now,
                "write_date": now,
                "last_stage_update": now,
            }
        )
    check_columns(env, "helpdesk.ticket", tickets[0])
    for start in range(0, n_cases, 10_000):
        insert(env.cr, "helpdesk_ticket", tickets[start : start + 10_000])
    log(f"helpdesk tickets: {len(tickets)}")


# The screening ledger (排查台账): one dispute for every two cases, found in
# the last year; most resolved on the spot, some turned into cases.
DISPUTE_STATES = [("open", 15), ("resolved", 75), ("case", 10)]
DISPUTE_KINDS = [
    ("neighbourhood", 30),
    ("family", 15),
    ("land", 12),
    ("wages", 10),
    ("property", 15),
    ("environment", 8),
    ("contract", 6),
    ("other", 4),
]
GRIDS_PER_POINT = 3


def build_grassroots(
    env, rng, points, agents_by_unit, case_ids, clerk, today, now, n_disputes
):
    """Areas of responsibility (one community area and three grids per
    point, through the ORM) and ``n_disputes`` screened disputes (by SQL),
    with one dispute deadline activity per open dispute."""
    Grid = env["xinfang.grid"]
    areas = Grid.create(
        [
            {
                "name": f"{point.name}民情责任区",
                "level": "community",
                "unit_id": point.id,
            }
            for point in points
        ]
    )
    grids = Grid.create(
        [
            {
                "name": f"{area.name}第{k + 1}网格",
                "level": "grid",
                "parent_id": area.id,
                "unit_id": area.unit_id.id,
                "household_count": rng.randrange(150, 400),
            }
            for area in areas
            for k in range(GRIDS_PER_POINT)
        ]
    )
    log(f"grids: {len(areas)} areas, {len(grids)} grids")
    grids_by_unit = {}
    for grid in grids:
        grids_by_unit.setdefault(grid.unit_id.id, []).append(grid.id)
    states = weighted(rng, DISPUTE_STATES, n_disputes)
    kinds = weighted(rng, DISPUTE_KINDS, n_disputes)
    rows = []
    for i in range(n_disputes):
        point = points[rng.randrange(len(points))]
        state = states[i]
        found = today - timedelta(days=rng.randrange(0, 30 if state == "open" else 365))
        resolved = state == "resolved"
        rows.append(
            {
                "name": f"PC-B{i + 1:07d}",
                "unit_id": point.id,
                "grid_id": rng.choice(grids_by_unit[point.id]),
                "found_by_id": rng.choice(agents_by_unit[point.id]),
                "found_date": found,
                "kind": kinds[i],
                "risk_level": rng.choices(
                    ("low", "medium", "high"), weights=(60, 30, 10)
                )[0],
                "household": (
                    f"{point.name}{rng.randrange(1, 30)}号楼{rng.randrange(1, 6)}单元"
                ),
                "party_names": rng.choice(SURNAMES)
                + "某与"
                + rng.choice(SURNAMES)
                + "某",
                "description": rng.choice(SUBJECTS) + "，双方多次协商未果。",
                "measures": "网格员已上门了解情况并组织调解。",
                "handling_level": rng.choices(
                    ("grid", "community", "street"), weights=(60, 30, 10)
                )[0],
                "state": state,
                "deadline_date": found + timedelta(days=21)
                if state == "open"
                else None,
                "resolved_date": min(
                    today, found + timedelta(days=rng.randrange(0, 10))
                )
                if resolved
                else None,
                "outcome": "经调解双方达成一致。" if resolved else None,
                "case_id": rng.choice(case_ids) if state == "case" else None,
                "active": True,
                "create_uid": clerk.id,
                "write_uid": clerk.id,
                "create_date": now,
                "write_date": now,
            }
        )
    check_columns(env, "xinfang.dispute", rows[0])
    dispute_ids = []
    for start in range(0, n_disputes, 10_000):
        dispute_ids += insert(
            env.cr, "xinfang_dispute", rows[start : start + 10_000], returning=True
        )
    deadline = env.ref("xinfang_agency.mail_activity_type_deadline_dispute")
    model_id = env["ir.model"]._get_id("xinfang.dispute")
    insert(
        env.cr,
        "mail_activity",
        [
            {
                "res_model_id": model_id,
                "res_model": "xinfang.dispute",
                "res_id": did,
                "activity_type_id": deadline.id,
                "summary": deadline.summary or deadline.name,
                "date_deadline": row["deadline_date"],
                "user_id": row["found_by_id"],
                "automated": True,
                "active": True,
                "create_uid": clerk.id,
                "write_uid": clerk.id,
                "create_date": now,
                "write_date": now,
            }
            for did, row in zip(dispute_ids, rows, strict=False)
            if row["state"] == "open"
        ],
    )
    log(
        f"disputes: {len(dispute_ids)} "
        f"({', '.join(f'{s}={states.count(s)}' for s, _w in DISPUTE_STATES)})"
    )


# The agency registry: a profile per agent user (the first of each point
# full-time), and each station's quarterly trainings of its points' agents.
AGENT_BACKGROUNDS = [
    ("cadre", 40),
    ("representative", 15),
    ("veteran_cadre", 15),
    ("lawyer", 5),
    ("mediator", 10),
    ("grid_worker", 10),
    ("volunteer", 5),
]
TRAININGS_PER_STATION = 4


def build_registry(env, rng, users, stations, clerk, today, now):
    """Agent profiles and trainings (by SQL), the stored hours summed after."""
    agent_users = users.filtered(lambda u: u.login.startswith("bench_a_"))
    backgrounds = weighted(rng, AGENT_BACKGROUNDS, len(agent_users))
    rows = [
        {
            "name": user.name,
            "user_id": user.id,
            "unit_id": user.xinfang_unit_id.id,
            "phone": f"138{rng.randrange(10**8):08d}",
            "employment": "full_time" if user.login.endswith("_1") else "part_time",
            "background": backgrounds[i],
            "active": True,
            "training_hours": 0,
            "training_count": 0,
            "create_uid": clerk.id,
            "write_uid": clerk.id,
            "create_date": now,
            "write_date": now,
        }
        for i, user in enumerate(agent_users)
    ]
    check_columns(env, "xinfang.agent", rows[0])
    agent_ids = insert(env.cr, "xinfang_agent", rows, returning=True)
    by_station = {}
    for agent_id, row in zip(agent_ids, rows, strict=False):
        station = env["xinfang.unit"].browse(row["unit_id"]).parent_id.id
        by_station.setdefault(station, []).append(agent_id)
    trainings = [
        {
            "topic": f"第{q + 1}季度代办业务培训",
            "date": today - timedelta(days=90 * q + 10),
            "hours": rng.choice((1.5, 2.0, 3.0)),
            "trainer": "区信访局",
            "unit_id": station.id,
            "attendee_count": len(by_station.get(station.id, [])),
            "total_hours": 0,
            "active": True,
            "create_uid": clerk.id,
            "write_uid": clerk.id,
            "create_date": now,
            "write_date": now,
        }
        for station in stations
        for q in range(TRAININGS_PER_STATION)
    ]
    check_columns(env, "xinfang.training", trainings[0])
    training_ids = insert(env.cr, "xinfang_training", trainings, returning=True)
    rel = [
        (training_id, agent_id)
        for training_id, row in zip(training_ids, trainings, strict=False)
        for agent_id in by_station.get(row["unit_id"], [])
        if rng.random() < 0.85
    ]
    execute_values(
        env.cr._obj,
        "INSERT INTO xinfang_training_agent_rel (training_id, agent_id) VALUES %s",
        rel,
        page_size=5000,
    )
    env.cr.execute("""
        UPDATE xinfang_training t SET attendee_count = n, total_hours = n * t.hours
          FROM (SELECT training_id, count(*) n
                  FROM xinfang_training_agent_rel GROUP BY 1) r
         WHERE r.training_id = t.id;
        UPDATE xinfang_agent a SET training_count = n, training_hours = h
          FROM (SELECT rel.agent_id, count(*) n, sum(t.hours) h
                  FROM xinfang_training_agent_rel rel
                  JOIN xinfang_training t ON t.id = rel.training_id GROUP BY 1) r
         WHERE r.agent_id = a.id;
    """)
    log(
        f"agents: {len(agent_ids)}, trainings: {len(training_ids)}"
        f" ({len(rel)} attendances)"
    )


def mirror_case_stages(env):
    """{case state: helpdesk stage id}: helpdesk_mgmt's own stages archived,
    one helpdesk stage per case stage instead (name, order, folding)."""
    stages = env["helpdesk.ticket.stage"]
    stages.search([]).active = False
    return {
        stage.state: stages.create(
            {
                "name": stage.name,
                "sequence": stage.sequence,
                "fold": stage.fold,
                "closed": stage.state in CLOSED_STATES,
            }
        ).id
        for stage in env["xinfang.case.stage"].search([])
    }


# Each role's like-for-like helpdesk_mgmt user (issue 16): (role, the
# role's login, the twin's login, the twin's teams: "all", a station's code
# or None). A twin is a "User: Team tickets" user of those teams who also
# follows the twin tickets of the role's other cases (helpdesk_mgmt's rule
# for internal users: the tickets one follows), so that it sees the twins
# of exactly the cases the role sees. The manager's twin is a helpdesk
# manager (all tickets), as the petition office's administrator sees all.
ROLE_TWINS = (
    ("county_clerk", "bench_clerk", "bench_helpdesk", "all"),
    ("county_leader", "bench_leader", "bench_helpdesk", "all"),
    ("station_clerk", "bench_station_clerk", "bench_hd_station", "S001"),
    ("station_leader", "bench_station_leader", "bench_hd_leader", "S002"),
    ("handler", "bench_h_D001", "bench_hd_handler", None),
    ("agent", "bench_a_S001P01_1", "bench_hd_agent", None),
    ("manager", "bench_manager", "bench_hd_manager", "all"),
)
# Cases outside the station leader's station that they own (包案), as a
# leader below the county owns a few hard cases elsewhere.
LEADER_OWNED_ELSEWHERE = 3


def twin_number_sql(alias):
    """SQL of the number of a case's twin ticket: HT0000001 for the case
    XF-B0000001 populated here, HT-<name> for a case registered later (the
    intake figure's)."""
    return (
        f"CASE WHEN {alias}.name LIKE 'XF-B%%' THEN 'HT' || substr({alias}.name, 5)"
        f" ELSE 'HT-' || {alias}.name END"
    )


def build_role_twins(env):
    """Give every role of ROLE_TWINS its helpdesk twin, on a database this
    script populated (now or by an older version): idempotent, so that
    bench/measure.py runs it before measuring. Creates what is missing (the
    station leader and its ownerships, the manager, the twin users, the
    categories of cases and tickets, a twin ticket for a case registered
    after populating), brings the twin tickets' stage, active flag, date
    and category in line with their case, and sets the twins' followed
    tickets. Returns {role: (login, twin login)}."""
    env = env(
        context=dict(
            env.context,
            tracking_disable=True,
            mail_create_nolog=True,
            mail_notrack=True,
            mail_create_nosubscribe=True,
        )
    )
    leader = ensure_station_leader(env)
    ensure_manager(env)
    ensure_twin_users(env)
    assign_categories(env)
    sync_twin_tickets(env)
    for _role, login, twin_login, twin_teams in ROLE_TWINS:
        if twin_teams != "all":
            sync_twin_follows(env, login, twin_login)
    log(f"role twins: {len(ROLE_TWINS)} roles, the station leader {leader.login}")
    return {role: (login, twin) for role, login, twin, _teams in ROLE_TWINS}


def ensure_station_leader(env):
    """A leader in charge of the second station (below the county) who owns
    LEADER_OWNED_ELSEWHERE cases in handling outside it."""
    Users = env["res.users"].with_context(no_reset_password=True)
    leader = Users.search([("login", "=", "bench_station_leader")])
    station = env["xinfang.unit"].search(
        [("unit_type", "=", "station")], order="code", limit=2
    )[-1]
    if not leader:
        leader = Users.create(
            {
                "name": "街道分管领导",
                "login": "bench_station_leader",
                "password": "bench_station_leader",
                "xinfang_unit_id": station.id,
                "groups_id": [
                    (6, 0, [env.ref("xinfang_agency.group_xinfang_leader").id])
                ],
            }
        )
    Ownership = env["xinfang.case.ownership"]
    owned = Ownership.search_count([("leader_id", "=", leader.id)])
    if owned < LEADER_OWNED_ELSEWHERE:
        cases = env["xinfang.case"].search(
            [
                ("state", "=", "handling"),
                ("agency_unit_id", "not in", leader.xinfang_jurisdiction_ids.ids),
                ("ownership_ids", "=", False),
            ],
            # The last ones: the forms measured open the first (bench/measure.py).
            order="id desc",
            limit=LEADER_OWNED_ELSEWHERE - owned,
        )
        Ownership.create(
            [{"case_id": case.id, "leader_id": leader.id} for case in cases]
        )
    return leader


def ensure_manager(env):
    """An administrator of the petition office (rule: all cases)."""
    Users = env["res.users"].with_context(no_reset_password=True)
    if not Users.search_count([("login", "=", "bench_manager")]):
        Users.create(
            {
                "name": "信访管理员",
                "login": "bench_manager",
                "password": "bench_manager",
                "groups_id": [
                    (6, 0, [env.ref("xinfang_agency.group_xinfang_manager").id])
                ],
            }
        )


def ensure_twin_users(env):
    """The helpdesk users of ROLE_TWINS in their teams; return {station
    code: team} (one team per station, named after it)."""
    stations = env["xinfang.unit"].search([("unit_type", "=", "station")])
    team_by_name = {t.name: t for t in env["helpdesk.ticket.team"].search([])}
    teams = {s.code: team_by_name[s.name] for s in stations if s.name in team_by_name}
    Users = env["res.users"].with_context(no_reset_password=True)
    team_group = env.ref("helpdesk_mgmt.group_helpdesk_user_team")
    manager_group = env.ref("helpdesk_mgmt.group_helpdesk_manager")
    for role, _login, twin_login, twin_teams in ROLE_TWINS:
        twin = Users.search([("login", "=", twin_login)])
        if not twin:
            group = manager_group if role == "manager" else team_group
            twin = Users.create(
                {
                    "name": f"工单客服（{role}）",
                    "login": twin_login,
                    "password": twin_login,
                    "groups_id": [(6, 0, [group.id])],
                }
            )
        if twin_teams == "all":
            wanted = env["helpdesk.ticket.team"].union(*teams.values())
        elif twin_teams:
            wanted = teams[twin_teams]
        else:
            wanted = env["helpdesk.ticket.team"]
        for team in wanted:
            if twin not in team.user_ids:
                team.user_ids = [(4, twin.id)]
    return teams


def assign_categories(env):
    """Cases get a category (the leaves in turn) if none has one, and
    helpdesk_mgmt the same category tree, so that both pivots group by
    month x category over as many groups."""
    Category = env["xinfang.case.category"]
    leaves = Category.search([("child_ids", "=", False)], order="id")
    env.cr.execute("SELECT 1 FROM xinfang_case WHERE category_id IS NOT NULL LIMIT 1")
    if leaves and not env.cr.fetchone():
        env.cr.execute(
            """UPDATE xinfang_case SET category_id = (%s::int[])[id %% %s + 1]""",
            (leaves.ids, len(leaves)),
        )
    HdCategory = env["helpdesk.ticket.category"]
    by_name = {c.with_context(lang="en_US").name: c for c in HdCategory.search([])}
    for category in Category.search([], order="parent_path"):
        name = category.with_context(lang="en_US").name
        if name not in by_name:
            by_name[name] = HdCategory.create(
                {
                    "name": name,
                    "parent_id": by_name[
                        category.parent_id.with_context(lang="en_US").name
                    ].id
                    if category.parent_id
                    else False,
                }
            )
    env.cr.execute("DROP TABLE IF EXISTS bench_category_twin")
    env.cr.execute(
        "CREATE TEMP TABLE bench_category_twin (category_id int, twin_id int)"
    )
    execute_values(
        env.cr._obj,
        "INSERT INTO bench_category_twin VALUES %s",
        [
            (c.id, by_name[c.with_context(lang="en_US").name].id)
            for c in Category.search([])
        ],
    )


def sync_twin_tickets(env):
    """One twin ticket per case (created for a case registered after
    populating), in the case's stage, its station's team, with its active
    flag, received date (as the ticket's creation date) and category."""
    hd_stage = {}
    hd_stages = env["helpdesk.ticket.stage"].search([])
    for stage in env["xinfang.case.stage"].search([]):
        name = stage.with_context(lang="en_US").name
        hd_stage[stage.id] = next(
            s.id for s in hd_stages if s.with_context(lang="en_US").name == name
        )
    team_by_unit = []
    team_by_name = {t.name: t.id for t in env["helpdesk.ticket.team"].search([])}
    Unit = env["xinfang.unit"].with_context(active_test=False)
    for station in Unit.search([("unit_type", "=", "station")]):
        for unit in Unit.search([("id", "child_of", station.id)]):
            team_by_unit.append((unit.id, team_by_name[station.name]))
    cr = env.cr
    cr.execute("DROP TABLE IF EXISTS bench_stage_twin, bench_team_twin")
    cr.execute("CREATE TEMP TABLE bench_stage_twin (stage_id int, twin_id int)")
    cr.execute("CREATE TEMP TABLE bench_team_twin (unit_id int, team_id int)")
    execute_values(
        cr._obj, "INSERT INTO bench_stage_twin VALUES %s", list(hd_stage.items())
    )
    execute_values(cr._obj, "INSERT INTO bench_team_twin VALUES %s", team_by_unit)
    helpdesk_uid = env["res.users"].search([("login", "=", "bench_helpdesk")]).id
    rel = env["xinfang.case"]._fields["petitioner_ids"]
    cr.execute(
        f"""
        INSERT INTO helpdesk_ticket (number, name, description, stage_id,
            team_id, user_id, partner_id, company_id, active, priority,
            category_id, create_uid, write_uid, create_date, write_date,
            last_stage_update)
        SELECT {twin_number_sql("c")}, c.summary, c.demands, st.twin_id,
               tt.team_id, c.agent_id,
               (SELECT min(r.{rel.column2}) FROM "{rel.relation}" r
                 WHERE r.{rel.column1} = c.id),
               %(company)s, c.active, '1', ct.twin_id, %(uid)s, %(uid)s,
               c.received_date, now(), now()
          FROM xinfang_case c
          JOIN bench_stage_twin st ON st.stage_id = c.stage_id
          LEFT JOIN bench_team_twin tt ON tt.unit_id = c.agency_unit_id
          LEFT JOIN bench_category_twin ct ON ct.category_id = c.category_id
         WHERE NOT EXISTS (SELECT 1 FROM helpdesk_ticket t
                            WHERE t.number = {twin_number_sql("c")})
        """,
        {"company": env.company.id, "uid": helpdesk_uid},
    )
    created = cr.rowcount
    cr.execute(f"""
        UPDATE helpdesk_ticket t
           SET stage_id = st.twin_id, active = c.active,
               create_date = c.received_date, category_id = ct.twin_id
          FROM xinfang_case c
          JOIN bench_stage_twin st ON st.stage_id = c.stage_id
          LEFT JOIN bench_category_twin ct ON ct.category_id = c.category_id
         WHERE t.number = {twin_number_sql("c")}
           AND (t.stage_id, t.active, t.create_date::date, t.category_id)
               IS DISTINCT FROM
               (st.twin_id, c.active, c.received_date, ct.twin_id)
    """)
    aligned = cr.rowcount
    mirror_case_activities(env)
    env["helpdesk.ticket"].invalidate_model()
    log(f"twin tickets: {created} created, {aligned} brought in line")


def mirror_case_activities(env):
    """A to-do on each twin ticket of a case with an open activity (its
    deadline), so that both forms' chatters load one activity."""
    todo = env.ref("mail.mail_activity_data_todo")
    env.cr.execute(
        f"""
        INSERT INTO mail_activity (res_model_id, res_model, res_id,
            activity_type_id, summary, date_deadline, user_id, automated,
            active, create_uid, write_uid, create_date, write_date)
        SELECT %(model)s, 'helpdesk.ticket', t.id, %(todo)s, a.summary,
               a.date_deadline, a.user_id, TRUE, TRUE, a.create_uid,
               a.create_uid, now(), now()
          FROM mail_activity a
          JOIN xinfang_case c ON c.id = a.res_id
          JOIN helpdesk_ticket t ON t.number = {twin_number_sql("c")}
         WHERE a.res_model = 'xinfang.case' AND a.active
           AND NOT EXISTS (SELECT 1 FROM mail_activity b
                            WHERE b.res_model = 'helpdesk.ticket'
                              AND b.res_id = t.id)
        """,
        {"model": env["ir.model"]._get_id("helpdesk.ticket"), "todo": todo.id},
    )
    env["mail.activity"].invalidate_model()


def sync_twin_follows(env, login, twin_login):
    """The twin follows the twins of the role's cases that its teams do not
    show it, and nothing else."""
    Users = env["res.users"]
    user = Users.search([("login", "=", login)])
    twin = Users.search([("login", "=", twin_login)])
    cases = (
        env["xinfang.case"]
        .with_user(user)
        .with_context(active_test=False)
        .search([])
        .sudo()
    )
    team_ids = twin.helpdesk_team_ids.ids
    if twin.has_group("helpdesk_mgmt.group_helpdesk_user"):
        team_ids = None  # sees every ticket
    env.cr.execute(
        f"""
        SELECT t.id FROM helpdesk_ticket t
          JOIN xinfang_case c ON t.number = {twin_number_sql("c")}
         WHERE c.id = ANY(%s)
           AND NOT (t.team_id = ANY(%s))
        """,
        (cases.ids, team_ids or []),
    )
    follow = {tid for (tid,) in env.cr.fetchall()} if team_ids is not None else set()
    env.cr.execute(
        """SELECT res_id FROM mail_followers
            WHERE res_model = 'helpdesk.ticket' AND partner_id = %s""",
        (twin.partner_id.id,),
    )
    followed = {tid for (tid,) in env.cr.fetchall()}
    if followed - follow:
        env.cr.execute(
            """DELETE FROM mail_followers WHERE res_model = 'helpdesk.ticket'
                AND partner_id = %s AND res_id = ANY(%s)""",
            (twin.partner_id.id, list(followed - follow)),
        )
    execute_values(
        env.cr._obj,
        "INSERT INTO mail_followers (res_model, res_id, partner_id) VALUES %s",
        [("helpdesk.ticket", tid, twin.partner_id.id) for tid in follow - followed],
    )
    env["mail.followers"].invalidate_model()


if __name__ == "__main__":
    sys.exit(main())
