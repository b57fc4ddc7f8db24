"""Load test: many concurrent connections over a mix of pages; errors and worker memory.

    python bench/load.py [--connections 200] [--duration 60] [--timeout 30] [--keep]

Runs against the same stack as bench/pages.py (production settings, PostgreSQL `portal_bench`
with the 10× demo data, Redis, gunicorn on 8020). wrk rotates over a mix of URLs: the home page,
column lists and their second pages, the latest notices, articles and reports, station, delegate
and overview pages when they exist, searches for several words, feeds and a static file.
Reports requests, throughput, latency, socket errors and the HTTP status counts, and the resident
memory (VmRSS from /proc) of the gunicorn master and of each worker before and after.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import (  # noqa: E402
    add_stack_arguments,
    machine,
    rss_kib,
    run_wrk,
    save,
    stack_from_arguments,
    table,
    use_stack_settings,
)

SEARCH_WORDS = ["代表", "人大", "联络站", "预算", "监督"]


def page_mix(per_type: int) -> list[str]:
    """A mix of public URLs found in the database (whatever page types this branch has)."""
    from django.apps import apps
    from django.templatetags.static import static
    from wagtail.models import Page

    urls = ["/", "/feeds/rss.xml", static("css/portal.css")]
    for model in apps.get_models():
        if not issubclass(model, Page) or model is Page:
            continue
        qs = model.objects.live().public().order_by("-pk")
        if model.__name__ in {"HomePage"}:
            continue
        for page in qs[:per_type]:
            urls.append(page.url)
            if model.__name__ == "ColumnPage":
                urls.append(f"{page.url}?page=2")
            if model.__name__ == "StationIndexPage":
                urls.append(f"{page.url}overview/")
                urls.append(f"{page.url}locator/")
    urls += [f"/search/?q={word}" for word in SEARCH_WORDS]
    return [u for u in dict.fromkeys(urls) if u]


def memory(master, workers) -> dict[str, int | None]:
    values = {"master": rss_kib(master) if master else None}
    for pid in workers:
        values[str(pid)] = rss_kib(pid)
    return values


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--connections", type=int, default=200)
    parser.add_argument("--duration", type=int, default=60, help="seconds")
    parser.add_argument("--threads", type=int, default=2, help="wrk threads")
    parser.add_argument("--timeout", type=int, default=30, help="wrk socket timeout, seconds")
    parser.add_argument("--per-type", type=int, default=5, help="URLs per page type in the mix")
    add_stack_arguments(parser)
    args = parser.parse_args()

    stack = stack_from_arguments(args)
    print(f"== load test: {machine()}", flush=True)
    stack.start()
    try:
        use_stack_settings(stack)
        urls = page_mix(args.per_type)
        print(f"   {len(urls)} URLs in the mix", flush=True)
        master, workers = stack.pids()
        before = memory(master, workers)
        started = time.time()
        result = run_wrk(
            stack.base_url,
            urls,
            "mix",
            args.duration,
            connections=args.connections,
            threads=args.threads,
            timeout=args.timeout,
            accept_encoding=args.accept_encoding,
        )
        _, workers_after = stack.pids()
        after = memory(master, workers_after)
    finally:
        if not args.keep:
            stack.stop()

    restarted = sorted(set(workers) ^ set(workers_after))
    summary = table(
        [
            "connections",
            "seconds",
            "requests",
            "req/s",
            "p50 ms",
            "p99 ms",
            "socket errors",
            "statuses",
            "errors (socket + ≥400)",
        ],
        [
            [
                args.connections,
                result.seconds,
                result.requests,
                result.rps,
                result.p50_ms,
                result.p99_ms,
                result.errors,
                ", ".join(f"{k}: {v}" for k, v in sorted(result.statuses.items())),
                result.bad,
            ]
        ],
        title=f"Load: {len(urls)} URLs rotated, {len(workers)} gunicorn workers",
    )
    rows = []
    for key in sorted(set(before) | set(after), key=lambda k: (k != "master", k)):
        b, a = before.get(key), after.get(key)
        rows.append(
            [
                "master" if key == "master" else f"worker {key}",
                f"{b / 1024:.1f}" if b else "–",
                f"{a / 1024:.1f}" if a else "(gone)",
                f"{(a - b) / 1024:+.1f}" if a and b else "–",
            ]
        )
    mem = table(
        ["process", "RSS before MiB", "RSS after MiB", "change MiB"],
        rows,
        title="gunicorn memory before and after the load"
        + (f" (workers replaced: {restarted})" if restarted else ""),
    )
    print()
    print(summary)
    print()
    print(mem)
    path = save(
        "load",
        {
            "machine": machine(),
            "started": started,
            "urls": urls,
            "result": vars(result),
            "rss_kib_before": before,
            "rss_kib_after": after,
            "tables": [summary, mem],
        },
    )
    print(f"\nsaved {path}")


if __name__ == "__main__":
    main()
