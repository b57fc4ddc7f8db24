"""The suggestions list (代表建议) at 10,000 items: server time and queries per page.

    python bench/motions_list.py [--items 10000] [--samples 30] [--backend both]

For each database (a fresh SQLite file, then a fresh PostgreSQL database `<db>_motionslist`
when DATABASE_URL names a server), in a process of its own with production settings:
1. migrate, collectstatic and `seed_demo` (delegates, stations, handling bodies, topics, the
   suggestions list);
2. bulk-insert --items suggestions (sessions, kinds, topics, lead delegates, co-signers, handling
   bodies and milestones in every status) and, as the baseline, as many notices into 通知公告;
3. in process with Django's test client, the cache cleared before every request (what a resident
   gets after a publish or on any filter: no cached page), the median and p95 server time and
   the SQL queries of: the list (first page, a deep page, filtered, by delegate, sorted), its feed
   and CSV download, a suggestion, a handling body's record, the delegate profile with the most
   suggestions, and the notice list (first and deep page) and a notice on the same database.
Prints one Markdown table per database with each p95 as a ratio to the notice list's (first
page) in the same run, and saves the numbers as JSON under bench/results/. No assertions.
"""

from __future__ import annotations

import argparse
import datetime
import os
import random
import secrets
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.common import fresh_databases, machine, save, table  # noqa: E402

TITLES = [
    "关于加快{place}老旧小区加装电梯的建议",
    "关于完善{place}居家养老服务网络的建议",
    "关于改善{place}中小学校周边交通秩序的建议",
    "关于加强{place}农贸市场食品安全监管的建议",
    "关于推进{place}生活垃圾分类的建议",
    "关于增加{place}社区卫生服务站点的建议",
    "关于整治{place}河道水环境的议案",
    "关于规范{place}共享单车停放的批评和意见",
]
PLACES = ["城东街道", "江滨街道", "福塘村", "银塘社区", "新城片区", "工业园区", "南门社区", "全区"]


def settings_environment(database_url: str) -> dict[str, str]:
    return {
        "DJANGO_SETTINGS_MODULE": "portal.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
        "BASE_URL": "http://127.0.0.1:8000",
        "SECURE_SSL_REDIRECT": "0",
        "DATABASE_URL": database_url,
        "ELASTICSEARCH_URL": "",
        "REDIS_URL": "",
        "MEDIA_ROOT": str(ROOT / "bench" / "results" / "motions-list" / "media"),
        "STATIC_ROOT": str(ROOT / "bench" / "results" / "motions-list" / "static"),
    }


# --------------------------------------------------------------------------------------------
# The corpus
# --------------------------------------------------------------------------------------------
def sessions():
    from motions.models import CongressSession

    wanted = [
        (16, 1, "2022-01-10"),
        (16, 2, "2023-01-09"),
        (16, 3, "2024-01-08"),
        (16, None, "2024-03-01"),
    ]
    made = []
    for term, sitting, opened in wanted:
        name = f"第十六届人民代表大会第{sitting}次会议" if sitting else "第十六届人大闭会期间"
        session, _ = CongressSession.objects.get_or_create(
            name=name,
            defaults={
                "short_name": f"十六届{sitting}次" if sitting else "十六届闭会期间",
                "term": term,
                "sitting": sitting,
                "opened_on": datetime.date.fromisoformat(opened),
            },
        )
        made.append(session)
    return made


def suggestion_index():
    from home.models import HomePage
    from motions.models import SuggestionIndexPage

    index = SuggestionIndexPage.objects.first()
    if index is None:
        index = HomePage.objects.first().add_child(
            instance=SuggestionIndexPage(title="代表建议", slug="suggestions")
        )
    return index


def add_suggestions(total: int, batch_size: int = 1000) -> None:
    from delegates.models import DelegatePage
    from home.demo.bulk import add_pages
    from motions.models import (
        BodyRole,
        Kind,
        Satisfaction,
        SuggestionBody,
        SuggestionCosigner,
        SuggestionPage,
    )
    from voices.models import HandlingBody, OpinionTopic

    index = suggestion_index()
    all_sessions = sessions()
    delegates = list(DelegatePage.objects.live().values_list("pk", "title"))
    bodies = list(HandlingBody.objects.values_list("pk", flat=True))
    topics = list(OpinionTopic.objects.values_list("pk", flat=True))
    if not (delegates and bodies and topics):
        sys.exit("seed_demo made no delegates, handling bodies or topics")
    start = SuggestionPage.objects.count()
    for first in range(0, total, batch_size):
        pages, extras = [], []
        for n in range(first, min(first + batch_size, total)):
            rng = random.Random(f"motions-{n}")
            session = rng.choice(all_sessions)
            lead_pk, lead_name = rng.choice(delegates)
            submitted = session.opened_on + datetime.timedelta(days=rng.randint(0, 300))
            milestones = {"submitted_on": submitted}
            stage = rng.random()
            if stage > 0.1:
                milestones["assigned_on"] = submitted + datetime.timedelta(days=rng.randint(5, 20))
                milestones["due_on"] = milestones["assigned_on"] + datetime.timedelta(days=90)
            if stage > 0.3:
                milestones["answered_on"] = milestones["assigned_on"] + datetime.timedelta(
                    days=rng.randint(20, 120)
                )
            if stage > 0.45:
                milestones["rated_on"] = milestones["answered_on"] + datetime.timedelta(days=10)
                milestones["satisfaction"] = rng.choice(Satisfaction.values)
            if stage > 0.6:
                milestones["closed_on"] = milestones["rated_on"] + datetime.timedelta(days=5)
            title = rng.choice(TITLES).format(place=rng.choice(PLACES))
            page = SuggestionPage(
                title=title,
                number=f"{session.short_name}第{start + n + 1:05d}号",
                kind=Kind.MOTION if "议案" in title else rng.choice(Kind.values),
                session=session,
                text=f"<p>{title}。建议有关部门加强调查研究，制定具体措施，限期解决群众反映的问题。</p>",
                topic_id=rng.choice(topics),
                lead_delegate_id=lead_pk,
                lead_delegate_name=lead_name,
                reply="<p>经研究，已列入年度工作计划。</p>" if "answered_on" in milestones else "",
                first_published_at=datetime.datetime.combine(
                    submitted, datetime.time(9), tzinfo=datetime.UTC
                ),
                **milestones,
            )
            pages.append((index, page))
            cosigners = rng.sample(delegates, k=rng.randint(0, 3))
            assisting = rng.sample(bodies, k=min(len(bodies), rng.randint(1, 3)))
            extras.append((page, cosigners, assisting))
        add_pages(pages)
        rows_cosigners, rows_bodies = [], []
        for page, cosigners, assisting in extras:
            for order, (pk, name) in enumerate(cosigners):
                rows_cosigners.append(
                    SuggestionCosigner(
                        suggestion_id=page.pk, delegate_id=pk, name=name, sort_order=order
                    )
                )
            for order, body in enumerate(assisting):
                role = BodyRole.LEAD if order == 0 else BodyRole.ASSIST
                rows_bodies.append(
                    SuggestionBody(suggestion_id=page.pk, body_id=body, role=role, sort_order=order)
                )
        SuggestionCosigner.objects.bulk_create(rows_cosigners)
        SuggestionBody.objects.bulk_create(rows_bodies)


def add_notices(total: int) -> None:
    from news import demo as news_demo
    from news.models import ColumnPage

    columns = {column.slug: column for column in ColumnPage.objects.all()}
    news_demo.bulk_populate(columns, total, slugs=("notices",))


# --------------------------------------------------------------------------------------------
# The pages measured
# --------------------------------------------------------------------------------------------
def urls() -> dict[str, str]:
    from django.db.models import Count

    from delegates.models import DelegatePage
    from motions.models import CongressSession, SuggestionBody, SuggestionPage
    from motions.status import Status
    from news.models import ColumnPage, NoticePage

    index = suggestion_index().url
    session = CongressSession.objects.order_by("-opened_on").first()
    busiest = DelegatePage.objects.annotate(n=Count("led_suggestions")).order_by("-n").first()
    body = SuggestionBody.objects.order_by("pk").first().body_id
    suggestion = SuggestionPage.objects.visible().order_by("-pk").first()
    column = ColumnPage.objects.get(slug="notices")  # where add_notices put them
    notices = NoticePage.objects.visible().child_of(column).order_by("-date").first()
    notice_list = column.url
    return {
        "notice list (baseline)": notice_list,
        "notice list, page 100": f"{notice_list}?page=100",
        "notice": notices.url,
        "suggestion list": index,
        "list, page 100": f"{index}?page=100",
        "list, session + status": f"{index}?session={session.pk}&status={Status.ANSWERED.value}",
        "list, by delegate": f"{index}?delegate={busiest.pk}",
        "list, sorted by number": f"{index}?sort=number",
        "list feed (RSS)": f"{index}rss/?session={session.pk}",
        "list CSV (filtered)": f"{index}csv/?session={session.pk}&status={Status.CLOSED.value}",
        "suggestion": suggestion.url,
        "handling body record": f"{index}bodies/{body}/",
        "delegate profile": busiest.url,
    }


def measure(label: str, items: int, samples: int) -> dict:
    from bench.pages import measure_in_process

    pages = urls()
    rows = measure_in_process(pages, samples)
    baseline = rows[0]["cold"]["p95_ms"]
    table_rows = [
        [
            row["type"],
            row["cold"]["median_ms"],
            row["cold"]["p95_ms"],
            f"{row['cold']['p95_ms'] / baseline:.2f}",
            row["cold"]["queries"],
            "/".join(str(s) for s in row["cold"]["statuses"]),
            row["url"],
        ]
        for row in rows
    ]
    print()
    print(
        table(
            ["page", "median ms", "p95 ms", "p95 ÷ notice list", "queries", "status", "URL"],
            table_rows,
            f"{label}: {items:,} suggestions and {items:,} notices, uncached "
            "(cache cleared before each request)",
        )
    )
    return {"database": label, "items": items, "samples": samples, "pages": rows}


def run_once(label: str, database_url: str, args) -> None:
    os.environ.update(settings_environment(database_url))
    import django

    django.setup()
    from django.core.management import call_command

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    call_command("seed_demo", no_index=True, verbosity=0)
    add_suggestions(args.items)
    add_notices(args.items)
    print(f"{label}: corpus ready in {time.perf_counter() - started:.0f} s", flush=True)
    result = measure(label, args.items, args.samples)
    print(f"results: {save(f'motions-list-{label.lower()}', result)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--items", type=int, default=10_000, help="suggestions (and notices)")
    parser.add_argument("--samples", type=int, default=30, help="requests per page")
    parser.add_argument("--backend", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--run", nargs=2, metavar=("LABEL", "URL"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.run:
        run_once(*args.run, args)
        return
    print(machine(), flush=True)
    codes = [
        subprocess.run([sys.executable, __file__, *sys.argv[1:], "--run", label, url]).returncode
        for label, url in fresh_databases(args.backend, "motions-list")
    ]
    sys.exit(1 if any(codes) else 0)


if __name__ == "__main__":
    main()
