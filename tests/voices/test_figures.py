import datetime

import pytest
from django.utils import timezone
from freezegun import freeze_time

from voices import workflow
from voices.choices import Rating
from voices.figures import station_figures

pytestmark = pytest.mark.django_db


def test_station_figures(make_station, make_opinion, admin_user, body, client):
    station = make_station(title="东城联络站")
    other = make_station(title="西城联络站")
    make_opinion(station=station)  # never confirmed: not counted
    make_opinion(station=other)
    with freeze_time("2025-09-26 10:00"):  # Friday before 国庆
        opinions = [workflow.confirm(make_opinion(station=station))[0] for _ in range(4)]
        workflow.decline(opinions[3], admin_user, "不属于受理范围。")
        for opinion in opinions[:3]:
            workflow.assign(workflow.accept(opinion, admin_user), admin_user, body=body)
    with freeze_time("2025-10-09 10:00"):  # 4 working days later (Sunday 28 Sep was worked)
        workflow.rate(workflow.answer(opinions[0], admin_user, "已修复。"), Rating.SATISFIED)
    with freeze_time("2025-10-13 10:00"):  # 7 working days (Saturday 11 Oct worked)
        answered = workflow.answer(opinions[1], admin_user, "已安排。")
        workflow.rate(answered, Rating.DISSATISFIED)
    today = datetime.date(2026, 1, 5)
    figures = station_figures(station, today=today)
    assert figures.received == 4
    assert figures.accepted == 3
    assert figures.answered == 2
    assert figures.median_days_to_answer == 5.5  # (4 + 7) / 2
    assert figures.satisfied_share == 0.5
    assert figures.overdue == 1  # opinions[2], assigned in September, still open

    html = client.get(station.url).content.decode()
    assert "网上联络站办理情况" in html and "50%" in html and "5.5 个工作日" in html


def test_station_without_opinions(make_station, client):
    station = make_station()
    figures = station_figures(station, today=timezone.localdate())
    assert (figures.received, figures.median_days_to_answer, figures.satisfied_share) == (
        0,
        None,
        None,
    )
    assert "暂无通过网上联络站提交的意见" in client.get(station.url).content.decode()
