"""CPU time and SQL queries per uncached page, in process: stable on a loaded machine.

    python bench/profile_pages.py [--samples 30] [--pages home,notice] [--profile station]

With 2 sync gunicorn workers on 2 cores, req/s ≈ 2 / (CPU seconds per request), so the CPU
time a request costs is what the uncached throughput follows, and unlike wall-clock time or
wrk's req/s it hardly moves when other processes load the machine.

1. Seeds a SQLite demo database once (`seed_demo`, with the embedded search index) in
   bench/results/profile-pages/ (`--reseed` makes it again, e.g. after a migration or a change
   to the demo content).
2. With production settings as bench/peer.sh serves them (DEBUG off, the cached template
   loader, local-memory cache, embedded search) and PAGE_CACHE_SECONDS=0 (every page is
   rendered; what pages share — menu, site, filter choices — stays cached as in production),
   GETs each page with Django's test client: warm-up requests, then --samples requests.
3. Prints per page the median `time.process_time()` in ms, the SQL queries and the bytes of
   HTML; `--json` also saves them under bench/results/.
4. Then the cached path against its ceiling: "cached home" and "cached notice" (anonymous
   page-cache hits, gzip accepted) and "static file" (a CSS file through WhiteNoise), each
   called --hits times as gunicorn calls the app (a raw WSGI call, the body read), median CPU
   per hit over five batches, and the ratio static/cached (1.00 = a hit costs what a static
   file costs). The cache is local memory unless `--redis URL` (e.g. the bench stack's
   redis://127.0.0.1:6381/5) points it at Redis as in production.
`--cold` empties the shared cache before every request (not timed), as bench/pages.py's cold
rows do: what the first visitor after a publish pays, the site chrome built again.
`--profile PAGE` runs cProfile over the samples of one page and prints the top 40 functions by
cumulative and by own time. `--html DIR` saves each page's HTML (for diffs before/after a
change). No assertions."""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

WORK = ROOT / "bench" / "results" / "profile-pages"
DATABASE = WORK / "db.sqlite3"
PAGES = [
    "home",
    "notices",
    "notice",
    "article",
    "report",
    "station",
    "stations",
    "overview",
    "delegates",
    "delegate",
    "search",
    "suggestions",
    "suggestion",
]
SEARCH = "/search/?q=人大代表"
CACHED = {"cached home": "home", "cached notice": "notice"}


def settings_environment() -> dict[str, str]:
    return {
        "DJANGO_SETTINGS_MODULE": "portal.settings.production",
        "SECRET_KEY": "profile-pages-not-secret-0123456789abcdefghijklmnopqrstuvwxyzABCDEFG",
        "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
        "BASE_URL": "http://127.0.0.1:8000",
        "SECURE_SSL_REDIRECT": "0",
        "DATABASE_URL": f"sqlite:///{DATABASE}",
        "ELASTICSEARCH_URL": "",
        "REDIS_URL": "",
        "PAGE_CACHE_SECONDS": "0",
        "MEDIA_ROOT": str(WORK / "media"),
        "STATIC_ROOT": str(WORK / "static"),
        "RATE_LIMIT_SEARCH": "1000000/m",
        "RATE_LIMIT_SUGGEST": "1000000/m",
        "RATE_LIMIT_LOCATOR": "1000000/m",
    }


def seed(reseed: bool) -> None:
    from django.core.management import call_command

    ready = WORK / ".ready"
    # Migrated every run: a database seeded before a migration is brought up to date (its
    # data migrations fill what the code now reads) instead of failing on a missing column.
    call_command("migrate", verbosity=0)
    if ready.exists() and not reseed:
        return
    started = time.perf_counter()
    ready.unlink(missing_ok=True)
    call_command("collectstatic", interactive=False, verbosity=0)
    call_command("seed_demo", verbosity=0)
    ready.write_text("seeded\n")
    print(f"demo database seeded in {time.perf_counter() - started:.0f} s", flush=True)


def first_url(model, order: str = "-pk") -> str:
    page = model.objects.live().public().order_by(order, "-pk").first()
    if page is None:
        raise SystemExit(f"no live {model.__name__} in the demo database")
    return page.url


def discover() -> dict[str, str]:
    from django.db.models import Count

    from delegates.models import DelegateIndexPage, DelegatePage, StationIndexPage, StationPage
    from motions.models import SuggestionIndexPage, SuggestionPage
    from news.models import ArticlePage, NoticePage, ReportPage

    # The first notice of 通知公告, as bench/peer.sh takes it from /notices/.
    notice = (
        NoticePage.objects.live()
        .public()
        .filter(url_path__contains="/notices/")
        .order_by("-date", "-pk")
        .first()
    )
    return {
        "home": "/",
        "notices": notice.get_parent().url,
        "notice": notice.url,
        "article": first_url(ArticlePage, "-date"),
        "report": first_url(ReportPage, "-date"),
        # The station with the most reception sessions (jb-01-01 in the demo, the first one
        # bench/peer.sh finds on /stations/).
        "station": StationPage.objects.live()
        .public()
        .annotate(sessions_count=Count("sessions"))
        .order_by("-sessions_count", "pk")
        .first()
        .url,
        "stations": first_url(StationIndexPage),
        "overview": first_url(StationIndexPage) + "overview/",
        "delegates": first_url(DelegateIndexPage),
        "delegate": first_url(DelegatePage, "pk"),
        "search": SEARCH,
        "suggestions": first_url(SuggestionIndexPage),
        "suggestion": first_url(SuggestionPage),
    }


def get(client, url: str, cold: bool):
    """GET `url`; with `cold`, the shared cache is emptied first (not timed), as bench/pages.py
    does for its cold rows: the menu, the site and every fragment are built again."""
    if cold:
        from django.core.cache import cache

        cache.clear()
    start = time.process_time()
    response = client.get(url)
    return response, (time.process_time() - start) * 1000


def measure(client, url: str, samples: int, warmup: int, cold: bool) -> dict:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(warmup):
        response, _ms = get(client, url, cold)
    if response.status_code != 200:
        raise SystemExit(f"{url}: status {response.status_code}")
    times = [get(client, url, cold)[1] for _ in range(samples)]
    with CaptureQueriesContext(connection) as captured:
        response, _ms = get(client, url, cold)
    return {
        "url": url,
        "cpu_ms": statistics.median(times),
        "min_ms": min(times),
        "queries": len(captured.captured_queries),
        "bytes": len(response.content),
        "html": response.content,
    }


def wsgi_get(application, path: str) -> int:
    """GET `path` as gunicorn would call the app (gzip accepted, no cookies); the status,
    after reading the whole body."""
    import io

    path_info, _, query = path.partition("?")
    environ = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path_info,
        "QUERY_STRING": query,
        "SCRIPT_NAME": "",
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "8000",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_HOST": "127.0.0.1",
        "HTTP_ACCEPT_ENCODING": "gzip",
        "HTTP_USER_AGENT": "wrk",
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(),
        "wsgi.errors": sys.stderr,
        "wsgi.multithread": False,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
    }
    status = []
    body = application(environ, lambda s, headers, exc_info=None: status.append(s))
    for _chunk in body:
        pass
    body.close()
    return int(status[0].split()[0])


def measure_hits(urls: dict[str, str], hits: int) -> list[dict]:
    """CPU per cached-page hit and per static file, the whole WSGI app (every middleware)."""
    from django.core.handlers.wsgi import WSGIHandler
    from django.templatetags.static import static
    from django.test.utils import override_settings

    application = WSGIHandler()
    paths = {name: urls[page] for name, page in CACHED.items()}
    paths["static file"] = static("css/portal.css")
    rows = []
    with override_settings(PAGE_CACHE_SECONDS=300):
        for name, path in paths.items():
            for _ in range(3):  # the first one fills the cache
                if wsgi_get(application, path) != 200:
                    raise SystemExit(f"{path}: status {wsgi_get(application, path)}")
            batches = []
            for _ in range(5):
                start = time.process_time()
                for _ in range(max(hits // 5, 1)):
                    wsgi_get(application, path)
                batches.append((time.process_time() - start) * 1000 / max(hits // 5, 1))
            rows.append(
                {"page": name, "url": path, "cpu_ms": statistics.median(batches)}
                | {"min_ms": min(batches), "queries": 0}
            )
    return rows


def profile(client, name: str, url: str, samples: int, warmup: int, cold: bool) -> None:
    from django.core.cache import cache

    for _ in range(warmup):
        get(client, url, cold)
    profiler = cProfile.Profile(time.process_time)
    for _ in range(samples):
        if cold:
            cache.clear()
        profiler.enable()
        client.get(url)
        profiler.disable()
    for sort in ("cumulative", "tottime"):
        out = io.StringIO()
        pstats.Stats(profiler, stream=out).strip_dirs().sort_stats(sort).print_stats(40)
        print(f"\n=== {name} {url}: {samples} requests, top 40 by {sort} ===")
        print(out.getvalue())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--samples", type=int, default=30, help="measured requests per page")
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--pages", default=",".join(PAGES), help="comma-separated page names")
    parser.add_argument("--profile", metavar="PAGE", help="cProfile one page instead")
    parser.add_argument("--reseed", action="store_true", help="seed the demo database again")
    parser.add_argument("--html", metavar="DIR", help="save each page's HTML in DIR")
    parser.add_argument("--json", action="store_true", help="save the numbers in bench/results/")
    parser.add_argument("--hits", type=int, default=3000, help="calls per cached/static row")
    parser.add_argument("--redis", metavar="URL", help="cache in this Redis (default: memory)")
    parser.add_argument(
        "--cold", action="store_true", help="empty the shared cache before every request"
    )
    args = parser.parse_args()

    WORK.mkdir(parents=True, exist_ok=True)
    if args.reseed:
        DATABASE.unlink(missing_ok=True)
    os.environ.update(settings_environment())
    if args.redis:
        os.environ["REDIS_URL"] = args.redis
    import django

    django.setup()
    seed(args.reseed)

    from django.test import Client

    from portal.heap import freeze_startup_heap

    client = Client(HTTP_HOST="127.0.0.1")
    freeze_startup_heap()  # as portal/wsgi.py in every gunicorn worker
    urls = discover()
    if args.profile:
        profile(client, args.profile, urls[args.profile], args.samples, args.warmup, args.cold)
        return
    rows = []
    print(f"{'page':<12} {'CPU ms':>7} {'min':>6} {'queries':>7} {'bytes':>7}  url")
    for name in args.pages.split(","):
        row = measure(client, urls[name], args.samples, args.warmup, args.cold)
        html = row.pop("html")
        if args.html:
            Path(args.html).mkdir(parents=True, exist_ok=True)
            (Path(args.html) / f"{name}.html").write_bytes(html)
        rows.append({"page": name, **row})
        print(
            f"{name:<12} {row['cpu_ms']:7.2f} {row['min_ms']:6.2f} {row['queries']:7d} "
            f"{row['bytes']:7d}  {row['url']}",
            flush=True,
        )
    if args.hits > 0:
        hit_rows = measure_hits(urls, args.hits)
        static_ms = hit_rows[-1]["cpu_ms"]
        for row in hit_rows:
            ratio = static_ms / row["cpu_ms"]
            print(
                f"{row['page']:<13} {row['cpu_ms']:6.3f} {row['min_ms']:6.3f} {0:7d} "
                f"{'':>7}  {row['url']}  (static/this {ratio:.2f})",
                flush=True,
            )
        rows += hit_rows
    if args.json:
        from bench.common import machine, save

        print(f"results: {save('profile-pages', {'machine': machine(), 'pages': rows})}")


if __name__ == "__main__":
    main()
