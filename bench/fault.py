"""Fault test: stop Elasticsearch, then Redis, and start each again while load runs.

    python bench/fault.py [--phase-seconds 15] [--clients 12] [--keep]

Starts a stack of its own so that no shared server is touched: gunicorn on 8030, PostgreSQL
database `portal_fault` (demo data, scale 1), its own Redis on 6382 and its own Elasticsearch
node on 9260 (`ES_PORT=9260 scripts/elasticsearch.sh start`). Client threads request a mix of
pages and searches without pause and record every status; the main thread walks the phases:

    baseline → elasticsearch stopped (a notice is published meanwhile) → elasticsearch starting
    → elasticsearch back → redis stopped → redis back

and prints the status codes per phase, pages and search separately. Expected: pages never
answer 5xx, search degrades gracefully, and after the restarts the task queue drains with
nothing failed and the notice published during the outage is found by the search page.
The exit status is 0 whatever the outcome: it is a report, not a test.
"""

from __future__ import annotations

import argparse
import collections
import http.client
import json
import sys
import threading
import time
import urllib.parse
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import (  # noqa: E402
    URL_SAFE,
    Stack,
    extra_settings,
    http_status,
    machine,
    save,
    table,
    use_stack_settings,
    wait_http,
)
from bench.load import page_mix  # noqa: E402


class Recorder:
    """Client threads: each requests the URLs in turn and counts outcomes per phase."""

    def __init__(self, port: int, urls: list[str], clients: int, timeout: float):
        self.port = port
        self.urls = [urllib.parse.quote(u, safe=URL_SAFE) for u in urls]
        self.clients = clients
        self.timeout = timeout
        self.phase = ""
        self.counts: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
        self.examples: dict[str, str] = {}
        self.ready: dict[str, str] = {}
        self.lock = threading.Lock()
        self.stopping = threading.Event()
        self.threads = [
            threading.Thread(target=self.client, args=(i,), daemon=True) for i in range(clients)
        ]

    def start(self):
        for thread in self.threads:
            thread.start()

    def stop(self):
        self.stopping.set()
        for thread in self.threads:
            thread.join(self.timeout + 5)

    def client(self, offset: int):
        i = offset
        while not self.stopping.is_set():
            url = self.urls[i % len(self.urls)]
            i += 1
            kind = "search" if url.startswith("/search/") else "pages"
            began = self.phase
            try:
                conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=self.timeout)
                conn.request("GET", url)
                response = conn.getresponse()
                response.read()
                outcome = str(response.status)
                conn.close()
            except (OSError, http.client.HTTPException) as error:
                outcome = f"error:{type(error).__name__}"
            phase = self.phase
            if phase != began:  # the state changed while the request ran: count it apart
                phase = f"(across the change to) {phase}"
            with self.lock:
                self.counts[phase][(kind, outcome)] += 1
                if not outcome.startswith(("2", "3")):
                    self.examples.setdefault(f"{phase} {kind} {outcome}", url)

    def enter(self, phase: str):
        print(f"   {time.strftime('%H:%M:%S', time.gmtime())} UTC phase: {phase}", flush=True)
        self.phase = phase

    def readiness(self, phase: str) -> None:
        """What /readyz/ says in this phase: its status and the checks that fail."""
        try:
            conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=self.timeout)
            conn.request("GET", "/readyz/")
            response = conn.getresponse()
            body = response.read()
            conn.close()
            data = json.loads(body)
            failing = [k for k, v in data.items() if isinstance(v, dict) and not v.get("ok")]
            text = f"{response.status} {data.get('status')}"
            if failing:
                text += f" ({', '.join(failing)} failing)"
        except (OSError, http.client.HTTPException, ValueError) as error:
            text = f"no answer: {type(error).__name__}"
        self.ready[phase] = text

    def hold(self, seconds: float) -> None:
        """Stay in the current phase; ask /readyz/ half-way through."""
        time.sleep(seconds / 2)
        self.readiness(self.phase)
        time.sleep(seconds / 2)


def publish_notice(token: str) -> str:
    """Publish a new notice (as an editor would) and return its title."""
    from django.db import transaction

    from news.models import NoticePage

    latest = NoticePage.objects.live().order_by("-date").first()
    column = latest.get_parent()
    title = f"故障演练通知 {token}"
    with transaction.atomic():
        page = NoticePage(
            title=title,
            date=latest.date,
            summary=f"检索用标记 {token}",
            issuing_body="江滨区人大常委会办公室",
        )
        page.live = False
        column.add_child(instance=page)
        page.save_revision().publish()
    return title


def queue_counts(since) -> dict[str, int]:
    try:
        from django_tasks_db.models import DBTaskResult
    except ImportError:
        return {}
    qs = DBTaskResult.objects.filter(enqueued_at__gte=since)
    return dict(collections.Counter(qs.values_list("status", flat=True)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--phase-seconds", type=int, default=15)
    parser.add_argument("--clients", type=int, default=12, help="client threads")
    parser.add_argument("--timeout", type=float, default=15, help="per request, seconds")
    parser.add_argument("--port", type=int, default=8030)
    parser.add_argument("--db", default="portal_fault")
    parser.add_argument("--redis-port", type=int, default=6382)
    parser.add_argument("--es-port", type=int, default=9260)
    parser.add_argument("--workers", type=int, default=None)
    parser.add_argument(
        "--reindex-command",
        help="run once at start (default: search_rebuild if it exists, else update_index; none)",
    )
    parser.add_argument("--keep", action="store_true", help="leave the stack running")
    parser.add_argument("--env", action="append", default=[], metavar="NAME=VALUE")
    args = parser.parse_args()
    if args.es_port == 9200:
        sys.exit("refusing to stop the shared Elasticsearch on 9200: use another --es-port")

    stack = Stack(
        name="fault",
        port=args.port,
        db=args.db,
        redis_port=args.redis_port,
        es_port=args.es_port,
        workers=args.workers,
        extra=extra_settings(args.env),
    )
    print(f"== fault test: {machine()}", flush=True)
    stack.start()
    try:
        report = run(stack, args)
    finally:
        if not args.keep:
            stack.stop()
    print()
    print("\n\n".join(report["tables"]))
    for line in report["notes"]:
        print(line)
    print(f"\nsaved {save('fault', report)}")


def run(stack: Stack, args) -> dict:
    use_stack_settings(stack)
    from django.core.management import call_command, get_commands
    from django.utils import timezone

    # A new Elasticsearch node starts empty: build the index once (the search issue's command
    # when it exists, Wagtail's otherwise).
    command = args.reindex_command or (
        "search_rebuild" if "search_rebuild" in get_commands() else "update_index"
    )
    if command != "none":
        print(f"   manage.py {command}", flush=True)
        call_command(*command.split(), verbosity=0)

    began = timezone.now()
    urls = page_mix(3)
    recorder = Recorder(args.port, urls, args.clients, args.timeout)
    print(f"   {len(urls)} URLs, {args.clients} client threads", flush=True)
    hold = args.phase_seconds
    token = f"FAULT{int(time.time())}"
    title = None
    recorder.enter("baseline")
    recorder.start()
    try:
        recorder.hold(hold)
        recorder.enter("elasticsearch stopped")
        stack.service("elasticsearch.sh", "stop")
        title = publish_notice(token)
        print(f"   published {title!r} while Elasticsearch is down", flush=True)
        recorder.hold(hold)
        recorder.enter("elasticsearch starting")
        stack.service("elasticsearch.sh", "start")
        recorder.enter("elasticsearch back")
        recorder.hold(hold)
        recorder.enter("redis stopped")
        stack.service("redis.sh", "stop")
        recorder.hold(hold)
        recorder.enter("redis back")
        stack.service("redis.sh", "start")
        recorder.hold(hold)
    finally:
        recorder.stop()

    # The queue: whatever was enqueued during the test must drain without failures.
    deadline = time.monotonic() + 120
    counts = queue_counts(began)
    while counts.get("READY", 0) + counts.get("RUNNING", 0) and time.monotonic() < deadline:
        time.sleep(2)
        counts = queue_counts(began)
    wait_http(f"{stack.base_url}/")
    query = urllib.parse.quote(token)
    conn = http.client.HTTPConnection("127.0.0.1", args.port, timeout=30)
    conn.request("GET", f"/search/?q={query}")
    response = conn.getresponse()
    body = response.read().decode("utf-8", "replace")
    found = token in body
    notice_status = http_status(f"{stack.base_url}/")

    phases = list(recorder.counts)
    rows = []
    page_5xx = 0
    for phase in phases:
        counter = recorder.counts[phase]
        for kind in ("pages", "search"):
            outcomes = {o: n for (k, o), n in counter.items() if k == kind}
            total = sum(outcomes.values())
            if not total:
                continue
            five = sum(n for o, n in outcomes.items() if o.startswith("5"))
            errors = sum(n for o, n in outcomes.items() if o.startswith("error"))
            if kind == "pages":
                page_5xx += five + errors
            rows.append(
                [
                    phase,
                    kind,
                    total,
                    ", ".join(f"{o}: {n}" for o, n in sorted(outcomes.items())),
                    five,
                    errors,
                    recorder.ready.get(phase, "") if kind == "pages" else "",
                ]
            )
    tables = [
        table(
            ["phase", "requests", "count", "statuses", "5xx", "socket errors", "/readyz/"],
            rows,
            title=f"Status codes per phase ({args.clients} clients, {hold} s per phase)",
        ),
        table(
            ["check", "result"],
            [
                ["pages: 5xx or socket errors in any phase", page_5xx],
                ["task queue since start (by status)", counts or "(no DB queue)"],
                ["failed tasks", counts.get("FAILED", 0)],
                ["tasks not yet run after 120 s", counts.get("READY", 0)],
                [f"notice published during the outage found by /search/?q={token}", found],
                ["home page after the test", notice_status],
            ],
            title="After the restarts",
        ),
    ]
    notes = []
    if recorder.examples:
        notes.append(f"first failing URL per phase/outcome: {recorder.examples}")
    return {
        "machine": machine(),
        "phases": {
            phase: {f"{k} {o}": n for (k, o), n in counter.items()}
            for phase, counter in recorder.counts.items()
        },
        "queue": counts,
        "published": title,
        "found_after_restart": found,
        "examples": recorder.examples,
        "readiness": recorder.ready,
        "tables": tables,
        "notes": notes,
    }


if __name__ == "__main__":
    main()
