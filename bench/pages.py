"""Page benchmark: server time, SQL queries and throughput per page type.

    python bench/pages.py [--samples 200] [--duration 10] [--connections 32] [--keep]

1. Starts a stack of its own (scripts/stack.sh: production settings, PostgreSQL database
   `portal_bench` seeded with `seed_demo --scale 10`, Redis on 6381, gunicorn on 8020).
2. In process, with Django's test client and the stack's settings: for every page type found in
   the database, the median and p95 server time and the SQL query count, in rounds that ask for
   every page type once (so a slow phase of the shared machine falls on all types alike),
   - cold: the cache is cleared before every request (what the first visitor after a publish or
     a cache flush gets; nothing is served from any cache),
   - cached: the same URL again with a warm cache;
   for cold requests also the CPU time of this process (time.process_time), which other
   load on the machine hardly changes: compare branches by it on a busy machine.
3. Over HTTP with wrk against gunicorn on loopback, each run bounded to --duration seconds:
   a static file (whitenoise, the ceiling of this server), then every page type uncached (a
   unique query parameter on every request, so no page cache can answer) and cached.

Prints Markdown tables and saves them as JSON under bench/results/. No assertions: the issue's
targets (uncached p95 <= 60 ms at 10x demo data, cached >= 1,000 req/s on 2 cores) are shown
next to the numbers.
Page types that do not exist yet on this branch (station, delegate, overview) are listed as absent.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path
from urllib.parse import quote

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import (  # noqa: E402
    URL_SAFE,
    Stack,
    add_stack_arguments,
    http_status,
    machine,
    percentile,
    run_wrk,
    save,
    stack_from_arguments,
    table,
    use_stack_settings,
)

TARGET_P95_MS = 60
TARGET_CACHED_RPS = 1000
SEARCH_WORD = "代表"


def model(name: str):
    """A model class by name in any app, or None (e.g. delegates' pages before they land)."""
    from django.apps import apps

    for candidate in apps.get_models():
        if candidate.__name__ == name:
            return candidate
    return None


def latest_url(model_name: str) -> str | None:
    cls = model(model_name)
    if cls is None:
        return None
    qs = cls.objects.live().public()
    if any(f.name == "date" for f in cls._meta.get_fields()):
        qs = qs.order_by("-date", "-pk")
    else:
        qs = qs.order_by("-pk")
    page = qs.first()
    return page.url if page else None


def discover() -> tuple[dict[str, str], dict[str, str]]:
    """URL per page type, and a note per absent type. The types of the issue come first."""
    urls: dict[str, str | None] = {}
    urls["home"] = "/"
    notice = model("NoticePage")
    first_notice = notice.objects.live().order_by("-date").first() if notice else None
    urls["notice list"] = first_notice.get_parent().url if first_notice else None
    urls["notice"] = first_notice.url if first_notice else None
    urls["station"] = latest_url("StationPage")
    urls["delegate"] = latest_url("DelegatePage")
    station_index = latest_url("StationIndexPage")
    urls["overview"] = f"{station_index}overview/" if station_index else None
    urls["search"] = f"/search/?q={SEARCH_WORD}"
    # More page types, for a complete picture.
    urls["article"] = latest_url("ArticlePage")
    urls["report"] = latest_url("ReportPage")
    urls["station list"] = station_index
    urls["delegate list"] = latest_url("DelegateIndexPage")
    urls["locator"] = f"{station_index}locator/" if station_index else None
    urls["rss feed"] = "/feeds/rss.xml"
    found = {name: url for name, url in urls.items() if url}
    absent = {
        name: "no such page type or no live page on this branch"
        for name, url in urls.items()
        if not url
    }
    return found, absent


def redis_counter():
    """A function that returns how many commands the cache's Redis has processed so far (each
    call is one command itself), or None when the cache is not Redis."""
    from django.conf import settings

    if not settings.REDIS_URL:
        return None
    import redis

    client = redis.Redis.from_url(settings.REDIS_URL)
    return lambda: client.info("stats")["total_commands_processed"]


def postgres_cpu_counter():
    """A function that returns the CPU time (ms) the PostgreSQL backend serving this process's
    connection has used so far, from /proc (the server on this machine), or None. Like this
    process's CPU time, it hardly changes with other load on the machine."""
    from django.db import connection

    def cpu_ms():
        pid = connection.connection.info.backend_pid
        return int(Path(f"/proc/{pid}/schedstat").read_text().split()[0]) / 1e6

    try:
        cpu_ms()
    except (AttributeError, OSError):
        return None
    return cpu_ms


def measure_in_process(urls: dict[str, str], samples: int) -> list[dict]:
    """Server time, CPU time and SQL queries of every page type, cold then cached.

    The requests go in rounds: each round asks for every page type once, so a slow phase of the
    machine (another process, a collection) falls on all types alike instead of on one."""
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from portal.heap import freeze_startup_heap

    client = Client(HTTP_HOST="127.0.0.1")
    for url in urls.values():
        client.get(url)  # import code paths, open the database connection
    # What portal/wsgi.py does in every gunicorn worker: without it a full garbage collection
    # over the startup heap lands on about one cold request in fifteen to thirty (130-300 ms CPU).
    freeze_startup_heap()
    redis_commands = redis_counter()
    postgres_cpu = postgres_cpu_counter()
    results = {name: {"type": name, "url": url} for name, url in urls.items()}
    for mode in ("cold", "cached"):
        times = {name: [] for name in urls}
        cpu = {name: [] for name in urls}
        queries = {name: [] for name in urls}
        cache_calls = {name: [] for name in urls}
        database_cpu = {name: [] for name in urls}
        statuses = {name: set() for name in urls}
        sizes = {}
        if mode == "cached":
            for url in urls.values():
                client.get(url)
        for _ in range(samples):
            for name, url in urls.items():
                if mode == "cold":
                    cache.clear()
                redis_before = redis_commands() if redis_commands else 0
                postgres_before = postgres_cpu() if postgres_cpu else 0
                # The log keeps 9,000 queries, then the capture's positions in it stop moving.
                connection.queries_log.clear()
                with CaptureQueriesContext(connection) as captured:
                    start, start_cpu = time.perf_counter(), time.process_time()
                    response = client.get(url)
                    elapsed = (time.perf_counter() - start) * 1000
                    cpu[name].append((time.process_time() - start_cpu) * 1000)
                if postgres_cpu:
                    database_cpu[name].append(postgres_cpu() - postgres_before)
                if redis_commands:
                    # Less the counting command before the request.
                    cache_calls[name].append(redis_commands() - redis_before - 1)
                times[name].append(elapsed)
                queries[name].append(len(captured.captured_queries))
                statuses[name].add(response.status_code)
                sizes[name] = len(response.content)
        for name in urls:
            results[name][mode] = {
                "samples": samples,
                "median_ms": percentile(times[name], 50),
                "p95_ms": percentile(times[name], 95),
                # CPU time of this process: what a loaded machine hardly changes.
                "cpu_median_ms": percentile(cpu[name], 50),
                "cpu_p95_ms": percentile(cpu[name], 95),
                # CPU time of the PostgreSQL backend: the database's share, on a busy machine too.
                "postgres_cpu_mean_ms": (
                    sum(database_cpu[name]) / samples if database_cpu[name] else None
                ),
                "queries": max(queries[name]),
                "redis_commands": max(cache_calls[name], default=None),
                "statuses": sorted(statuses[name]),
                "bytes": sizes[name],
            }
    rows = list(results.values())
    for result in rows:
        print(
            f"  {result['type']:<14} cold p95 {result['cold']['p95_ms']:6.1f} ms "
            f"(CPU {result['cold']['cpu_p95_ms']:5.1f}) "
            f"{result['cold']['queries']:3d} queries {result['cold']['redis_commands']} Redis "
            f"| cached p95 {result['cached']['p95_ms']:6.1f} ms "
            f"{result['cached']['queries']:3d} queries {result['cached']['redis_commands']} Redis",
            flush=True,
        )
    return rows


def static_path() -> str:
    from django.templatetags.static import static

    return static("css/portal.css")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--samples",
        type=int,
        default=200,
        help="requests per page type and mode, in rounds over all types",
    )
    parser.add_argument("--duration", type=int, default=10, help="seconds per wrk run")
    parser.add_argument("--connections", type=int, default=32, help="wrk connections")
    parser.add_argument("--threads", type=int, default=2, help="wrk threads")
    parser.add_argument("--types", help="comma-separated page types to run (default: all)")
    parser.add_argument("--no-wrk", action="store_true", help="in-process measurements only")
    add_stack_arguments(parser)
    args = parser.parse_args()

    stack = stack_from_arguments(args)
    print(f"== page benchmark: {machine()}", flush=True)
    stack.start()
    try:
        run(stack, args)
    finally:
        if not args.keep:
            stack.stop()


def run(stack: Stack, args) -> None:
    use_stack_settings(stack)
    from django.conf import settings
    from wagtail.models import Page

    urls, absent = discover()
    if args.types:
        wanted = [t.strip() for t in args.types.split(",")]
        urls = {k: v for k, v in urls.items() if k in wanted}
    pages = Page.objects.live().count()
    cache_backend = settings.CACHES["default"]["BACKEND"].rsplit(".", 1)[-1]
    master, workers = stack.pids()
    print(
        f"   {pages} live pages (seed_demo --scale {args.scale}), cache {cache_backend}, "
        f"database {settings.DATABASES['default']['NAME']}, {len(workers)} gunicorn workers",
        flush=True,
    )
    for name, note in absent.items():
        print(f"   skipped {name}: {note}")

    waited = stack.settle()
    print(f"   waited {waited:.0f} s for the stack's task worker to idle", flush=True)
    print(
        f"-- in-process server time, {args.samples} rounds over the page types, cold then "
        f"cached; load average {os.getloadavg()[0]:.2f} before",
        flush=True,
    )
    stack_cpu = stack.cpu_seconds()
    rows = measure_in_process(urls, args.samples)
    stack_cpu = stack.cpu_seconds() - stack_cpu
    # The stack's gunicorn workers and task worker must idle meanwhile, or they compete.
    print(
        f"   load average {os.getloadavg()[0]:.2f} after; the stack's own processes used "
        f"{stack_cpu * 1000:.0f} ms CPU meanwhile",
        flush=True,
    )

    report = [
        table(
            [
                "page type",
                "cold median ms",
                "cold p95 ms",
                "cold CPU median ms",
                "cold CPU p95 ms",
                "cold PostgreSQL CPU mean ms",
                "cold queries",
                "cold Redis commands",
                "cached median ms",
                "cached p95 ms",
                "cached queries",
                "cached Redis commands",
                "cached/cold median",
                f"p95 ≤ {TARGET_P95_MS} ms",
            ],
            [
                [
                    r["type"],
                    r["cold"]["median_ms"],
                    r["cold"]["p95_ms"],
                    r["cold"]["cpu_median_ms"],
                    r["cold"]["cpu_p95_ms"],
                    r["cold"]["postgres_cpu_mean_ms"],
                    r["cold"]["queries"],
                    r["cold"]["redis_commands"],
                    r["cached"]["median_ms"],
                    r["cached"]["p95_ms"],
                    r["cached"]["queries"],
                    r["cached"]["redis_commands"],
                    f"{r['cached']['median_ms'] / r['cold']['median_ms']:.2f}",
                    "yes" if r["cold"]["p95_ms"] <= TARGET_P95_MS else "NO",
                ]
                for r in rows
            ]
            + [[name, "absent", *[""] * 12] for name in absent],
            title=(
                f"Server time per page type (in process, {pages} live pages, {cache_backend}, "
                f"{args.samples} samples each)"
            ),
        )
    ]

    throughput = []
    if not args.no_wrk:
        print(f"-- wrk: {args.duration} s per run, {args.connections} connections", flush=True)

        def wrk(label, paths, bust=False):
            result = run_wrk(
                stack.base_url,
                paths,
                label,
                args.duration,
                connections=args.connections,
                threads=args.threads,
                bust=bust,
                accept_encoding=args.accept_encoding,
            )
            print(
                f"  {label:<30} {result.rps:8.1f} req/s  p50 {result.p50_ms:6.1f} ms  "
                f"p99 {result.p99_ms:7.1f} ms  statuses {result.statuses} errors {result.errors}",
                flush=True,
            )
            return result

        static = wrk("static file (ceiling)", [static_path()])
        for name, url in urls.items():
            uncached = wrk(f"{name} uncached", [url], bust=True)
            # Fill the cache first, or 32 connections miss together on the first request.
            for _ in range(2):
                http_status(stack.base_url + quote(url, safe=URL_SAFE))
            cached = wrk(f"{name} cached", [url])
            throughput.append((name, uncached, cached))
        report.append(
            table(
                [
                    "page type",
                    "uncached req/s",
                    "uncached p99 ms",
                    "cached req/s",
                    "cached p99 ms",
                    "cached/uncached",
                    "uncached/static",
                    "cached/static",
                    "errors+4xx/5xx",
                    f"cached ≥ {TARGET_CACHED_RPS}/s",
                ],
                [
                    [
                        "static file",
                        "",
                        "",
                        static.rps,
                        static.p99_ms,
                        "",
                        "",
                        "1.00",
                        static.bad,
                        "",
                    ]
                ]
                + [
                    [
                        name,
                        u.rps,
                        u.p99_ms,
                        c.rps,
                        c.p99_ms,
                        f"{c.rps / u.rps:.2f}" if u.rps else "–",
                        f"{u.rps / static.rps:.3f}",
                        f"{c.rps / static.rps:.3f}",
                        u.bad + c.bad,
                        "yes" if c.rps >= TARGET_CACHED_RPS else "NO",
                    ]
                    for name, u, c in throughput
                ],
                title=(
                    f"Throughput with wrk against gunicorn ({len(workers)} workers, "
                    f"{args.connections} connections, {args.duration} s per run, loopback, "
                    f"Accept-Encoding: {args.accept_encoding or 'none'})"
                ),
            )
        )

    print()
    print("\n\n".join(report))
    path = save(
        "pages",
        {
            "machine": machine(),
            "live_pages": pages,
            "cache": cache_backend,
            "workers": len(workers),
            "samples": args.samples,
            "stack_cpu_ms_in_process": stack_cpu * 1000,
            "absent": absent,
            "in_process": rows,
            "wrk": [
                {"type": name, "uncached": vars(u), "cached": vars(c)} for name, u, c in throughput
            ],
            "tables": report,
        },
    )
    print(f"\nsaved {path.relative_to(Path.cwd()) if path.is_relative_to(Path.cwd()) else path}")


if __name__ == "__main__":
    main()
