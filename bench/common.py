"""Helpers shared by the benchmark, load and fault scripts: the stack, wrk, tables, memory.

Nothing here asserts on timings: the scripts print numbers (and save them as JSON under
bench/results/) for a person to read.
"""

from __future__ import annotations

import datetime
import json
import math
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, urlsplit

ROOT = Path(__file__).resolve().parent.parent
STACK = ROOT / "scripts" / "stack.sh"
RESULTS = ROOT / "bench" / "results"
LUA = ROOT / "bench" / "wrk"


# Settings every benchmark stack runs with: all requests come from 127.0.0.1, so the app's
# per-IP rate limits would answer most of them with 429. Counting still happens (its cost is
# part of the numbers); override with --env RATE_LIMIT_SEARCH=60/m to see the limits at work.
URL_SAFE = "/?=&%:+,;-_.~"  # characters kept as they are when percent-encoding a URL path
BENCH_SETTINGS = {"RATE_LIMIT_SEARCH": "1000000/m", "RATE_LIMIT_LOCATOR": "1000000/m"}


def extra_settings(pairs: list[str]) -> dict[str, str]:
    return {**BENCH_SETTINGS, **dict(item.split("=", 1) for item in pairs)}


@dataclass
class Stack:
    """One instance of scripts/stack.sh, identified by its name and ports."""

    name: str
    port: int
    db: str
    redis_port: int
    es_port: int
    scale: int = 1
    workers: int | None = None
    search: bool = True
    extra: dict[str, str] = field(default_factory=dict)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def environ(self) -> dict[str, str]:
        env = dict(os.environ)
        # The stack's own settings must win over anything a caller has exported.
        for key in ("DATABASE_URL", "REDIS_URL", "ELASTICSEARCH_URL", "DJANGO_SETTINGS_MODULE"):
            env.pop(key, None)
        env.update(
            STACK_NAME=self.name,
            PORT=str(self.port),
            PG_DB=self.db,
            REDIS_PORT=str(self.redis_port),
            ES_PORT=str(self.es_port),
            STACK_SCALE=str(self.scale),
            STACK_SEARCH="1" if self.search else "0",
            STACK_SEED="always",
            PY=sys.executable,
        )
        if self.workers:
            env["WEB_WORKERS"] = str(self.workers)
        env.update(self.extra)
        return env

    def run(self, action: str, check: bool = True) -> subprocess.CompletedProcess:
        return subprocess.run(
            ["bash", str(STACK), action],
            env=self.environ(),
            check=check,
            text=True,
            stdout=subprocess.PIPE if action == "env" else None,
        )

    def start(self) -> None:
        self.run("start")

    def stop(self) -> None:
        self.run("stop", check=False)

    def settings_env(self) -> dict[str, str]:
        """The variables the stack runs Django with (SECRET_KEY, DATABASE_URL, ...)."""
        out = self.run("env").stdout
        values = {}
        for line in out.splitlines():
            if line.startswith("export ") and "=" in line:
                key, _, value = line[len("export ") :].partition("=")
                values[key] = value
        return values

    def service(self, script: str, action: str) -> None:
        """Start or stop one server of the stack (scripts/redis.sh, scripts/elasticsearch.sh)."""
        subprocess.run(
            ["bash", str(ROOT / "scripts" / script), action],
            env=self.environ(),
            check=True,
            stdout=subprocess.DEVNULL,
        )

    def pid(self, name: str) -> int | None:
        """The pid in the stack's state directory: gunicorn.pid, worker.pid."""
        cache = Path(os.environ.get("PORTAL_CACHE_DIR", Path.home() / ".cache" / "portal"))
        try:
            return int((cache / f"stack-{self.name}" / name).read_text().strip())
        except (OSError, ValueError):
            return None

    def pids(self) -> tuple[int | None, list[int]]:
        """The gunicorn master and its workers."""
        master = self.pid("gunicorn.pid")
        return (master, children(master)) if master else (None, [])

    def settle(self, seconds: float = 300, idle: float = 0.1, every: float = 2) -> float:
        """Wait until the stack's own processes idle (using less than `idle` CPU seconds in
        `every`): after a seed, the task worker indexes for minutes and would compete with a
        measurement. Returns the seconds waited (`seconds` at most)."""
        start = time.monotonic()
        while time.monotonic() - start < seconds:
            before = self.cpu_seconds()
            time.sleep(every)
            if self.cpu_seconds() - before < idle:
                break
        return time.monotonic() - start

    def cpu_seconds(self) -> float:
        """CPU time used so far by the stack's own processes (gunicorn and the task worker)."""
        master, workers = self.pids()
        worker = self.pid("worker.pid")
        return sum(process_cpu_seconds(p) for p in (master, *workers, worker) if p)


def add_stack_arguments(parser, port=8020, db="portal_bench", redis_port=6381, es_port=9200):
    group = parser.add_argument_group("the stack under test (scripts/stack.sh)")
    group.add_argument("--scale", type=int, default=10, help="seed_demo --scale for a new DB")
    group.add_argument("--port", type=int, default=port, help="gunicorn port")
    group.add_argument("--db", default=db, help="PostgreSQL database (created if missing)")
    group.add_argument("--redis-port", type=int, default=redis_port)
    group.add_argument("--es-port", type=int, default=es_port)
    group.add_argument("--workers", type=int, help="gunicorn workers (default: stack.sh's)")
    group.add_argument("--keep", action="store_true", help="leave the stack running")
    group.add_argument(
        "--stack-name",
        default="bench",
        help="state directory of the stack (stack-NAME; a second stack beside the first needs "
        "its own, with its own --port, --redis-port and --db)",
    )
    group.add_argument(
        "--accept-encoding",
        default="gzip",
        help="Accept-Encoding of wrk's requests (default gzip, as browsers; '' for none)",
    )
    group.add_argument(
        "--env",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="extra setting for gunicorn and the in-process client (repeatable), "
        "e.g. to raise the app's rate limits for a benchmark",
    )


def stack_from_arguments(args) -> Stack:
    return Stack(
        name=args.stack_name,
        port=args.port,
        db=args.db,
        redis_port=args.redis_port,
        es_port=args.es_port,
        scale=args.scale,
        workers=args.workers,
        extra=extra_settings(args.env),
    )


def use_stack_settings(stack: Stack) -> None:
    """Configure this process's Django like the stack's gunicorn, then set Django up."""
    os.environ.update(stack.settings_env())
    os.environ.update(stack.extra)
    # The test client talks to "testserver" unless told otherwise; allow both.
    os.environ["ALLOWED_HOSTS"] = os.environ["ALLOWED_HOSTS"] + ",testserver"
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def children(pid: int) -> list[int]:
    try:
        text = Path(f"/proc/{pid}/task/{pid}/children").read_text()
    except OSError:
        return []
    return [int(p) for p in text.split()]


def process_cpu_seconds(pid: int) -> float:
    """User plus system CPU time of a process (0 when it is gone)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
    except OSError:
        return 0.0
    # Fields 14 and 15 of proc(5), counted from the state (field 3) after the command name.
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def rss_kib(pid: int) -> int | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        return None
    return None


def percentile(values: list[float], pct: float) -> float:
    """Nearest-rank percentile."""
    if not values:
        return math.nan
    ordered = sorted(values)
    rank = max(1, math.ceil(pct / 100 * len(ordered)))
    return ordered[rank - 1]


def http_status(url: str, timeout: float = 10) -> int:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            response.read()
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def wait_http(url: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while True:
        try:
            if http_status(url, timeout=5) < 500:
                return
        except OSError:
            pass
        if time.monotonic() > deadline:
            raise RuntimeError(f"{url} did not answer within {seconds} s")
        time.sleep(0.5)


def ensure_wrk() -> str:
    wrk = shutil.which("wrk")
    if wrk:
        return wrk
    if os.geteuid() == 0 and shutil.which("apt-get"):
        print("wrk is missing: installing the Debian package", flush=True)
        subprocess.run(["apt-get", "install", "-y", "-qq", "wrk"], check=True)
        wrk = shutil.which("wrk")
    if not wrk:
        sys.exit("wrk is not installed (apt-get install wrk)")
    return wrk


@dataclass
class WrkResult:
    label: str
    requests: int
    seconds: float
    rps: float
    p50_ms: float
    p99_ms: float
    errors: int
    statuses: dict[str, int]

    @property
    def bad(self) -> int:
        """Socket errors plus responses with a status >= 400."""
        return self.errors + sum(n for s, n in self.statuses.items() if int(s) >= 400)


def run_wrk(
    base_url: str,
    paths: list[str],
    label: str,
    duration: int,
    connections: int = 32,
    threads: int = 2,
    bust: bool = False,
    timeout: int = 10,
    accept_encoding: str = "gzip",
) -> WrkResult:
    """wrk against `paths` (rotated); `bust` adds a unique query parameter to every request,
    so that no page cache can answer it. Requests say `Accept-Encoding: gzip` as browsers do
    (empty `accept_encoding`: no such header). The Lua script reports statuses and latencies
    as JSON."""
    wrk = ensure_wrk()
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as handle:
        # wrk wants ASCII request targets: percent-encode Chinese query words and slugs.
        handle.write("\n".join(quote(p, safe=URL_SAFE) for p in paths) + "\n")
        paths_file = handle.name
    env = dict(os.environ, BENCH_PATHS=paths_file, BENCH_BUST="1" if bust else "0")
    connections = max(connections, threads)
    try:
        proc = subprocess.run(
            [
                wrk,
                f"-t{threads}",
                f"-c{connections}",
                f"-d{duration}s",
                "--timeout",
                f"{timeout}s",
                *(["-H", f"Accept-Encoding: {accept_encoding}"] if accept_encoding else []),
                "-s",
                str(LUA / "rotate.lua"),
                base_url,
            ],
            env=env,
            capture_output=True,
            text=True,
            timeout=duration + timeout + 60,
        )
    finally:
        os.unlink(paths_file)
    match = re.search(r"^BENCH_JSON (.*)$", proc.stdout, re.M)
    if proc.returncode != 0 or not match:
        raise RuntimeError(f"wrk failed ({proc.returncode}): {proc.stdout}\n{proc.stderr}")
    data = json.loads(match.group(1))
    seconds = data["duration_us"] / 1e6
    return WrkResult(
        label=label,
        requests=data["requests"],
        seconds=seconds,
        rps=data["requests"] / seconds if seconds else 0.0,
        p50_ms=data["p50_us"] / 1000,
        p99_ms=data["p99_us"] / 1000,
        errors=sum(data["errors"].values()),
        statuses={str(k): v for k, v in data["statuses"].items()},
    )


def table(headers: list[str], rows: list[list], title: str = "") -> str:
    """A Markdown table (readable in a terminal, pasteable into an issue)."""

    def cell(value) -> str:
        if value is None:
            return "–"
        if isinstance(value, float):
            if math.isnan(value):
                return "–"
            return f"{value:,.1f}" if abs(value) < 1000 else f"{value:,.0f}"
        return str(value)

    text_rows = [[cell(v) for v in row] for row in rows]
    widths = [
        max(len(h), *(len(r[i]) for r in text_rows)) if text_rows else len(h)
        for i, h in enumerate(headers)
    ]
    lines = []
    if title:
        lines += [f"### {title}", ""]
    lines.append("| " + " | ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)) + " |")
    lines.append("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    for row in text_rows:
        lines.append("| " + " | ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)) + " |")
    return "\n".join(lines)


def machine() -> str:
    load = os.getloadavg()
    return (
        f"{os.cpu_count()} cores, load average {load[0]:.2f} at start, "
        f"{datetime.datetime.now(datetime.UTC):%Y-%m-%d %H:%M} UTC"
    )


def save(name: str, data: dict) -> Path:
    """Write the results as JSON; also prints the load average, since the machine is shared."""
    load = os.getloadavg()[0]
    print(f"\nload average at the end: {load:.2f} on {os.cpu_count()} cores")
    data = {**data, "load_average_at_end": load}
    RESULTS.mkdir(parents=True, exist_ok=True)
    stamp = datetime.datetime.now(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")
    path = RESULTS / f"{name}-{stamp}.json"
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2, default=str))
    return path


def fresh_postgres(url: str, suffix: str) -> str:
    """DATABASE_URL of a new, empty database `<name>_<suffix>` on the server of `url`."""
    import psycopg

    parts = urlsplit(url)
    name = f"{parts.path.lstrip('/')}_{suffix}"
    admin = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    return parts._replace(path=f"/{name}").geturl()


def fresh_databases(backend: str, name: str) -> list[tuple[str, str]]:
    """(label, DATABASE_URL) of the empty databases a run uses: a new SQLite file
    bench/results/<name>.sqlite3 and/or, when DATABASE_URL names a PostgreSQL server, a new
    database `<db>_<name>` on it (`backend`: sqlite, postgres or both)."""
    runs = []
    if backend in ("sqlite", "both"):
        sqlite = RESULTS / f"{name}.sqlite3"
        RESULTS.mkdir(parents=True, exist_ok=True)
        for ending in ("", "-wal", "-shm"):
            Path(f"{sqlite}{ending}").unlink(missing_ok=True)
        runs.append(("SQLite", f"sqlite:///{sqlite}"))
    postgres = os.environ.get("DATABASE_URL", "")
    if backend in ("postgres", "both") and postgres.startswith("postgres"):
        runs.append(("PostgreSQL", fresh_postgres(postgres, name.replace("-", ""))))
    elif backend == "postgres":
        sys.exit("--backend postgres needs DATABASE_URL=postgres://…")
    return runs
