"""Performance records that follow from what happened: held receptions (接访) and published
duty reports (述职) — recorded once, shown in the profile and counted in the points."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from delegates.choices import RecordKind
from delegates.models import PerformanceRecord
from delegates.points import scores_for
from delegates.records import record_held_receptions


def receptions(delegate):
    return PerformanceRecord.objects.filter(delegate=delegate, kind=RecordKind.RECEPTION)


@pytest.mark.django_db
def test_held_reception_recorded_once_for_each_delegate_on_duty(
    rules, make_station, make_delegate, make_session, client
):
    station = make_station(title="东城联络站")
    on_duty = [make_delegate(name="王少华", station=station), make_delegate(name="李秀兰")]
    other = make_delegate(name="赵刚", station=station)
    held = make_session(station, days_ahead=-3, delegates=on_duty)
    make_session(station, days_ahead=5, delegates=on_duty)  # not yet held

    assert record_held_receptions() == 2
    assert record_held_receptions() == 0  # idempotent
    call_command("record_held_receptions", stdout=io.StringIO())
    for delegate in on_duty:
        (record,) = receptions(delegate)
        assert record.source == f"reception:{held.pk}"
        assert record.date == timezone.localdate(held.start)
        assert "东城联络站" in record.title
    assert not receptions(other).exists()

    year = timezone.localdate(held.start).year
    assert scores_for([on_duty[0].pk], year)[on_duty[0].pk].counts[RecordKind.RECEPTION] == 1
    page = client.get(on_duty[0].url).content.decode()
    assert "在东城联络站接待选民" in page


@pytest.mark.django_db
def test_sessions_of_a_hidden_station_do_not_count(make_station, make_delegate, make_session):
    station = make_station()
    delegate = make_delegate(station=station)
    make_session(station, days_ahead=-3, delegates=[delegate])
    station.unpublish()
    assert record_held_receptions() == 0
    # Publishing the station records the sessions that ended meanwhile.
    station.refresh_from_db()
    station.save_revision().publish()
    assert receptions(delegate).count() == 1


@pytest.mark.django_db
def test_republishing_an_old_delegate_revision_keeps_automatic_records(
    make_station, make_delegate, make_session
):
    station = make_station()
    delegate = make_delegate(station=station)
    revision = delegate.save_revision()  # saved before the record exists
    make_session(station, days_ahead=-3, delegates=[delegate])
    record_held_receptions()
    revision.publish()
    assert receptions(delegate).count() == 1


@pytest.fixture
def report_column(home):
    from news.models import ColumnPage

    column = ColumnPage(title="工作报告", slug="work-reports")
    home.add_child(instance=column)
    return column


def make_report(column, delegate, **extra):
    from news.choices import ReportKind
    from news.models import ReportPage

    report = ReportPage(
        title=f"{delegate.title}代表2026年度述职报告",
        slug=f"duty-{delegate.pk}",
        report_kind=ReportKind.DUTY,
        year=2026,
        issuing_body=f"{delegate.title}代表",
        delegate=delegate,
        summary="述职",
        date=timezone.now() - datetime.timedelta(days=2),
        live=False,
        **extra,
    )
    column.add_child(instance=report)
    return report


@pytest.mark.django_db
def test_published_duty_report_records_duty_once_and_unpublish_withdraws(
    rules, make_delegate, report_column, client
):
    delegate = make_delegate(name="陈建国")
    report = make_report(report_column, delegate)
    duty = PerformanceRecord.objects.filter(delegate=delegate, kind=RecordKind.DUTY_REPORT)
    assert not duty.exists()  # a draft is not a report given

    report.save_revision().publish()
    report.save_revision().publish()  # published again: still one record
    (record,) = duty.all()
    assert record.source == f"report:{report.pk}" and record.link_page_id == report.pk
    year = timezone.localdate(report.date).year
    score = scores_for([delegate.pk], year)[delegate.pk]
    assert score.counts[RecordKind.DUTY_REPORT] == 1
    assert "向选民述职" in client.get(delegate.url).content.decode()

    report.refresh_from_db()
    report.unpublish()
    assert not duty.all().exists()
