"""Load run of the 网上联络站: many residents write, confirm and track at the same moment.

    python bench/voices_load.py [--residents 200] [--port 8044] [--workers 2] [--backend both]

Starts gunicorn (sync workers, production settings, the database task queue) on 127.0.0.1 on a
database of its own: a fresh SQLite file under bench/results/, and — when DATABASE_URL names a
PostgreSQL server — a fresh database `<name>_voicesload` on it (dropped and created again).
The demo content gives the station. The per-IP and per-contact limits of the form are raised
through the environment for the run only (all residents come from 127.0.0.1), and the
minimum filling time is 0 (the residents post at once).

Mail goes through the real path: the database queue, a `db_worker` in this process, SMTP to a
local aiosmtpd server on a free port. Every resident, all at once (one thread each):

    GET the form → POST it (e-mail sender) → wait for the confirmation mail → GET the link →
    POST 确认 → GET the private tracking page

Reported per step: requests, statuses, server time p50/p95 (gunicorn's own request time, the
queueing in the listen backlog excluded), the residents' wait p50/p95 (included) and req/s.
Then it checks: every resident finished; zero lost (every submission answered 200 saved, every
confirmation answered 200 已收到 with the number shown, both mails arrived); zero duplicated
(one opinion and one mail of each kind per resident, numbers unique and consecutive); zero 5xx.
Exit status 1 when a check fails. Bounded: each resident's requests time out (--timeout) and
the run stops waiting for mail after --mail-wait seconds.
"""

from __future__ import annotations

import argparse
import collections
import email
import email.header
import logging
import os
import re
import secrets
import socket
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import requests

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import (  # noqa: E402
    RESULTS,
    ROOT,
    fresh_databases,
    machine,
    percentile,
    save,
    table,
    wait_http,
)

STEPS = ["form", "submit", "confirm page", "confirm", "track"]
SERVER_STEPS = {  # (method, path pattern) of each step in gunicorn's access log
    "form": ("GET", re.compile(r"^/voices/write/")),
    "submit": ("POST", re.compile(r"^/voices/write/")),
    "confirm page": ("GET", re.compile(r"^/voices/confirm/")),
    "confirm": ("POST", re.compile(r"^/voices/confirm/")),
    "track": ("GET", re.compile(r"^/voices/track/")),
}
ACCESS_FORMAT = "%(m)s %(U)s %(s)s %(D)s"  # method, path, status, request time in µs
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
STAMP = re.compile(r'name="stamp" value="([^"]+)"')
CONFIRM_LINK = re.compile(r"/voices/confirm/[^\s/]+/")


# --------------------------------------------------------------------------------------------
# The mail server and the residents' mailboxes
# --------------------------------------------------------------------------------------------
class Mailboxes:
    """aiosmtpd handler: every message by recipient; residents wait for theirs."""

    def __init__(self):
        self.messages: dict[str, list[tuple[str, str]]] = collections.defaultdict(list)
        self.changed = threading.Condition()

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.original_content)
        subject = str(email.header.make_header(email.header.decode_header(message["Subject"])))
        body = message.get_payload(decode=True).decode(message.get_content_charset() or "utf-8")
        with self.changed:
            for recipient in envelope.rcpt_tos:
                self.messages[recipient.lower()].append((subject, body))
            self.changed.notify_all()
        return "250 OK"

    def wait_for(self, recipient: str, marker: str, seconds: float) -> str | None:
        """The body of `recipient`'s first message containing `marker` in a link."""
        deadline = time.monotonic() + seconds
        with self.changed:
            while True:
                for _subject, body in self.messages[recipient]:
                    if marker in body:
                        return body
                left = deadline - time.monotonic()
                if left <= 0:
                    return None
                self.changed.wait(left)

    def count(self, recipient: str, marker: str) -> int:
        with self.changed:
            return sum(marker in body for _s, body in self.messages[recipient])


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


# --------------------------------------------------------------------------------------------
# The site under load
# --------------------------------------------------------------------------------------------
def site_environment(database_url: str, port: int, workdir: Path) -> dict[str, str]:
    env = dict(os.environ)
    for key in ("DJANGO_SETTINGS_MODULE", "REDIS_URL", "ELASTICSEARCH_URL"):
        env.pop(key, None)
    env.update(
        DJANGO_SETTINGS_MODULE="portal.settings.production",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1,localhost,testserver",
        CSRF_TRUSTED_ORIGINS=f"http://127.0.0.1:{port}",
        BASE_URL=f"http://127.0.0.1:{port}",
        SECURE_SSL_REDIRECT="0",
        DATABASE_URL=database_url,
        ELASTICSEARCH_URL="",
        TASKS_BACKEND="django_tasks_db.DatabaseBackend",
        STATIC_ROOT=str(workdir / "static"),
        MEDIA_ROOT=str(workdir / "media"),
        # The bench's residents all come from 127.0.0.1 and post at once.
        RATE_LIMIT_VOICES="1000000/h",
        RATE_LIMIT_VOICES_CONTACT="1000000/d",
        VOICES_MIN_FILL_SECONDS="0",
    )
    return env


def manage(env: dict[str, str], *args: str, log: Path) -> None:
    with log.open("a") as out:
        subprocess.run(
            [sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True, stdout=out,
            stderr=subprocess.STDOUT,
        )  # fmt: skip


def start_gunicorn(env: dict[str, str], port: int, workers: int, workdir: Path):
    access = workdir / "access.log"
    access.unlink(missing_ok=True)
    process = subprocess.Popen(
        [
            sys.executable, "-m", "gunicorn", "portal.wsgi:application",
            "--bind", f"127.0.0.1:{port}", "--workers", str(workers), "--threads", "1",
            "--backlog", "2048", "--timeout", "60", "--keep-alive", "5",
            "--access-logfile", str(access), "--access-logformat", ACCESS_FORMAT,
            "--error-logfile", str(workdir / "gunicorn.log"),
        ],
        cwd=ROOT,
        env=env,
    )  # fmt: skip
    try:
        wait_http(f"http://127.0.0.1:{port}/", seconds=90)
    except RuntimeError:
        process.terminate()
        raise
    return process, access


# --------------------------------------------------------------------------------------------
# A resident
# --------------------------------------------------------------------------------------------
@dataclass
class Resident:
    index: int
    address: str
    timings: dict[str, float] = field(default_factory=dict)  # step → seconds waited
    statuses: dict[str, int] = field(default_factory=dict)
    number: str = ""
    error: str = ""


def walk(resident: Resident, base: str, station: int, topic: int, args, mailboxes: Mailboxes):
    """One resident's whole path; stops at the first step that does not answer as expected."""
    session = requests.Session()
    # Production cookies are Secure: a browser on plain http would drop them, so the CSRF
    # cookie is sent by hand, with the Origin header browsers add to every POST.
    headers = {"Origin": base}

    def request(step, method, path, expect, **kwargs):
        started = time.perf_counter()
        response = session.request(
            method, base + path, headers=headers, timeout=args.timeout, **kwargs
        )
        resident.timings[step] = time.perf_counter() - started
        resident.statuses[step] = response.status_code
        if response.status_code != 200 or expect not in response.text:
            raise RuntimeError(f"{step}: {response.status_code} {response.text[:200]!r}")
        if "csrftoken" in response.cookies:
            headers["Cookie"] = f"csrftoken={response.cookies['csrftoken']}"
        return response.text

    try:
        page = request("form", "GET", f"/voices/write/?station={station}", 'name="stamp"')
        data = {
            "csrfmiddlewaretoken": CSRF.search(page).group(1),
            "stamp": STAMP.search(page).group(1),
            "station": str(station),
            "topic": str(topic),
            "text": f"第{resident.index}号居民：小区门前的路灯坏了，晚上出行不便，请尽快修复。",
            "community": "",
            "name": f"居民{resident.index}",
            "mobile": "",
            "email": resident.address,
            "privacy": "on",
            "website": "",
        }
        request("submit", "POST", "/voices/write/", "确认邮件", data=data)
        body = mailboxes.wait_for(resident.address, "/voices/confirm/", args.mail_wait)
        if body is None:
            raise RuntimeError("no confirmation mail")
        confirm = CONFIRM_LINK.search(body).group(0)
        page = request("confirm page", "GET", confirm, "确认提交")
        token = CSRF.search(page).group(1)
        page = request("confirm", "POST", confirm, "受理编号", data={"csrfmiddlewaretoken": token})
        resident.number = re.search(r"JB-\d{4}-\d{6}", page).group(0)
        track = re.search(r'href="(/voices/track/[^"]+/)"', page).group(1)
        request("track", "GET", track, resident.number)
    except Exception as error:  # noqa: BLE001 - counted and reported, the run goes on
        resident.error = str(error)[:300]


# --------------------------------------------------------------------------------------------
# The run
# --------------------------------------------------------------------------------------------
def server_times(access: Path) -> dict[str, list[tuple[int, float]]]:
    """Per step: (status, seconds) of every request gunicorn answered."""
    found = collections.defaultdict(list)
    for line in access.read_text().splitlines():
        try:
            method, path, status, micros = line.split()
        except ValueError:
            continue
        for step, (want, pattern) in SERVER_STEPS.items():
            if method == want and pattern.match(path):
                found[step].append((int(status), int(micros) / 1e6))
    return found


def run_once(label: str, database_url: str, args) -> dict:
    workdir = RESULTS / f"voices-{label.lower()}"
    workdir.mkdir(parents=True, exist_ok=True)
    log = workdir / "manage.log"
    log.unlink(missing_ok=True)
    env = site_environment(database_url, args.port, workdir)
    print(f"\n## {label}: preparing {database_url.split('@')[-1]}", flush=True)
    # The demo content's own background tasks (reference index) run at once, not in the queue
    # the residents' mails go through.
    setup_env = {**env, "TASKS_BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}
    manage(setup_env, "migrate", "--noinput", log=log)
    manage(setup_env, "seed_demo", "--no-index", log=log)
    manage(setup_env, "collectstatic", "--noinput", log=log)

    # This process reads the results from the same database and runs the mail worker.
    os.environ.update(env)
    import django
    from django.conf import settings

    django.setup()
    logging.getLogger("django_tasks").setLevel(logging.WARNING)
    logging.getLogger("django_tasks_db").setLevel(logging.WARNING)
    logging.getLogger("mail.log").setLevel(logging.WARNING)  # aiosmtpd: every SMTP line

    from django_tasks_db.management.commands.db_worker import Worker

    from delegates.models import StationPage
    from voices.models import OpinionTopic

    station = StationPage.objects.visible().order_by("pk").values_list("pk", flat=True)[0]
    topic = OpinionTopic.objects.order_by("pk").first() or OpinionTopic.objects.create(
        name="城市建设"
    )

    from aiosmtpd.controller import Controller

    mailboxes = Mailboxes()
    smtp = Controller(mailboxes, hostname="127.0.0.1", port=free_port())
    smtp.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", smtp.port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    worker = Worker(
        queue_names=["*"], interval=0.05, batch=False, backend_name="default",
        startup_delay=False, max_tasks=None, worker_id=f"bench-{label.lower()}",
    )  # fmt: skip
    worker_thread = threading.Thread(target=worker.run, daemon=True)
    worker_thread.start()

    server, access = start_gunicorn(env, args.port, args.workers, workdir)
    base = f"http://127.0.0.1:{args.port}"
    residents = [
        Resident(i, f"resident{i:04d}@bench.example.cn") for i in range(1, args.residents + 1)
    ]
    try:
        started = time.perf_counter()
        with ThreadPoolExecutor(max_workers=args.residents) as pool:
            for resident in residents:
                pool.submit(walk, resident, base, station, topic.pk, args, mailboxes)
        wall = time.perf_counter() - started
        # The receipts (受理编号 + tracking link) are the last mails: let the worker send them.
        for resident in residents:
            if resident.number:
                mailboxes.wait_for(resident.address, "/voices/track/", args.mail_wait)
    finally:
        server.terminate()
        server.wait(30)
        worker.running = False
        worker_thread.join(10)
        smtp.stop()
    return report(label, residents, server_times(access), wall, mailboxes)


def report(label, residents, served, wall, mailboxes) -> dict:
    from voices.choices import Status
    from voices.models import Opinion

    rows = []
    for step in STEPS:
        waits = [r.timings[step] for r in residents if step in r.timings]
        times = [seconds for _status, seconds in served.get(step, [])]
        statuses = collections.Counter(status for status, _ in served.get(step, []))
        rows.append(
            [
                step,
                len(times),
                " ".join(f"{s}×{n}" for s, n in sorted(statuses.items())) or "–",
                percentile(times, 50) * 1000,
                percentile(times, 95) * 1000,
                percentile(waits, 50) * 1000,
                percentile(waits, 95) * 1000,
            ]
        )
    all_requests = sum(len(v) for v in served.values())
    print(
        table(
            [
                "step",
                "requests",
                "statuses",
                "server p50 ms",
                "server p95 ms",
                "resident wait p50 ms",
                "resident wait p95 ms",
            ],
            rows,
            title=f"{label}: {len(residents)} residents at once, {wall:.1f} s, "
            f"{all_requests / wall:.1f} req/s",
        )  # fmt: skip
    )

    opinions = list(
        Opinion.objects.filter(sender__email__endswith="@bench.example.cn").values(
            "sender__email", "status", "number"
        )
    )
    by_address = collections.Counter(o["sender__email"] for o in opinions)
    numbers = sorted(o["number"] for o in opinions if o["number"])
    year = numbers[0][3:7] if numbers else ""
    five_xx = sum(1 for steps in served.values() for status, _ in steps if status >= 500)
    saved = {o["sender__email"]: o for o in opinions}
    submitted = [r for r in residents if r.statuses.get("submit") == 200]
    confirmed = [r for r in residents if r.number]
    checks = {
        "residents who finished": sum(1 for r in residents if "track" in r.timings),
        "lost: submissions answered 200 without a saved opinion": sum(
            1 for r in submitted if r.address not in saved
        ),
        "lost: confirmations answered 200 without 已收到 and that number": sum(
            1
            for r in confirmed
            if r.address not in saved
            or saved[r.address]["status"] != Status.RECEIVED
            or saved[r.address]["number"] != r.number
        ),
        "lost: saved opinions without their confirmation mail": sum(
            1 for address in saved if not mailboxes.count(address, "/voices/confirm/")
        ),
        "lost: confirmed opinions without their receipt mail": sum(
            1
            for o in opinions
            if o["number"] and not mailboxes.count(o["sender__email"], "/voices/track/")
        ),
        "duplicated: residents with more than one opinion": sum(
            1 for n in by_address.values() if n > 1
        ),
        "duplicated: numbers used twice": len(numbers) - len(set(numbers)),
        "duplicated: residents with a mail twice": sum(
            1
            for r in residents
            if mailboxes.count(r.address, "/voices/confirm/") > 1
            or mailboxes.count(r.address, "/voices/track/") > 1
        ),
        "numbers not consecutive from 1": int(
            numbers != [f"JB-{year}-{n:06d}" for n in range(1, len(numbers) + 1)]
        ),
        "5xx responses": five_xx,
    }
    failures = [r for r in residents if r.error]
    ok = checks["residents who finished"] == len(residents) and not any(
        value for name, value in checks.items() if name != "residents who finished"
    )
    print()
    print(table(["check", "value"], [[k, v] for k, v in checks.items()], title=f"{label}: checks"))
    for resident in failures[:5]:
        print(f"- resident {resident.index}: {resident.error}")
    print(f"\n{label}: {'PASS' if ok else 'FAIL'}", flush=True)
    return {
        "label": label,
        "wall_seconds": wall,
        "requests_per_second": all_requests / wall,
        "steps": {row[0]: row[1:] for row in rows},
        "checks": checks,
        "errors": [r.error for r in failures],
        "ok": ok,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--residents", type=int, default=200, help="residents at once")
    parser.add_argument("--port", type=int, default=8044, help="gunicorn port")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn sync workers")
    parser.add_argument(
        "--timeout",
        type=float,
        default=300,
        help="seconds a resident waits for one answer (200 at once on 2 workers queue long)",
    )
    parser.add_argument("--mail-wait", type=float, default=120, help="seconds to wait for mail")
    parser.add_argument(
        "--backend",
        choices=["sqlite", "postgres", "both"],
        default="both",
        help="both = SQLite, then PostgreSQL when DATABASE_URL names a server",
    )
    parser.add_argument("--run", nargs=2, metavar=("LABEL", "URL"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.run:  # a child: one backend, with Django set up in it for that database
        label, url = args.run
        result = run_once(label, url, args)
        print(f"results: {save(f'voices-load-{label.lower()}', result)}")
        sys.exit(0 if result["ok"] else 1)

    print(machine(), flush=True)
    runs = fresh_databases(args.backend, "voices-load")
    # One child process per backend, so that each sets Django up on its own database.
    codes = [
        subprocess.run([sys.executable, __file__, *sys.argv[1:], "--run", label, url]).returncode
        for label, url in runs
    ]
    sys.exit(1 if any(codes) else 0)


if __name__ == "__main__":
    main()
