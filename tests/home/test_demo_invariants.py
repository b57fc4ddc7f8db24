"""The demo site agrees with itself: figures, performance records, station facts, titles and
bodies, terms and sessions. Runs the real seeding once (scale 1, no search index)."""

import csv
import io
import re
from collections import Counter

import pytest
from django.core.management import call_command
from django.utils import timezone

from delegates.choices import RecordKind, StationRole
from delegates.models import DelegatePage, PerformanceRecord, ReceptionSession, StationPage
from home.demo import text
from news.models import ColumnPage, NoticePage, Publication, ReportPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(db):
    call_command("seed_demo", "--no-index", stdout=io.StringIO())


def test_demo_invariants(demo, client):
    # Figures in text come from the data.
    delegates = DelegatePage.objects.visible().count()
    home_html = client.get("/").content.decode()
    assert f"全区现有人大代表{delegates}名" in home_html
    assert f"人大代表联络站{StationPage.objects.visible().count()}个" in home_html
    directory = DelegatePage.objects.visible().first().get_parent()
    assert f"共 {delegates} 名代表" in client.get(directory.url).content.decode()

    # Every delegate on duty at a held reception has its 接访 record; every live duty report
    # its 述职 record.
    held = ReceptionSession.objects.visible().filter(end__lt=timezone.now())
    expected = {(d.pk, f"reception:{s.pk}") for s in held for d in s.delegates.all()}
    assert expected
    recorded = set(
        PerformanceRecord.objects.filter(kind=RecordKind.RECEPTION)
        .exclude(source="")
        .values_list("delegate_id", "source")
    )
    assert expected == recorded
    reports = ReportPage.objects.live().filter(report_kind="duty", delegate__isnull=False)
    assert reports.exists()
    for report in reports:
        assert PerformanceRecord.objects.filter(
            delegate_id=report.delegate_id,
            kind=RecordKind.DUTY_REPORT,
            source=f"report:{report.pk}",
        ).exists()

    # 站长 in the open data is the one the station page names.
    body = client.get("/open-data/stations.csv").content.decode("utf-8-sig")
    rows = {r["名称"]: r for r in csv.DictReader(io.StringIO(body))}
    for station in StationPage.objects.visible():
        if station.memberships.filter(role=StationRole.HEAD).exists():
            head = rows[station.title]["站长"]
            assert head, station.title
            assert f"<dt>站长</dt><dd>{head}</dd>" in client.get(station.url).content.decode()
        assert rows[station.title]["联系电话"] == station.contact_phone

    # No column lists the same title twice.
    for column in ColumnPage.objects.all():
        titles = Counter(column.get_children().live().values_list("title", flat=True))
        assert [t for t, n in titles.items() if n > 1] == [], column.title

    # A title and its body are about the same subject.
    for page in Publication.objects.live().specific():
        body_text = " ".join(str(b.value) for b in page.body)
        for topic in text.TOPICS:
            if topic in page.title:
                assert topic in body_text, page.title

    # Terms and sessions: the 第十六届 was elected in late 2021, its n-th session meets in 2021+n.
    session = re.compile(r"第十六届人民代表大会第(\d+)次会议")
    for notice in NoticePage.objects.live():
        match = session.search(notice.title)
        if match:
            n = int(match.group(1))
            assert notice.date.year in (2021 + n, 2021 + n - 1), notice.title
            assert match.group(0) in " ".join(str(b.value) for b in notice.body)
    for record in PerformanceRecord.objects.filter(title__contains="人民代表大会第"):
        n = int(re.search(r"第(\d+)次会议", record.title).group(1))
        assert record.date.year == 2021 + n, record.title


def test_demo_letters_show_the_whole_loop(demo, client):
    """网上联络站 demo letters: every state, figures on the station page, masked public answers,
    places to book at upcoming sessions; the residents' form offers the default topics."""
    from voices.models import Opinion

    states = set(Opinion.objects.values_list("status", flat=True))
    assert {"received", "declined", "assigned", "answered", "closed"} <= states
    assert Opinion.objects.overdue().count() == 1
    published = Opinion.objects.published()
    assert published.count() == 4
    answers = client.get("/voices/answers/").content.decode()
    assert all(opinion.number in answers for opinion in published)
    assert "王**" in answers and "王建国" not in answers and "13800000000" not in answers
    station = Opinion.objects.order_by("pk").first().station
    page = client.get(station.url).content.decode()
    assert "可预约，余 12 个名额" in page
    form = client.get(f"/voices/write/?station={station.pk}").content.decode()
    assert all(topic in form for topic in ("城市建设", "养老服务", "其他"))
