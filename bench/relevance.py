"""Relevance harness: judged resident-style queries, both backends and stock Wagtail search.

    make bench-relevance                          # 10,000 distractors (BENCH_DISTRACTORS)
    BENCH_DISTRACTORS=2000 make bench-relevance   # a quicker run

While iterating on the query side (the corpus and indices are kept between runs):

    .venv/bin/python bench/relevance.py --reuse --systems embedded,elasticsearch \
        --class typo --per-query

``--reuse`` searches the indices the previous run left (rebuild after changing how documents
are analysed); ``--systems`` runs a subset (elasticsearch, embedded, "es, page",
"embedded, page", "wagtail (stock)"; separated by ";" when one of them holds a comma);
``--class``/``--query`` pick judged queries (a class name, a substring of the query);
``--per-query`` prints each query's nDCG@10 and Hit@3.

What it does, on its own SQLite database (bench/results/relevance.sqlite3):
1. demo content plus ``seed_demo --bulk N`` distractor publications;
2. every paragraph of ../shared/seeds/*.txt published as an article (slug seed-FFF-L);
3. the Elasticsearch index (prefix ``relbench``; $RELEVANCE_INDEX_PREFIX for a run of one's own
   beside another) and the embedded index rebuilt with all of it, and stock Wagtail database
   search (``wagtail.search.backends.database``) indexed as the baseline;
4. the judged queries of bench/relevance/queries.tsv run on each: nDCG@10, Hit@3 (a best-graded
   document in the top 3) and MRR (first document graded 2 or more), overall and per class.
   Each backend twice: its own ranking, and the search page's ("…, page": more than five
   stations, receptions or delegates grouped into one result, which counts as not relevant).
No assertions: a table printed and saved as JSON.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results"
RESULTS.mkdir(parents=True, exist_ok=True)
SEEDS = Path(os.environ.get("BENCH_SEEDS", ROOT.parent / "shared" / "seeds"))
QUERIES = ROOT / "bench" / "relevance" / "queries.tsv"
os.environ.setdefault("DATABASE_URL", f"sqlite:///{RESULTS / 'relevance.sqlite3'}")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.base")
os.environ.setdefault("ELASTICSEARCH_URL", "http://127.0.0.1:9200")
sys.path.insert(0, str(ROOT))

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402

DISTRACTORS = int(os.environ.get("BENCH_DISTRACTORS", "10000"))
K = 10
STOCK = "wagtail.search.backends.database"


def load_queries(path: Path = QUERIES) -> list[dict]:
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        kind, query, judged = line.split("\t")
        grades = {}
        for item in judged.split():
            selector, _, grade = item.rpartition(":")
            grades[selector] = int(grade)
        out.append({"class": kind, "query": query, "judgements": grades})
    return out


def seed_paragraphs() -> list[tuple[str, str]]:
    """(slug, text) of every paragraph of the seed documents."""
    out = []
    for path in sorted(SEEDS.glob("*.txt")):
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
        for number, line in enumerate(lines, 1):
            text = line.strip()
            if len(text) >= 12:
                out.append((f"seed-{path.name[:3]}-{number}", text))
    return out


def prepare() -> None:
    """Demo content, distractors and the seed paragraphs, once per database."""
    from news.models import ArticlePage, ColumnPage, Publication

    call_command("migrate", verbosity=0)
    if not ColumnPage.objects.exists():
        call_command("seed_demo", "--no-index", verbosity=0)
    have = Publication.objects.count()
    if have < DISTRACTORS:
        started = time.perf_counter()
        call_command("seed_demo", "--no-index", f"--bulk={DISTRACTORS - have}", verbosity=0)
        print(f"distractors: {Publication.objects.count()} in {time.perf_counter() - started:.0f}s")
    column = ColumnPage.objects.get(slug="news")
    existing = set(
        ArticlePage.objects.filter(slug__startswith="seed-").values_list("slug", flat=True)
    )
    from django.utils import timezone

    for slug, text in seed_paragraphs():
        if slug in existing:
            continue
        title = text.split("。")[0].split(",")[0].split("，")[0][:30]
        page = ArticlePage(
            title=title or slug,
            slug=slug,
            date=timezone.now() - timezone.timedelta(days=400),
            summary=title or slug,
            body=[("paragraph", f"<p>{text}</p>")],
            live=True,
        )
        column.add_child(instance=page)


def resolve(judgements: dict, pages: list[tuple[int, str, str, str]]) -> dict[str, int]:
    """Document keys and grades from selectors (missing documents are left out)."""
    out: dict[str, int] = {}
    for selector, grade in judgements.items():
        for pk, slug, title, kind in pages:
            if selector.startswith("seed-"):
                hit = slug == selector
            elif selector.startswith("title="):
                hit = title == selector[6:]
            elif selector.startswith("title~"):
                hit = selector[6:] in title
            else:
                want, _, part = selector.partition("~")
                hit = kind == want and part in title
            if hit:
                out[f"page:{pk}"] = max(grade, out.get(f"page:{pk}", 0))
    return out


def repost_groups(pages: list[tuple[int, str, str, str]]) -> dict[str, str]:
    """Document key -> its repost group, for the kinds shown once per title."""
    from search.plan import REPOST_KINDS, repost_title

    return {
        f"page:{pk}": f"{kind}:{repost_title(title)}"
        for pk, _slug, title, kind in pages
        if kind in REPOST_KINDS
    }


def page_kinds() -> list[tuple[int, str, str, str]]:
    from wagtail.models import Page

    from search.documents import registry

    rows = []
    for page in Page.objects.live().specific().iterator(chunk_size=2000):
        source = registry.page_source(page)
        rows.append((page.pk, page.slug, page.title, source.kind if source else ""))
    return rows


def metrics(
    ranked: list[str], grades: dict[str, int], copies: dict[str, str] | None = None
) -> dict:
    """nDCG@K, Hit@3 and reciprocal rank. ``copies`` maps a document to its repost group
    (``SearchDoc.repost_group``): results show one document per group by design, so a judged
    group counts once in the ideal ranking (25 reposts of one notice are not 25 answers)."""
    copies = copies or {}
    dcg = sum((2 ** grades.get(key, 0) - 1) / math.log2(i + 2) for i, key in enumerate(ranked[:K]))
    best_of_group: dict[str, int] = {}
    for key, grade in grades.items():
        group = copies.get(key, key)
        best_of_group[group] = max(grade, best_of_group.get(group, 0))
    ideal = sorted(best_of_group.values(), reverse=True)[:K]
    idcg = sum((2**g - 1) / math.log2(i + 2) for i, g in enumerate(ideal))
    best = max(grades.values())
    hit3 = any(grades.get(key, 0) == best for key in ranked[:3])
    rr = next((1 / (i + 1) for i, key in enumerate(ranked) if grades.get(key, 0) >= 2), 0.0)
    return {"ndcg": dcg / idcg if idcg else 0.0, "hit3": float(hit3), "mrr": rr}


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reuse", action="store_true", help="search the existing indices")
    parser.add_argument(
        "--systems",
        default="",
        help="subset of the systems, separated by commas (by ; when a name holds a comma)",
    )
    parser.add_argument("--class", dest="classes", default="", help="comma-separated classes")
    parser.add_argument("--query", default="", help="only queries containing this text")
    parser.add_argument("--per-query", action="store_true", help="print every query's scores")
    return parser.parse_args(argv)


def main() -> None:
    from wagtail.models import Page

    from search.backends import search_config
    from search.backends.base import SearchRequest
    from search.backends.elasticsearch import ElasticsearchBackend
    from search.backends.embedded import EmbeddedBackend
    from search.documents import iter_prepared

    args = parse_args()
    # Names of the page systems hold a comma ("es, page"): with one, separate them by ";".
    separator = ";" if ";" in args.systems else ","
    chosen = {name.strip() for name in args.systems.split(separator) if name.strip()}
    prepare()
    pages = page_kinds()
    copies = repost_groups(pages)
    prefix = os.environ.get("RELEVANCE_INDEX_PREFIX", "relbench")
    config = {**search_config(), "INDEX_PREFIX": prefix}
    es = ElasticsearchBackend({**config, "BACKEND": "elasticsearch"})
    embedded = EmbeddedBackend(config)
    if not (args.reuse and es.count() and embedded.count()):
        from search import boilerplate

        started = time.perf_counter()
        found = boilerplate.refresh(min(4, os.cpu_count() or 1))
        print(f"{found} template sentences in {time.perf_counter() - started:.0f}s")
    for backend in (es, embedded):
        if args.reuse and backend.count():
            continue
        started = time.perf_counter()
        stats = backend.rebuild(iter_prepared(min(4, os.cpu_count() or 1)))
        backend.refresh()
        print(f"{backend.name}: {stats['count']} documents in {time.perf_counter() - started:.0f}s")
    settings.WAGTAILSEARCH_BACKENDS = {
        **settings.WAGTAILSEARCH_BACKENDS,
        "stock": {"BACKEND": STOCK},
    }
    if not args.reuse and (not chosen or "wagtail (stock)" in chosen):
        started = time.perf_counter()
        call_command("update_index", backend_name="stock", verbosity=0)
        print(f"stock wagtail index in {time.perf_counter() - started:.0f}s")

    def run_backend(backend):
        return lambda q: [h.key for h in backend.search(SearchRequest(query=q, per_page=K)).hits]

    def run_page(backend):
        """The ranking the search page shows (many stations or receptions grouped)."""
        from django.http import QueryDict

        from search.query import PortalSearch

        def run(q):
            params = QueryDict(mutable=True)
            params["q"] = q
            page = PortalSearch(params, backend=backend, per_page=K).run(log=False)
            return [hit.key for hit in page.hits][:K]

        return run

    def run_stock(q):
        found = Page.objects.live().search(q, backend="stock")[:K]
        return [f"page:{p.pk}" for p in found]

    systems = {
        "elasticsearch": run_backend(es),
        "embedded": run_backend(embedded),
        "es, page": run_page(es),
        "embedded, page": run_page(embedded),
        "wagtail (stock)": run_stock,
    }
    if chosen:
        systems = {name: run for name, run in systems.items() if name in chosen}
    queries = load_queries()
    wanted = {name.strip() for name in args.classes.split(",") if name.strip()}
    queries = [
        q for q in queries if (not wanted or q["class"] in wanted) and args.query in q["query"]
    ]
    table: dict[str, dict[str, list[dict]]] = defaultdict(lambda: defaultdict(list))
    skipped = []
    per_query = []
    for item in queries:
        grades = resolve(item["judgements"], pages)
        if not grades:
            skipped.append(item["query"])
            continue
        row = {"query": item["query"], "class": item["class"]}
        for name, run in systems.items():
            m = metrics(run(item["query"]), grades, copies)
            table[name]["all"].append(m)
            table[name][item["class"]].append(m)
            row[name] = m
        per_query.append(row)

    if args.per_query:
        print(f"\n{'query':<24}{'class':<12}" + "".join(f"{name[:16]:>18}" for name in systems))
        for row in per_query:
            cells = "".join(
                f"{row[name]['ndcg']:>12.3f} {'H' if row[name]['hit3'] else '-':>5}"
                for name in systems
            )
            print(f"{row['query']:<24}{row['class']:<12}{cells}")
    classes = ["all", *sorted({q["class"] for q in queries})]
    print(
        f"\n{len(per_query)} judged queries ({len(skipped)} skipped: no judged document exists"
        f"{': ' + ', '.join(skipped) if skipped else ''}); {len(pages)} pages"
    )
    header = f"{'system':<17}{'class':<13}{'n':>4}{'nDCG@10':>9}{'Hit@3':>8}{'MRR':>7}"
    print(header)
    print("-" * len(header))
    summary = {}
    for name in systems:
        for cls in classes:
            rows = table[name].get(cls) or []
            if not rows:
                continue
            avg = {m: sum(r[m] for r in rows) / len(rows) for m in ("ndcg", "hit3", "mrr")}
            summary.setdefault(name, {})[cls] = {"n": len(rows), **avg}
            print(
                f"{name:<17}{cls:<13}{len(rows):>4}{avg['ndcg']:>9.3f}{avg['hit3']:>8.2f}"
                f"{avg['mrr']:>7.3f}"
            )
        print()
    out = RESULTS / "relevance.json"
    out.write_text(
        json.dumps(
            {"pages": len(pages), "summary": summary, "queries": per_query, "skipped": skipped},
            indent=2,
            ensure_ascii=False,
        )
    )
    print(f"saved {out}")  # the indices stay, for --reuse


if __name__ == "__main__":
    main()
