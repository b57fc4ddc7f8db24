"""Elasticsearch query latency of this checkout against an older revision, in one sitting.

    BENCH_AGAINST=e8881ea BENCH_DOCS=100000 make bench-search
    .venv/bin/python bench/search_versus.py --against e8881ea --rounds 3

Issue 11 asks that search p95 at 100k documents stay within 1.2x of what it was when the issue
was filed (e8881ea). Numbers from two runs on a shared machine do not compare; this puts both
revisions on the same Elasticsearch node, the same bench database and the same queries, and
alternates them:

1. the bench database of ``search_bench.py`` (seeded to ``BENCH_DOCS`` publications when short);
2. the old revision checked out in a temporary ``git worktree`` (removed at the end);
3. each side in a process of its own that imports its own code (``search_side.py``) and builds
   its own index of the same database under its own prefix (``$ELASTICSEARCH_INDEX_PREFIX-old``
   and ``-new``), plus the same station documents as ``search_bench.py``;
4. both indices settled (segment merges finished, refreshed: ``search_bench.settle``);
5. the 200 queries of ``search_bench.py`` once per side as a warm-up (discarded), then
   ``--rounds`` passes per side alternating old/new (new/old in the next round), the request
   cache of both indices emptied before every pass (a repeated query within a pass may be
   answered from it, as in ``make bench-search``; ``--cold``: emptied before every query);
6. p50/p95/p99 of wall time over all passes, each side's CPU time (the Python side of a search)
   and the ratios new / old; the per-pass p95s show how steady the sitting was; then the
   slowest queries of the new side beside the old side's time for them.

A repeated query within a pass is answered from Elasticsearch's request cache by revisions that
ask for it (the new code does; e8881ea did not): ``--cold`` shows the cost without it.

``--reuse`` searches the indices a previous ``--keep`` run left (only valid when neither
side's documents or mapping changed since). Saved as bench/results/search_versus.json.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from search_bench import (
    DOCS,
    RESULTS,
    ROOT,
    STATIONS,
    WORKERS,
    queries,
    seed,
    settle,
    stations,
    summary,
)

from search.backends import search_config
from search.backends.elasticsearch import ElasticsearchBackend

SLOWEST = 10  # the queries listed after the table: what the tail is made of


class Side:
    """A revision's search code in a process of its own (``search_side.py``)."""

    def __init__(self, name: str, checkout: Path, prefix: str):
        self.name, self.checkout, self.prefix = name, checkout, prefix
        env = {**os.environ, "ELASTICSEARCH_INDEX_PREFIX": prefix}
        self.process = subprocess.Popen(
            [sys.executable, str(ROOT / "bench" / "search_side.py"), str(checkout)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            env=env,
        )
        self.backend = ElasticsearchBackend({**search_config(), "INDEX_PREFIX": prefix})
        self.wall: list[float] = []
        self.cpu: list[float] = []
        self.pass_p95: list[float] = []

    def ask(self, **command) -> dict:
        self.process.stdin.write(json.dumps(command) + "\n")
        self.process.stdin.flush()
        line = self.process.stdout.readline()
        if not line:
            raise RuntimeError(f"the {self.name} side stopped (see its errors above)")
        return json.loads(line)

    def indexed(self) -> int:
        return self.backend.count()

    def clear_request_cache(self) -> None:
        self.backend.client.indices.clear_cache(index=self.backend.alias, request=True)

    def close(self, keep: bool) -> None:
        self.process.stdin.close()
        self.process.wait()
        if not keep:
            self.backend.clear()


def station_docs() -> list[dict]:
    return [
        {"key": d.key, "kind": d.kind, "title": d.title, "url": d.url} for d in stations(STATIONS)
    ]


def git(*args) -> str:
    return subprocess.run(
        ["git", "-C", str(ROOT), *args], check=True, capture_output=True, text=True
    ).stdout.strip()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--against", default="e8881ea", help="the old revision")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--cold", action="store_true", help="empty the request cache per query")
    parser.add_argument("--keep", action="store_true", help="keep both indices (for --reuse)")
    parser.add_argument("--reuse", action="store_true", help="search the kept indices")
    args = parser.parse_args()

    seed(DOCS)
    qs = queries()
    base = os.environ["ELASTICSEARCH_INDEX_PREFIX"]
    old_rev = git("rev-parse", "--short", args.against)
    new_rev = git("rev-parse", "--short", "HEAD") + ("+" if git("status", "--porcelain") else "")
    checkout = Path(tempfile.mkdtemp(prefix=f"search-versus-{old_rev}-"))
    git("worktree", "add", "--detach", str(checkout), old_rev)
    sides = []
    try:
        sides = [Side("old", checkout, f"{base}-old"), Side("new", ROOT, f"{base}-new")]
        expected = {}
        for side in sides:
            if args.reuse and side.indexed():
                print(f"{side.name}: reusing {side.indexed()} documents")
            else:
                built = side.ask(op="build", workers=WORKERS, stations=station_docs())
                print(f"{side.name}: indexed {built['count']} in {built['seconds']:.0f}s")
            expected[side.name] = side.indexed()
        for side in sides:
            print(f"{side.name}: settled after {settle(side.backend):.1f}s")
        for side in sides:  # warm-up, discarded
            side.clear_request_cache()
            side.ask(op="run", queries=qs, cold=args.cold)
        for round_ in range(args.rounds):
            for side in sides if round_ % 2 == 0 else sides[::-1]:
                side.clear_request_cache()
                answer = side.ask(op="run", queries=qs, cold=args.cold)
                side.wall += answer["wall"]
                side.cpu += answer["cpu"]
                side.pass_p95.append(summary(answer["wall"])["p95"])
    finally:
        for side in sides:
            side.close(keep=args.keep)
        git("worktree", "remove", "--force", str(checkout))

    old, new = sides
    load = os.getloadavg()
    print()
    print(
        f"load average {load[0]:.1f} {load[1]:.1f} {load[2]:.1f} on {os.cpu_count()} CPUs; "
        f"{len(qs)} queries x {args.rounds} rounds per side, alternating; request cache "
        f"{'emptied before every query' if args.cold else 'emptied before every pass'}"
    )
    header = f"{'side':<6}{'revision':<10}{'docs':>8}{'p50':>9}{'p95':>9}{'p99':>9}"
    header += f"{'CPU p50':>9}{'CPU p95':>9}  p95 per pass"
    print(header)
    print("-" * len(header))
    results = {"load_average": load, "queries": len(qs), "rounds": args.rounds, "cold": args.cold}
    for side, rev in ((old, old_rev), (new, new_rev)):
        wall, cpu = summary(side.wall), summary(side.cpu)
        results[side.name] = {
            "revision": rev,
            "docs": expected[side.name],
            "wall": wall,
            "cpu": cpu,
            "pass_p95": side.pass_p95,
        }
        print(
            f"{side.name:<6}{rev:<10}{expected[side.name]:>8}"
            + "".join(f"{wall[p]:>7.1f}ms" for p in ("p50", "p95", "p99"))
            + "".join(f"{cpu[p]:>7.1f}ms" for p in ("p50", "p95"))
            + "  "
            + " ".join(f"{v:.1f}" for v in side.pass_p95)
        )
    ratio = {
        p: new_wall / results["old"]["wall"][p] for p, new_wall in results["new"]["wall"].items()
    }
    results["ratio"] = ratio
    # Each query's median over the rounds, per side: which queries the tail is made of.
    results["per_query"] = [
        {"query": q, **{s.name: statistics.median(s.wall[i :: len(qs)]) for s in sides}}
        for i, q in enumerate(qs)
    ]
    print("new / old: " + ", ".join(f"{p} {v:.2f}x" for p, v in ratio.items()))
    print(f"\nthe {SLOWEST} slowest queries of the new side (median over the rounds):")
    for row in sorted(results["per_query"], key=lambda r: -r["new"])[:SLOWEST]:
        print(f"  {row['query']:<24} old {row['old']:7.1f}ms  new {row['new']:7.1f}ms")
    out = RESULTS / "search_versus.json"
    out.write_text(json.dumps(results, indent=2))
    print(f"saved {out}")


if __name__ == "__main__":
    main()
