"""A small public world with hidden things tangled into it, and a client for the API."""

import pytest
from wagtail.models import PageViewRestriction

from delegates.choices import Level, StationRole

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
):
    """Public: a station with two delegates (one the head), a session, three publications.
    Hidden: an unpublished station with its session and a member, a login-restricted delegate
    seated at the public station and on duty there, an unpublished notice."""
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
    hidden_member = make_delegate(name=f"{SECRET}代表甲", station=hidden_station)
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
        "hidden": {
            "stations": [hidden_station],
            "persons": [hidden_member, restricted],
            "receptions": [hidden_session, draft_session],
            "publications": [hidden_notice],
        },
    }


def get_json(client, url, status=200, **headers):
    response = client.get(url, **headers)
    assert response.status_code == status, (url, response.status_code, response.content[:300])
    return response.json()
