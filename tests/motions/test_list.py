"""The public list at /suggestions/: filters by session, kind, delegate, body, topic, status
and year; sort orders; pagination; malformed values ignored."""

import datetime

import pytest

from motions.models import BodyRole, CongressSession, Kind
from voices.models import HandlingBody, OpinionTopic

pytestmark = pytest.mark.django_db

D = datetime.date


def titles(response):
    return [item.title for item in response.context["page_obj"].object_list]


@pytest.fixture
def spread(make_suggestion, make_delegate, congress_session, handling_body):
    interim = CongressSession.objects.create(
        name="第十六届人大闭会期间(2024)", short_name="闭会期间", term=16, opened_on=D(2024, 3, 1)
    )
    traffic = HandlingBody.objects.create(name="区交通运输局")
    topic = OpinionTopic.objects.get_or_create(name="交通出行")[0]
    wang = make_delegate(name="王建国")
    li = make_delegate(name="李明华")
    pages = {
        "elevator": make_suggestion(
            title="关于加装电梯的建议",
            submitted_on=D(2025, 1, 12),
            lead_delegate=wang,
            number="A-003",
        ),
        "bus": make_suggestion(
            title="关于优化公交线路的议案",
            kind=Kind.MOTION,
            submitted_on=D(2025, 1, 14),
            bodies=[(traffic, BodyRole.LEAD), (handling_body, BodyRole.ASSIST)],
            topic=topic,
            assigned_on=D(2025, 2, 1),
            answered_on=D(2025, 4, 1),
            lead_delegate=li,
            cosigners=[wang],
            number="A-001",
        ),
        "noise": make_suggestion(
            title="关于油烟扰民的批评和意见",
            kind=Kind.CRITICISM,
            session=interim,
            submitted_on=D(2024, 6, 1),
            assigned_on=D(2024, 7, 1),
            due_on=D(2024, 10, 1),
            bodies=[(traffic, BodyRole.LEAD)],
            lead_delegate_name="赵六",
            number="A-002",
        ),
    }
    return pages, {"interim": interim, "traffic": traffic, "topic": topic, "wang": wang}


def test_each_filter_narrows_the_list(client, spread, congress_session):
    pages, refs = spread
    cases = {
        f"session={refs['interim'].pk}": ["关于油烟扰民的批评和意见"],
        f"session={congress_session.pk}": ["关于优化公交线路的议案", "关于加装电梯的建议"],
        "kind=motion": ["关于优化公交线路的议案"],
        # Led or co-signed.
        f"delegate={refs['wang'].pk}": ["关于优化公交线路的议案", "关于加装电梯的建议"],
        f"body={refs['traffic'].pk}": ["关于优化公交线路的议案", "关于油烟扰民的批评和意见"],
        f"topic={refs['topic'].pk}": ["关于优化公交线路的议案"],
        "status=overdue": ["关于油烟扰民的批评和意见"],
        "status=answered": ["关于优化公交线路的议案"],
        "status=submitted": ["关于加装电梯的建议"],
        "year=2024": ["关于油烟扰民的批评和意见"],
        f"year=2025&kind=suggestion&delegate={refs['wang'].pk}": ["关于加装电梯的建议"],
    }
    for query, expected in cases.items():
        response = client.get(f"/suggestions/?{query}")
        assert response.status_code == 200
        assert titles(response) == expected, query


def test_malformed_values_are_ignored(client, spread):
    for query in ("session=abc", "kind=xyz", "status=gone", "year=１９", "delegate=-1", "sort=x"):
        response = client.get(f"/suggestions/?{query}")
        assert response.status_code == 200
        assert len(titles(response)) == 3, query


def test_sort_orders(client, spread):
    assert titles(client.get("/suggestions/")) == [
        "关于优化公交线路的议案",
        "关于加装电梯的建议",
        "关于油烟扰民的批评和意见",
    ]
    assert titles(client.get("/suggestions/?sort=oldest"))[0] == "关于油烟扰民的批评和意见"
    assert titles(client.get("/suggestions/?sort=number")) == [
        "关于优化公交线路的议案",
        "关于油烟扰民的批评和意见",
        "关于加装电梯的建议",
    ]
    assert titles(client.get("/suggestions/?sort=answered"))[0] == "关于优化公交线路的议案"


def test_filter_form_offers_what_the_list_holds(client, spread):
    html = client.get("/suggestions/").content.decode()
    assert "区交通运输局" in html and "王建国" in html and "闭会期间" in html
    assert '<option value="overdue">超期</option>' in html
    # Feed and download links carry the active filters.
    html = client.get("/suggestions/?kind=motion&sort=oldest").content.decode()
    assert 'href="/suggestions/csv/?kind=motion"' in html
    assert 'href="/suggestions/rss/?kind=motion"' in html


def test_pagination(client, settings, make_suggestion):
    settings.PORTAL_PAGE_SIZE = 2
    for n in range(5):
        make_suggestion(title=f"第{n}号建议", submitted_on=D(2025, 1, 1 + n))
    first = client.get("/suggestions/")
    assert titles(first) == ["第4号建议", "第3号建议"]
    assert "第 1 页，共 3 页，5 条" in first.content.decode()
    assert titles(client.get("/suggestions/?page=3")) == ["第0号建议"]
    assert titles(client.get("/suggestions/?page=99")) == ["第0号建议"]
    assert titles(client.get("/suggestions/?page=x&sort=oldest")) == ["第0号建议", "第1号建议"]
