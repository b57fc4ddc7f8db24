"""A small public world with hidden things tangled into it, and a client for the API."""

import datetime

import pytest
from wagtail.models import PageViewRestriction

from delegates.choices import Level, StationRole
from motions.models import SuggestionCosigner

SECRET = "隐秘"


@pytest.fixture
def api_world(
    home,
    station_index,
    delegate_index,
    make_station,
    make_delegate,
    make_session,
    make_notice,
    make_article,
    make_report,
    group,
    make_suggestion,
):
    """Public: a station with two delegates (one the head), a session, three publications.
    Hidden: an unpublished station with its session and its member's seat, a login-restricted
    delegate seated at the public station, on duty there, cosigning and leading suggestions,
    an unannounced session, an unpublished notice and suggestion."""
    station = make_station(title="东城街道人大代表联络站", communities=["东风社区"])
    head = make_delegate(
        name="张子平",
        station=station,
        role=StationRole.HEAD,
        levels=(Level.COUNTY, Level.CITY),
        delegation_group=group,
        contact_phone="057212345678",
    )
    member = make_delegate(name="李文华", station=station)
    hidden_station = make_station(title=f"{SECRET}联络站", communities=[f"{SECRET}社区"])
    hidden_member = make_delegate(name="赵站员", station=hidden_station)
    restricted = make_delegate(name=f"{SECRET}代表乙", station=station, delegation_group=group)
    session = make_session(station, topic="老旧小区加装电梯", delegates=[head, restricted])
    hidden_session = make_session(hidden_station, topic=f"{SECRET}接访主题", delegates=[member])
    draft_session = make_session(station, topic=f"{SECRET}未公布接访", announced_days_before=0)
    draft_session.announced_at = None
    draft_session.save()
    notice = make_notice(title="关于召开区人民代表大会的公告")
    article = make_article(title="代表视察老旧小区改造")
    report = make_report(title="常委会工作报告")
    hidden_notice = make_notice(title=f"{SECRET}通知")
    suggestion = make_suggestion(
        title="关于加快老旧小区加装电梯的建议",
        lead_delegate=head,
        cosigners=[member, restricted, "刘附议"],
        assigned_on=datetime.date(2025, 2, 1),
        answered_on=datetime.date(2025, 4, 1),
        rated_on=datetime.date(2025, 4, 20),
        satisfaction="satisfied",
        reply="<p>已列入今年计划。</p>",
    )
    led_by_hidden = make_suggestion(
        title="关于增设社区食堂的建议", lead_delegate=restricted, lead_delegate_name="周提出"
    )
    hidden_suggestion = make_suggestion(title=f"{SECRET}建议", publish=False)
    # As submitted: the page shows this name when the profile is not public.
    SuggestionCosigner.objects.filter(delegate=restricted).update(name="钱附议")

    hidden_station.unpublish()
    hidden_notice.unpublish()
    PageViewRestriction.objects.create(page=restricted, restriction_type=PageViewRestriction.LOGIN)
    return {
        "station": station,
        "head": head,
        "member": member,
        "session": session,
        "notice": notice,
        "article": article,
        "report": report,
        "suggestion": suggestion,
        "led_by_hidden": led_by_hidden,
        "hidden": {
            "stations": [hidden_station],
            "persons": [restricted],
            "seats": [hidden_member.memberships.get()],
            "receptions": [hidden_session, draft_session],
            "publications": [hidden_notice],
            "suggestions": [hidden_suggestion],
        },
    }


def get_json(client, url, status=200, **headers):
    response = client.get(url, **headers)
    assert response.status_code == status, (url, response.status_code, response.content[:300])
    return response.json()
