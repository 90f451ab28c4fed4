"""Multi-worker smoke test: a real `odoo-bin --workers=2` on a scratch
database with xinfang_agency alone.

- No process restarts in a loop (the gevent/websocket process used to die at
  start and be restarted about 15 times a second, see constraints.txt).
- The websocket route answers a real handshake on the gevent port, and a
  message posted by one request reaches a user's open websocket.
- The intake API is idempotent under true concurrency (HttpCase cannot show
  it: its server serialises every request on one test cursor): 10 calls at
  once with one external id give one case and nine ``created: false``, and
  10 calls at once with one new 身份证号 create one partner, and so do 10
  calls with a 身份证号 whose contact was archived after an earlier intake.

The scratch database and every process are removed even when a check fails.
"""

import json
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path

import psutil
import pytest
import requests
import websocket

import odoo
from odoo.tools import config

ODOO_BIN = Path(odoo.__file__).resolve().parent.parent / "odoo-bin"
ID_NUMBER = "11010519491231002X"
CALLS = 10


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _psql_env():
    env = dict(os.environ)
    for option, variable in (
        ("db_host", "PGHOST"),
        ("db_port", "PGPORT"),
        ("db_user", "PGUSER"),
    ):
        if config[option]:
            env[variable] = str(config[option])
    if config["db_password"]:
        env["PGPASSWORD"] = config["db_password"]
    return env


def _odoo(*args):
    return [sys.executable, str(ODOO_BIN), "-c", config.rcfile, *args]


class Server:
    def __init__(self, process, db, http_port, gevent_port, log):
        self.process = process
        self.db = db
        self.url = f"http://127.0.0.1:{http_port}"
        self.gevent_port = gevent_port
        self.log = log

    def jsonrpc(self, service, method, *args):
        body = {
            "jsonrpc": "2.0",
            "method": "call",
            "id": 1,
            "params": {"service": service, "method": method, "args": list(args)},
        }
        answer = requests.post(f"{self.url}/jsonrpc", json=body, timeout=60).json()
        if "error" in answer:
            raise AssertionError(answer["error"]["data"]["message"])
        return answer["result"]

    def call(self, uid, password, model, method, *args):
        return self.jsonrpc(
            "object", "execute_kw", self.db, uid, password, model, method, list(args)
        )

    def wait_ready(self, timeout=60):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                if requests.get(f"{self.url}/web/health", timeout=2).status_code == 200:
                    return
            except requests.ConnectionError:
                pass
            time.sleep(0.5)
        raise AssertionError(
            f"Odoo did not answer in {timeout}s:\n{self.log.read_text()[-3000:]}"
        )


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    db = f"xinfang_mw_{uuid.uuid4().hex[:8]}"
    log = tmp_path_factory.mktemp("multiworker") / "odoo.log"
    env = _psql_env()
    process = None
    try:
        subprocess.run(
            _odoo(
                "-d",
                db,
                "-i",
                "xinfang_agency",
                "--without-demo=all",
                "--stop-after-init",
                "--no-http",
                "--log-level=warn",
            ),
            check=True,
            timeout=300,
            capture_output=True,
        )
        http_port, gevent_port = _free_port(), _free_port()
        process = subprocess.Popen(
            _odoo(
                "-d",
                db,
                f"--db-filter=^{db}$",
                "--workers=2",
                "--max-cron-threads=0",
                f"--http-port={http_port}",
                f"--gevent-port={gevent_port}",
                f"--logfile={log}",
                "--log-level=info",
            ),
            start_new_session=True,
        )
        running = Server(process, db, http_port, gevent_port, log)
        running.wait_ready()
        yield running
    finally:
        if process:
            # The whole process group: the master, its workers and gevent.
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
        subprocess.run(
            ["dropdb", "--if-exists", "--force", db],
            env=env,
            check=False,
            capture_output=True,
        )


@pytest.fixture(scope="module")
def agent(server):
    """An agent (代办员) of a community, created by the admin over JSON-RPC."""
    admin = server.jsonrpc("common", "login", server.db, "admin", "admin")
    unit = server.call(
        admin,
        "admin",
        "xinfang.unit",
        "create",
        {"name": "幸福社区", "unit_type": "point"},
    )
    group = server.call(
        admin,
        "admin",
        "ir.model.data",
        "check_object_reference",
        "xinfang_agency",
        "group_xinfang_agent",
    )[1]
    uid = server.call(
        admin,
        "admin",
        "res.users",
        "create",
        {
            "name": "陈秀英",
            "login": "mw_agent",
            "password": "mw_agent",
            "xinfang_unit_id": unit,
            "groups_id": [(6, 0, [group])],
        },
    )
    return uid, "mw_agent"


def _children(server):
    """{pid: is the gevent process} of the server's master process."""
    return {
        child.pid: "gevent" in child.cmdline()
        for child in psutil.Process(server.process.pid).children()
    }


def _gevent_starts(server):
    return len(
        re.findall(r"Evented Service \(longpolling\) running", server.log.read_text())
    )


def test_no_process_restarts_in_a_loop(server):
    # A crash loop restarts the gevent process about 15 times a second; a
    # healthy server keeps its two HTTP workers and its gevent process.
    time.sleep(2)
    before = _children(server)
    time.sleep(10)
    after = _children(server)
    log = server.log.read_text()[-3000:]
    assert before == after, log
    assert sorted(after.values()) == [False, False, True], log
    assert _gevent_starts(server) == 1, log


def test_websocket_route_answers(server):
    ws = websocket.create_connection(
        f"ws://127.0.0.1:{server.gevent_port}/websocket",
        origin=f"http://127.0.0.1:{server.gevent_port}",
        timeout=10,
    )
    try:
        assert ws.connected
        ws.send(
            json.dumps({"event_name": "subscribe", "data": {"channels": [], "last": 0}})
        )
        ws.ping()
    finally:
        ws.close()


def _payload(external_id, id_number=ID_NUMBER):
    return {
        "channel": "online",
        "external_id": external_id,
        "received_date": time.strftime("%Y-%m-%d"),
        "summary": "村道年久失修，雨天无法通行",
        "demands": "请求硬化村道",
        "petitioners": [{"name": "赵大海", "id_number": id_number}],
    }


def _session(server, login, password):
    """A logged-in HTTP session: calls then skip the password hashing, so
    the threads' requests reach the intake at the same moment."""
    session = requests.Session()
    answer = session.post(
        f"{server.url}/web/session/authenticate",
        timeout=60,
        json={
            "jsonrpc": "2.0",
            "method": "call",
            "params": {"db": server.db, "login": login, "password": password},
        },
    ).json()
    assert "error" not in answer, answer
    return session


def _at_once(server, agent, payloads):
    """Call the intake once per payload, all threads released together."""
    _uid, login = agent
    sessions = [_session(server, login, login) for _payload in payloads]
    barrier = threading.Barrier(len(payloads))
    answers = [None] * len(payloads)

    def call(index):
        body = {
            "jsonrpc": "2.0",
            "method": "call",
            "id": index,
            "params": {
                "model": "xinfang.intake",
                "method": "create_from_platform",
                "args": [payloads[index]],
                "kwargs": {},
            },
        }
        barrier.wait()
        answers[index] = (
            sessions[index]
            .post(
                f"{server.url}/web/dataset/call_kw/xinfang.intake/create_from_platform",
                json=body,
                timeout=120,
            )
            .json()
        )

    threads = [threading.Thread(target=call, args=(i,)) for i in range(len(payloads))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return answers


def test_simultaneous_intake_of_one_petition_creates_one_case(server, agent):
    answers = _at_once(server, agent, [_payload("WS-MW-0001")] * CALLS)
    errors = [answer["error"] for answer in answers if "error" in answer]
    assert errors == []
    results = [answer["result"] for answer in answers]
    assert sum(result["created"] for result in results) == 1
    assert len({result["case_id"] for result in results}) == 1
    uid, password = agent
    cases = server.call(
        uid,
        password,
        "xinfang.case",
        "search_count",
        [("external_ref", "=", "WS-MW-0001")],
    )
    assert cases == 1


def test_simultaneous_intake_of_one_new_person_creates_one_partner(server, agent):
    number = "110105198001010016"
    answers = _at_once(
        server, agent, [_payload(f"WS-MW-1{i:03d}", number) for i in range(CALLS)]
    )
    assert [answer["error"] for answer in answers if "error" in answer] == []
    assert all(answer["result"]["created"] for answer in answers)
    admin = server.jsonrpc("common", "login", server.db, "admin", "admin")
    partners = server.call(
        admin,
        "admin",
        "res.partner",
        "search_count",
        [("xinfang_id_number", "=", number)],
    )
    assert partners == 1


def test_websocket_delivers_a_notification(server, agent):
    """A message posted by one request reaches a user's open websocket
    through the gevent process: live notifications work in workers mode."""
    uid, login = agent
    admin = server.jsonrpc("common", "login", server.db, "admin", "admin")
    partner = server.call(admin, "admin", "res.users", "read", [uid], ["partner_id"])[
        0
    ]["partner_id"][0]
    channel = server.call(
        admin,
        "admin",
        "discuss.channel",
        "create",
        {
            "name": "信访工作群",
            "channel_member_ids": [(0, 0, {"partner_id": partner})],
        },
    )
    session = _session(server, login, login)
    ws = websocket.create_connection(
        f"ws://127.0.0.1:{server.gevent_port}/websocket",
        origin=server.url,
        cookie=f"session_id={session.cookies['session_id']}",
        timeout=5,
    )
    try:
        ws.send(
            json.dumps({"event_name": "subscribe", "data": {"channels": [], "last": 0}})
        )
        time.sleep(1)
        server.jsonrpc(
            "object",
            "execute_kw",
            server.db,
            admin,
            "admin",
            "discuss.channel",
            "message_post",
            [[channel]],
            {
                "body": "今天下午三点研判会",
                "message_type": "comment",
                "subtype_xmlid": "mail.mt_comment",
            },
        )
        received = []
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline and not any("研判会" in m for m in received):
            try:
                # The server escapes non-ASCII text: compare decoded.
                received.append(json.dumps(json.loads(ws.recv()), ensure_ascii=False))
            except websocket.WebSocketTimeoutException:
                continue
        assert any("研判会" in message for message in received), received[-5:]
    finally:
        ws.close()


def test_simultaneous_intake_of_an_archived_person_creates_one_partner(server, agent):
    """The 身份证号 was claimed by an earlier intake, and its contact has
    been archived since: the intakes that find no contact take the old
    claim in turn, so one of them creates the new contact."""
    number = "110105197005050037"
    first = _at_once(server, agent, [_payload("WS-MW-2000", number)])
    assert first[0]["result"]["created"], first
    admin = server.jsonrpc("common", "login", server.db, "admin", "admin")
    old = server.call(
        admin, "admin", "res.partner", "search", [("xinfang_id_number", "=", number)]
    )
    assert len(old) == 1
    server.call(admin, "admin", "res.partner", "write", old, {"active": False})
    answers = _at_once(
        server,
        agent,
        [_payload(f"WS-MW-2{i:03d}", number) for i in range(1, CALLS + 1)],
    )
    assert [answer["error"] for answer in answers if "error" in answer] == []
    assert all(answer["result"]["created"] for answer in answers)
    active = server.call(
        admin, "admin", "res.partner", "search", [("xinfang_id_number", "=", number)]
    )
    assert len(active) == 1
    assert active != old
