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
    on_duty = context["upcoming"][0].delegates.all()[0]  # read with its title and path only
    assert (on_duty.pk, on_duty.url) == (delegates[0].pk, delegates[0].url)
    assert on_duty.name_pinyin == delegates[0].name_pinyin  # another field: read on access


def test_station_page_lists_the_next_twenty_and_the_last_ten_announced_sessions(
    make_station, make_session
):
    station = make_station()
    ahead = [make_session(station, days_ahead=days, capacity=5) for days in range(30, 5, -1)]
    behind = [make_session(station, days_ahead=-days) for days in range(2, 14)]
    draft = make_session(station, days_ahead=1)
    type(draft).objects.filter(pk=draft.pk).update(announced_at=None)  # not announced yet
    other = make_station(title="另一个站")
    make_session(other, days_ahead=3)
    make_session(other, days_ahead=-1)

    context = station.public_context(RequestFactory().get(station.url))
    upcoming, past = context["upcoming"], context["past_sessions"]
    assert [s.pk for s in upcoming] == [s.pk for s in sorted(ahead, key=lambda s: s.start)][:20]
    assert [s.pk for s in past] == [s.pk for s in behind][:10]  # newest first
    assert all(s.places_taken == 0 and s.places_left == 5 for s in upcoming)
