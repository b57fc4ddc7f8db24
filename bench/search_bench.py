"""Search benchmark: Elasticsearch and the embedded backend side by side, in one run.

    make bench-search                      # defaults below
    BENCH_DOCS=100000 make bench-search    # the issue's 100k-document run

What it does, on its own SQLite database (bench/results/bench.sqlite3, not the dev one):
1. `seed_demo --bulk N` creates the documents (real Wagtail pages through the bulk path);
2. rebuilds the Elasticsearch index with all N and the embedded index with min(N, 10k)
   (the embedded target is stated at 10k) and reports docs/s;
   Elasticsearch then settles before it is timed: the bench waits until the index's segment
   merges have finished (``settle``; a bulk load leaves a dozen segments that Elasticsearch
   merges in the background for a while). A live site queries a settled index; timing the
   queries while merges compete for the same CPUs measured the merges, not the queries.
   The wait is reported (``settle_seconds``) and is not part of the indexing rate;
3. runs the same 200 Chinese queries (fixed, seeded) on each backend: p50/p95/p99;
4. suggest latency over 200 prefixes (10,000 station documents are indexed too); and once,
   outside the backends, nearest-5 through `delegates.locator.nearest_stations` (the portal's
   one nearest-station path, on the database) over the stations of the bench database;
5. peak RSS of this process (it plays the web process: it runs the queries).

Numbers are also given as ratios to a baseline measured in the same run: a naive
`title LIKE %q%` query on the same pages (what the site would do without a search engine).
No assertions: these are measurements, printed as a table and saved as JSON.
"""

from __future__ import annotations

import itertools
import json
import os
import random
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results"
RESULTS.mkdir(parents=True, exist_ok=True)
os.environ.setdefault("DATABASE_URL", f"sqlite:///{RESULTS / 'bench.sqlite3'}")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.base")
os.environ.setdefault("ELASTICSEARCH_URL", "http://127.0.0.1:9200")
os.environ.setdefault("ELASTICSEARCH_INDEX_PREFIX", "bench")
sys.path.insert(0, str(ROOT))

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402

from delegates.locator import nearest_stations  # noqa: E402
from delegates.models import StationPage  # noqa: E402
from home.demo import text  # noqa: E402
from news.models import Publication  # noqa: E402
from search.backends import search_config  # noqa: E402
from search.backends.base import SearchRequest  # noqa: E402
from search.backends.elasticsearch import ElasticsearchBackend  # noqa: E402
from search.backends.embedded import EmbeddedBackend  # noqa: E402
from search.documents import SearchDoc, iter_prepared, registry  # noqa: E402

DOCS = int(os.environ.get("BENCH_DOCS", "20000"))
EMBEDDED_DOCS = int(os.environ.get("BENCH_EMBEDDED_DOCS", "10000"))
STATIONS = int(os.environ.get("BENCH_STATIONS", "10000"))
WORKERS = int(os.environ.get("BENCH_WORKERS", str(min(4, os.cpu_count() or 1))))
QUERIES = 200
DOMAIN = ["人大代表", "联络站", "五上墙", "一府两院", "代表联组", "家站点", "接访", "述职"]
DOMAIN += ["履职积分", "星级", "代表建议", "执法检查", "专题询问", "选民", "常委会", "闭会期间"]


def queries(n: int = QUERIES) -> list[str]:
    rng = random.Random(20251122)
    pool = DOMAIN + text.TOPICS + text.STREETS + text.LAWS
    out = []
    while len(out) < n:
        shape = len(out) % 4
        if shape == 0:
            out.append(rng.choice(pool))
        elif shape == 1:
            out.append(f"{rng.choice(DOMAIN)} {rng.choice(text.TOPICS)}")
        elif shape == 2:
            out.append(f"{rng.choice(text.STREETS)}{rng.choice(DOMAIN)}")
        else:  # Traditional script
            out.append(
                {"人大代表": "人大代表", "联络站": "聯絡站", "述职": "述職"}.get(
                    q := rng.choice(DOMAIN), q
                )
            )
    return out


def timed(fn, items) -> list[float]:
    out = []
    for item in items:
        start = time.perf_counter()
        fn(item)
        out.append((time.perf_counter() - start) * 1000)
    return out


def pct(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def summary(values):
    return {"p50": pct(values, 50), "p95": pct(values, 95), "p99": pct(values, 99)}


def settle(backend: ElasticsearchBackend, timeout: float = 600.0) -> float:
    """Wait until no segment merge is running on the backend's index (polled every half
    second, at most ``timeout`` seconds; three quiet polls in a row, since a merge that ends
    can start the next), then refresh it: merged segments are searched only from the next
    refresh on. Returns the seconds waited."""
    started = time.perf_counter()
    quiet = 0
    while quiet < 3 and time.perf_counter() - started < timeout:
        stats = backend.client.indices.stats(index=backend.alias, metric="merge")
        running = stats["_all"]["primaries"]["merges"]["current"]
        quiet = quiet + 1 if running == 0 else 0
        if quiet < 3:
            time.sleep(0.5)
    backend.refresh()
    return time.perf_counter() - started


def stations(n: int) -> list[SearchDoc]:
    rng = random.Random(7)
    return [
        SearchDoc(
            key=f"benchstation:{i}",
            kind="station",
            title=f"{rng.choice(text.STREETS)}人大代表联络站{i}",
            url=f"/stations/{i}/",
        )
        for i in range(n)
    ]


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def seed(docs: int = DOCS) -> None:
    """The bench database, migrated, with at least ``docs`` publications (``seed_demo --bulk``)."""
    call_command("migrate", verbosity=0)
    have = Publication.objects.count()
    if have < docs:
        started = time.perf_counter()
        call_command("seed_demo", "--no-index", f"--bulk={max(0, docs - have - 76)}", verbosity=0)
        print(
            f"seeded {Publication.objects.count()} publications in "
            f"{time.perf_counter() - started:.0f}s"
        )


def main() -> None:
    seed()
    total = len(registry.expected_keys())
    config = search_config()
    es = ElasticsearchBackend({**config, "BACKEND": "elasticsearch"})
    embedded = EmbeddedBackend(config)
    qs = queries()
    results = {
        "load_average_start": os.getloadavg()[0],
        "docs": total,
        "embedded_docs": min(total, EMBEDDED_DOCS),
        "stations": STATIONS,
    }

    # Baseline: naive LIKE on titles, same queries, same database.
    def like(q):
        list(Publication.objects.filter(title__contains=q.split()[0]).values_list("pk")[:10])

    baseline = summary(timed(like, qs))
    results["baseline_like"] = baseline

    # Nearest stations: not a search question (one path, on the database, whatever the backend).
    rng = random.Random(3)
    points = [(30.0 + rng.random() * 1.2, 119.6 + rng.random() * 1.4) for _ in range(200)]
    nearest = summary(timed(lambda pt: nearest_stations(*pt, limit=5), points))
    results["nearest5_database"] = {**nearest, "stations": StationPage.objects.live().count()}

    rows = []
    for name, backend, limit in (
        ("elasticsearch", es, None),
        ("embedded", embedded, EMBEDDED_DOCS),
    ):
        backend.clear()
        docs = iter_prepared(WORKERS)
        stats = backend.rebuild(itertools.islice(docs, limit), chunk_size=500)
        docs.close()  # stops the workers when the embedded run took only the first `limit`
        backend.refresh()
        rate = stats["count"] / stats["seconds"]
        backend.index(stations(STATIONS))
        backend.refresh()
        settled = settle(backend) if backend is es else 0.0
        search_ms = timed(lambda q, b=backend: b.search(SearchRequest(query=q)), qs)
        prefixes = [q.replace(" ", "")[:2] for q in qs]
        suggest_ms = timed(lambda p, b=backend: b.suggest(p), prefixes)
        row = {
            "backend": name,
            "indexed": stats["count"],
            "index_docs_per_s": rate,
            "settle_seconds": settled,
            "search": summary(search_ms),
            "suggest": summary(suggest_ms),
            "peak_rss_mb": peak_rss_mb(),
        }
        rows.append(row)
        results[name] = row

    print()
    load = os.getloadavg()[0]
    print(f"load average {load:.1f} on {os.cpu_count()} CPUs; analysis workers: {WORKERS}")
    print(
        f"documents: {total} pages (Elasticsearch all, embedded first {EMBEDDED_DOCS}); "
        f"{STATIONS} station documents; {QUERIES} queries"
    )
    waited = results["elasticsearch"]["settle_seconds"]
    print(f"Elasticsearch timed on a settled index (waited {waited:.1f}s for its merges)")
    print(
        f"baseline (naive title LIKE, same queries): p50 {baseline['p50']:.2f} ms, "
        f"p95 {baseline['p95']:.2f} ms"
    )
    header = (
        f"{'backend':<14}{'docs':>8}{'index docs/s':>14}{'query p50':>11}{'p95':>9}{'p99':>9}"
        f"{'p95/base':>10}{'suggest p95':>13}{'peak RSS':>10}"
    )
    print(header)
    print("-" * len(header))
    for row in rows:
        s = row["search"]
        print(
            f"{row['backend']:<14}{row['indexed']:>8}{row['index_docs_per_s']:>14.0f}"
            f"{s['p50']:>9.1f}ms{s['p95']:>7.1f}ms{s['p99']:>7.1f}ms"
            f"{s['p95'] / max(baseline['p95'], 1e-6):>9.1f}x"
            f"{row['suggest']['p95']:>11.1f}ms"
            f"{row['peak_rss_mb']:>8.0f}MB"
        )
    near = results["nearest5_database"]
    print(
        f"nearest-5 (delegates.locator, database, {near['stations']} stations): "
        f"p50 {near['p50']:.2f} ms, p95 {near['p95']:.2f} ms"
    )
    out = RESULTS / "search_bench.json"
    out.write_text(json.dumps(results, indent=2, ensure_ascii=False))
    print(f"\nsaved {out}")
    es.clear()


if __name__ == "__main__":
    main()
