"""The station page reads its members, rule documents and duty reports once and hands them to
the disclosures (delegates.disclosures): the same facts as the disclosures read for themselves."""

import pytest
from django.test import RequestFactory

from delegates.disclosures import disclosures_for
from news.choices import ReportKind

pytestmark = pytest.mark.django_db


def test_station_page_disclosures_equal_those_read_from_the_database(
    make_station, make_delegate, make_session, make_record, make_report, rules
):
    station = make_station(rules="<p>接访制度</p>")
    delegates = [make_delegate(name=f"代表{i}", station=station) for i in range(3)]
    make_record(delegates[0])
    make_report(title="代表0述职报告", report_kind=ReportKind.DUTY, delegate=delegates[0])
    make_session(station, days_ahead=20, delegates=delegates[:2])
    make_session(station, days_ahead=-5, delegates=delegates[1:])
    delegates[2].unpublish()  # a hidden member is left out of both

    request = RequestFactory().get(station.url)
    context = station.public_context(request)
    expected = disclosures_for([station])[station.pk]
    assert context["facts"] == expected
    assert [m.delegate.title for m in context["memberships"]] == ["代表0", "代表1"]
    assert [r.title for r in context["duty_reports"]] == ["代表0述职报告"]
    assert context["duty_reports"][0].delegate.title == "代表0"
    assert [d.title for d in context["upcoming"][0].delegates.all()] == ["代表0", "代表1"]
    assert [d.title for d in context["past_sessions"][0].delegates.all()] == ["代表1"]
