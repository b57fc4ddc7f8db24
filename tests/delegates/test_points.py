"""Performance points are computed from the rule table at read time."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from delegates.choices import RecordKind
from delegates.points import scores_and_latest, scores_for


@pytest.mark.django_db
def test_points_per_kind_with_caps(rules, make_delegate, make_record):
    delegate = make_delegate()
    year = timezone.localdate().year
    for _ in range(5):
        make_record(delegate, RecordKind.RECEPTION)  # 5 × 4 = 20, capped at 12
    make_record(delegate, RecordKind.MEETING)  # 2
    for _ in range(3):
        make_record(delegate, RecordKind.SUGGESTION)  # 3 × 5 = 15, no cap
    make_record(delegate, RecordKind.TRAINING)  # no rule: 0
    make_record(delegate, RecordKind.MEETING, date=datetime.date(year - 1, 6, 1))  # other year

    score = scores_for([delegate.pk], year)[delegate.pk]
    assert score.total == Decimal("29")
    by_kind = {item.kind: item for item in score.breakdown}
    assert by_kind[RecordKind.RECEPTION].count == 5
    assert by_kind[RecordKind.RECEPTION].points == Decimal("12")
    assert by_kind[RecordKind.RECEPTION].capped
    assert by_kind[RecordKind.MEETING].points == Decimal("2")
    assert by_kind[RecordKind.SUGGESTION].points == Decimal("15")
    assert by_kind[RecordKind.TRAINING].count == 1 and by_kind[RecordKind.TRAINING].points == 0
    assert scores_for([delegate.pk], year - 1)[delegate.pk].total == Decimal("2")


@pytest.mark.django_db
def test_changing_a_rule_recomputes(rules, make_delegate, make_record, client, committed):
    delegate = make_delegate(name="李秀兰")
    for _ in range(3):
        make_record(delegate, RecordKind.RECEPTION)
    year = timezone.localdate().year
    assert scores_for([delegate.pk], year)[delegate.pk].total == Decimal("12")
    page = client.get(delegate.url).content.decode()
    assert f"{year}年度：12 分" in page

    rule = rules[RecordKind.RECEPTION]
    rule.points, rule.yearly_cap = Decimal("6"), None
    with committed():  # the commit purges what pages share, the rule table among it
        rule.save()
    assert scores_for([delegate.pk], year)[delegate.pk].total == Decimal("18")
    page = client.get(delegate.url).content.decode()
    assert f"{year}年度：18 分" in page


@pytest.mark.django_db
def test_many_delegates_in_two_queries(
    rules, make_delegate, make_record, django_assert_num_queries
):
    delegates = [make_delegate(name=f"代表{i}") for i in range(4)]
    for i, delegate in enumerate(delegates):
        for _ in range(i):
            make_record(delegate, RecordKind.MEETING)
    with django_assert_num_queries(2):
        scores = scores_for([d.pk for d in delegates], timezone.localdate().year)
    assert [scores[d.pk].total for d in delegates] == [0, 2, 4, 6]


@pytest.mark.django_db
def test_station_page_shows_points_per_delegate(
    rules, make_station, make_delegate, make_record, client
):
    station = make_station()
    delegate = make_delegate(name="王建国", station=station)
    make_record(delegate, RecordKind.SUGGESTION)
    make_record(delegate, RecordKind.SUGGESTION)
    html = client.get(station.url).content.decode()
    section = html.split('id="disclosure-performance"')[1].split("</section>")[0]
    assert "王建国" in section
    assert "<strong>10</strong>" in section


@pytest.mark.django_db
def test_scores_and_latest_read_in_one_query_agree_with_scores_for(
    rules, make_delegate, make_record, django_assert_num_queries
):
    """The station page's scores and the dates of the newest records come from one query."""
    year = timezone.localdate().year
    first, second, idle = (make_delegate(name=name) for name in ("甲一", "乙二", "丙三"))
    make_record(first, RecordKind.RECEPTION, date=datetime.date(year, 1, 5))
    make_record(first, RecordKind.RECEPTION, date=datetime.date(year, 1, 6))
    make_record(first, RecordKind.MEETING, date=datetime.date(year - 1, 12, 30))
    make_record(second, RecordKind.MEETING, date=datetime.date(year - 2, 3, 1))
    ids = [first.pk, second.pk, idle.pk]
    scores_for([], year)  # the rule table, shared by every page that shows points
    with django_assert_num_queries(1):
        scores, latest = scores_and_latest(ids, year)
    assert scores == scores_for(ids, year)
    assert scores[first.pk].counts[RecordKind.RECEPTION] == 2
    assert scores[second.pk].total == 0
    assert latest == {first.pk: datetime.date(year, 1, 6), second.pk: datetime.date(year - 2, 3, 1)}


@pytest.mark.parametrize(
    "value",
    [
        0,
        3,
        Decimal("0"),
        Decimal("2.00"),
        Decimal("0.5"),
        Decimal("0.25"),
        Decimal("12.5"),
        Decimal("1000"),
    ],
)
def test_points_written_as_floatformat_writes_them(value):
    from django.template.defaultfilters import floatformat

    from delegates.templatetags.delegates_tags import _points

    assert _points(value) == floatformat(value, "-1")
