"""A suggestion's page (its facts, timeline, reply) and the section on delegates' profiles."""

import datetime

import pytest
from wagtail.documents.models import Document

from motions.models import Satisfaction

pytestmark = pytest.mark.django_db

D = datetime.date


def test_suggestion_page_links_only_visible_profiles(client, make_suggestion, make_delegate):
    lead = make_delegate(name="王建国")
    hidden = make_delegate(name="李明华")
    hidden.unpublish()
    page = make_suggestion(lead_delegate=hidden, lead_delegate_name="李明华", cosigners=[lead])
    html = client.get(page.url).content.decode()
    assert "李明华" in html and f'href="{lead.url}"' in html
    assert "/delegates/delegate-2/" not in html


def test_timeline_reply_and_attachment(client, make_suggestion):
    document = Document.objects.create(title="答复函", file="documents/reply.pdf")
    page = make_suggestion(
        assigned_on=D(2025, 2, 1),
        due_on=D(2025, 5, 1),
        answered_on=D(2025, 4, 2),
        rated_on=D(2025, 4, 9),
        satisfaction=Satisfaction.SATISFIED,
        closed_on=D(2025, 4, 20),
        reply="<p>已完成整改。</p>",
        reply_document=document,
    )
    html = client.get(page.url).content.decode()
    positions = [
        html.find(f"<strong>{step}</strong>")
        for step in ("提出", "交办", "答复", "满意度测评", "办结")
    ]
    assert all(p > 0 for p in positions) and positions == sorted(positions)
    assert "2025年4月20日" in html and "已办结" in html and "已完成整改。" in html
    assert f'href="{document.url}"' in html and "尚未答复" not in html


def test_overdue_suggestion_says_so(client, make_suggestion):
    page = make_suggestion(assigned_on=D(2025, 2, 1), due_on=D(2025, 3, 1))
    html = client.get(page.url).content.decode()
    assert "已超过办理期限（2025年3月1日），尚未答复。" in html


def test_delegate_profile_lists_led_and_cosigned_suggestions(
    client, make_suggestion, make_delegate
):
    wang = make_delegate(name="王建国")
    li = make_delegate(name="李明华")
    make_suggestion(title="关于加装电梯的建议", lead_delegate=wang, submitted_on=D(2025, 1, 12))
    make_suggestion(title="关于公交线路的议案", lead_delegate=li, cosigners=[wang], kind="motion")
    make_suggestion(title="关于别人的建议", lead_delegate=li)
    html = client.get(wang.url).content.decode()
    assert "关于加装电梯的建议" in html and "关于公交线路的议案" in html
    assert "关于别人的建议" not in html
    assert "领衔 · 建议" in html and "附议 · 议案" in html
    assert f'href="/suggestions/?delegate={wang.pk}"' in html
    # A delegate without suggestions has no empty section.
    other = make_delegate(name="赵六")
    assert "代表建议" not in client.get(other.url).content.decode().split("<main", 1)[1]
