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
    make_api_consultation,
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
    consultation = make_api_consultation("江州市城市绿化条例（修订草案征求意见稿）")
    hidden_consultation = make_api_consultation(f"{SECRET}条例（草案）", publish=False)
    comments = [
        make_comment(consultation, "第一条", "approved", f"{SECRET}意见人", "secret@example.org"),
        make_comment(consultation, None, "approved", "王建国", "13900001111"),
        make_comment(consultation, "第一条", "moderation", "赵", f"{SECRET}审核中意见"),
        make_comment(consultation, "第二条", "rejected", "钱", "rejected@example.org"),
        make_comment(hidden_consultation, "第一条", "approved", "孙", "hidden@example.org"),
    ]
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
        "consultation": consultation,
        "comments": comments,
        "hidden": {
            "stations": [hidden_station],
            "persons": [restricted],
            "seats": [hidden_member.memberships.get()],
            "receptions": [hidden_session, draft_session],
            "publications": [hidden_notice],
            "suggestions": [hidden_suggestion],
            "consultations": [hidden_consultation],
        },
    }


def get_json(client, url, status=200, **headers):
    response = client.get(url, **headers)
    assert response.status_code == status, (url, response.status_code, response.content[:300])
    return response.json()


DRAFT = """{title}
第一章 总则
第一条 为了保护和改善城市生态环境，制定本条例。
第二条 本市行政区域内城市绿化的规划、建设、保护和管理，适用本条例。
第二章 绿化建设
第三条 新建居住区绿地率不得低于百分之三十。"""


@pytest.fixture
def make_api_consultation(home):
    from consultations.models import ConsultationIndexPage, ConsultationPage, beijing_today

    index = ConsultationIndexPage(title="立法意见征集", slug="consultations")
    home.add_child(instance=index)
    index.save_revision().publish()

    counter = {"n": 0}

    def factory(title, publish=True):
        counter["n"] += 1
        today = beijing_today()
        page = ConsultationPage(
            title=title,
            slug=f"draft-{counter['n']}",
            asked_by="江州市人大常委会法制工作委员会",
            opens_on=today - datetime.timedelta(days=5),
            closes_on=today + datetime.timedelta(days=20),
            draft_text=DRAFT.format(title=title),
            live=False,
        )
        index.add_child(instance=page)
        page.save_revision().publish()
        page = ConsultationPage.objects.get(pk=page.pk)
        if not publish:
            page.unpublish()  # withdrawn
        return page

    return factory


def make_comment(consultation, label, status, name, contact):
    from consultations.models import Comment

    return Comment.objects.create(
        consultation=consultation,
        article=consultation.articles.get(label=label) if label else None,
        name=name,
        contact=contact,
        text=f"{name}的意见：{contact}",
        status=status,
        form_token=f"form-{name}-{status}-{consultation.pk}",
    )
