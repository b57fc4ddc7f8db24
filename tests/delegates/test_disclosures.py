"""The five disclosures: derived from the data, dated, and flagged when missing or stale."""

import datetime

import pytest
from django.utils import timezone

from delegates.choices import DisclosureStatus, RecordKind
from delegates.disclosures import disclosures_for
from delegates.models import StarAssessment, StationRuleDocument
from news.choices import ReportKind

OK, STALE, MISSING = DisclosureStatus.OK, DisclosureStatus.STALE, DisclosureStatus.MISSING


def statuses(station):
    facts = disclosures_for([station])[station.pk]
    return {d.key: d for d in facts.disclosures}


@pytest.fixture
def complete_station(make_station, make_delegate, make_session, make_record, make_report):
    """A station whose wall is complete and current."""
    station = make_station(title="幸福社区人大代表联络站")
    a = make_delegate(name="张子平", station=station, unit_position="幸福社区党委书记")
    b = make_delegate(name="李秀兰", station=station)
    make_session(station, days_ahead=10, announced_days_before=12, delegates=[a])
    for delegate in (a, b):
        make_record(delegate, RecordKind.RECEPTION, date=timezone.localdate())
        make_report(
            title=f"{delegate.title}代表述职报告",
            report_kind=ReportKind.DUTY,
            delegate=delegate,
            days=30,
        )
    return station


@pytest.mark.django_db
def test_a_complete_station_is_all_ok(complete_station):
    wall = statuses(complete_station)
    assert list(wall) == ["roster", "receptions", "rules", "performance", "duty_reports"]
    assert {k: d.status for k, d in wall.items()} == dict.fromkeys(wall, OK)
    assert wall["roster"].note == "共 2 名进站代表。"
    assert wall["rules"].updated == complete_station.rules_reviewed_on
    assert wall["performance"].updated == timezone.localdate()
    assert all(d.updated for d in wall.values())


@pytest.mark.django_db
def test_an_empty_station_is_all_missing(make_station):
    station = make_station(rules="", rules_reviewed_on=None)
    wall = statuses(station)
    assert {k: d.status for k, d in wall.items()} == dict.fromkeys(wall, MISSING)
    assert wall["roster"].updated is None


@pytest.mark.django_db
def test_roster_is_derived_from_memberships(complete_station, client):
    html = client.get(complete_station.url).content.decode()
    roster = html.split('id="disclosure-roster"')[1].split("</section>")[0]
    assert "张子平" in roster and "李秀兰" in roster
    assert "幸福社区党委书记" in roster
    assert "区人大代表" in roster
    assert "13812345678" in roster  # the station liaison's phone as public contact


@pytest.mark.django_db
def test_receptions_stale_without_a_week_notice(complete_station, make_station, make_session):
    short = make_station()
    make_session(short, days_ahead=3, announced_days_before=1)
    assert statuses(short)["receptions"].status == STALE
    assert "7 天" in statuses(short)["receptions"].note

    only_past = make_station()
    make_session(only_past, days_ahead=-20, announced_days_before=8)
    assert statuses(only_past)["receptions"].status == STALE
    assert statuses(only_past)["receptions"].updated is not None


@pytest.mark.django_db
def test_notice_threshold_comes_from_settings(settings, make_station, make_session):
    station = make_station()
    make_session(station, days_ahead=5, announced_days_before=5)
    assert statuses(station)["receptions"].status == STALE
    settings.PORTAL_RECEPTION_NOTICE_DAYS = 3
    assert statuses(station)["receptions"].status == OK


@pytest.mark.django_db
def test_rules_stale_after_a_year_and_documents_count(complete_station, make_station):
    complete_station.rules_reviewed_on = timezone.localdate() - datetime.timedelta(days=400)
    complete_station.save()
    assert statuses(complete_station)["rules"].status == STALE
    assert "365 天" in statuses(complete_station)["rules"].note

    from wagtail.documents.models import Document

    only_document = make_station(rules="")
    assert statuses(only_document)["rules"].status == MISSING
    document = Document.objects.create(title="工作制度", file="documents/rules.pdf")
    StationRuleDocument.objects.create(station=only_document, document=document)
    assert statuses(only_document)["rules"].status == OK


@pytest.mark.django_db
def test_performance_stale_without_recent_records(make_station, make_delegate, make_record):
    station = make_station()
    delegate = make_delegate(station=station)
    make_record(delegate, date=timezone.localdate() - datetime.timedelta(days=200))
    assert statuses(station)["performance"].status == STALE


@pytest.mark.django_db
def test_duty_reports_stale_names_the_delegate_without_one(complete_station, make_delegate):
    make_delegate(name="王建国", station=complete_station)
    wall = statuses(complete_station)
    assert wall["duty_reports"].status == STALE
    assert "王建国" in wall["duty_reports"].note
    assert "张子平" not in wall["duty_reports"].note


@pytest.mark.django_db
def test_old_duty_report_does_not_count(make_station, make_delegate, make_report):
    station = make_station()
    delegate = make_delegate(station=station)
    make_report(report_kind=ReportKind.DUTY, delegate=delegate, days=400)
    assert statuses(station)["duty_reports"].status == STALE


@pytest.mark.django_db
def test_station_page_shows_five_headings_dates_and_flags(complete_station, make_station, client):
    html = client.get(complete_station.url).content.decode()
    for title in ["代表名录", "代表接访预安排表", "规章制度", "代表履职情况", "代表述职报告"]:
        assert f"</span>{title}</h2>" in html
    assert html.count("更新于") == 5
    assert "disclosure__flag" not in html

    empty = make_station(rules="", rules_reviewed_on=None)
    html = client.get(empty.url).content.decode()
    assert html.count('class="disclosure__flag"') == 5
    assert "尚未公布接访安排。" in html
    assert html.count("暂无更新记录") == 5


@pytest.mark.django_db
def test_overview_lists_every_station_with_statuses_stars_and_next_reception(
    complete_station, make_station, client, station_index
):
    empty = make_station(title="空白联络站", rules="", rules_reviewed_on=None)
    StarAssessment.objects.create(
        station=complete_station, date=datetime.date(2024, 12, 1), stars=3, reason="首次评定"
    )
    StarAssessment.objects.create(
        station=complete_station, date=datetime.date(2025, 12, 1), stars=4, reason="升一星"
    )
    response = client.get(station_index.url + "overview/")
    html = response.content.decode()
    rows = html.split("<tbody>")[1].split("</tbody>")[0].split("<tr>")[1:]
    assert len(rows) == 2
    full = next(r for r in rows if "幸福社区" in r)
    assert full.count("status--ok") == 5
    # On a phone each cell shows its column heading (the row becomes a card).
    for heading in (
        "街道乡镇",
        "星级",
        "代表名录",
        "代表接访预安排表",
        "代表述职报告",
        "下一次接访",
    ):
        assert f'<td data-label="{heading}">' in full
    assert 'aria-label="4星级"' in full
    assert "暂无" not in full  # has a next reception
    blank = next(r for r in rows if "空白联络站" in r)
    assert blank.count("status--missing") == 5
    assert "未评星" in blank

    flagged = client.get(station_index.url + "overview/?flagged=1").content.decode()
    assert "空白联络站" in flagged and "幸福社区人大代表联络站" not in flagged
    assert empty.pk


@pytest.mark.django_db
def test_star_history_shows_gains_and_losses(make_station, client):
    station = make_station()
    for date, stars in [("2023-12-01", 3), ("2024-12-01", 4), ("2025-12-01", 2)]:
        StarAssessment.objects.create(
            station=station, date=datetime.date.fromisoformat(date), stars=stars, reason="评定"
        )
    assert station.current_stars == 2
    assert [a.change for a in station.star_history] == [-2, 1, 0]
    html = client.get(station.url).content.decode()
    assert "降 2 星" in html and "升 1 星" in html and "首次评定" in html
