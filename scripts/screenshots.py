"""`make screenshots`: full-page PNGs of every public page type at phone and desktop widths.

Starts the demo site as `make run` shows it (portal.settings.run, DEBUG off) on a SQLite file
of its own under .cache/screenshots/, seeds the demo content the first time (about three
minutes; --reseed starts again from an empty database), then drives Debian's Chromium through
Playwright, with the same launch arguments as the browser tests, over one page of each type
at 360, 390 and 1366 px, and prints the path of every picture for a person to look at.

    .venv/bin/python scripts/screenshots.py [--port 8077] [--out .cache/screenshots]
        [--widths 360,390,1366] [--only station,overview] [--reseed]
"""

from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS  # noqa: E402

SETTINGS = "portal.settings.run"
HEIGHT = {360: 780, 390: 844}  # common phone screens; desktop pictures use 900


def environment(database: Path, base_url: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE=SETTINGS,
        DATABASE_URL=f"sqlite:///{database}",
        BASE_URL=base_url,
        ALLOWED_HOSTS="127.0.0.1,localhost",
        PAGE_CACHE_SECONDS="0",
    )
    for name in ("ELASTICSEARCH_URL", "REDIS_URL"):  # the embedded defaults, as `make run`
        env.pop(name, None)
    return env


def manage(env: dict[str, str], *args: str) -> None:
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True)


def page_urls() -> dict[str, str]:
    """One URL per public page type, chosen from the demo content: the richest station and
    delegate, so that the tables on them are as long as they get."""
    import django

    django.setup()
    from django.db.models import Count

    from delegates.models import DelegateIndexPage, DelegatePage, StationIndexPage, StationPage
    from home.models import ContentPage
    from news.models import ArticlePage, ColumnPage, NoticePage, ReportPage

    index = StationIndexPage.objects.live().public().get()
    station = (
        StationPage.objects.visible()
        .annotate(n=Count("memberships"))
        .order_by("-n", "path")
        .first()
    )
    delegate = (
        DelegatePage.objects.visible().annotate(n=Count("records")).order_by("-n", "path").first()
    )
    community = station.communities.first()
    base = index.url
    return {
        "home": "/",
        "stations": base,
        "station": station.url,
        "poster": station.url + station.reverse_subpage("poster"),
        "overview": base + index.reverse_subpage("overview"),
        "locator": base
        + index.reverse_subpage("locator")
        + (f"?q={community.name}" if community else ""),
        "receptions": base + index.reverse_subpage("receptions"),
        "open_data": base + index.reverse_subpage("open_data"),
        "directory": DelegateIndexPage.objects.live().public().get().url,
        "delegate": delegate.url,
        "notices": ColumnPage.objects.live().public().get(slug="notices").url,
        "notice": NoticePage.objects.live().public().order_by("-date").first().url,
        "article": ArticlePage.objects.live().public().order_by("-date").first().url,
        "report": ReportPage.objects.live().public().order_by("-date").first().url,
        "content": ContentPage.objects.live().public().order_by("path").first().url,
        "search": "/search/?q=联络站",
        "feeds": "/feeds/",
        "not_found": "/no-such-page/",
    }


def wait_for(url: str, server: subprocess.Popen, seconds: int = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            sys.exit(f"the site did not start (exit code {server.returncode})")
        try:
            urllib.request.urlopen(url, timeout=5)
            return
        except urllib.error.HTTPError:
            return  # it answers
        except OSError:
            time.sleep(0.5)
    sys.exit(f"the site did not answer on {url} within {seconds} s")


def port_free(port: int) -> bool:
    with socket.socket() as sock:
        return sock.connect_ex(("127.0.0.1", port)) != 0


def shoot(base_url: str, urls: dict[str, str], widths: list[int], out: Path) -> list[Path]:
    from playwright.sync_api import sync_playwright

    saved = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for width in widths:
            context = browser.new_context(
                locale="zh-CN",
                viewport={"width": width, "height": HEIGHT.get(width, 900)},
                device_scale_factor=1,
            )
            page = context.new_page()
            for name, url in urls.items():
                page.goto(base_url + url, wait_until="networkidle")
                path = out / f"{name}-{width}.png"
                page.screenshot(path=str(path), full_page=True)
                overflow = page.evaluate("document.documentElement.scrollWidth") - width
                note = f"  (document {overflow}px wider than the screen)" if overflow > 0 else ""
                print(f"{path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}{note}")
                saved.append(path)
            context.close()
        browser.close()
    return saved


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", 8077)))
    parser.add_argument("--out", type=Path, default=ROOT / ".cache" / "screenshots")
    parser.add_argument("--widths", default="360,390,1366")
    parser.add_argument("--only", default="", help="comma-separated page types (default: all)")
    parser.add_argument("--reseed", action="store_true", help="rebuild the demo database")
    args = parser.parse_args()

    if not Path(CHROMIUM).exists():
        sys.exit(f"{CHROMIUM} is missing (bash scripts/system-deps.sh installs it)")
    if not port_free(args.port):
        sys.exit(f"port {args.port} is in use; choose another with PORT=… or --port")
    out = args.out.resolve()
    out.mkdir(parents=True, exist_ok=True)
    database = out / "demo.sqlite3"
    if args.reseed:
        database.unlink(missing_ok=True)
    base_url = f"http://127.0.0.1:{args.port}"
    env = environment(database, base_url)
    fresh = not database.exists()
    manage(env, "migrate", "--noinput", "-v", "0")
    if fresh:
        print("Seeding the demo content (about three minutes, once)…", flush=True)
        manage(env, "seed_demo")
    os.environ.update(env)
    urls = page_urls()
    if args.only:
        wanted = set(args.only.split(","))
        unknown = wanted - urls.keys()
        if unknown:
            sys.exit(f"unknown page types: {', '.join(sorted(unknown))}; known: {', '.join(urls)}")
        urls = {name: url for name, url in urls.items() if name in wanted}

    server = subprocess.Popen(
        [sys.executable, "manage.py", "runserver", "--noreload", f"127.0.0.1:{args.port}"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_for(base_url + "/healthz/", server)
        saved = shoot(base_url, urls, [int(w) for w in args.widths.split(",")], out)
    finally:
        server.terminate()
        server.wait(timeout=30)
    print(f"{len(saved)} screenshots in {out}")


if __name__ == "__main__":
    main()
