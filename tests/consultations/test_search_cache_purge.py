"""Site search kind "consultation" (visible consultations only, never comments or contacts), the
page-cache purge when a comment is approved or a consultation published, the demo content and
the purge of contacts after the retention period."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from consultations import demo, moderation
from consultations.choices import CommentStatus
from consultations.models import Comment, ConsultationPage
from search.documents import KINDS, BuildContext, registry
from tests.search.conftest import SearchHelper, use_backend

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("backend", ["embedded", "elasticsearch"])
def test_search_finds_visible_consultations_by_their_articles(
    client, settings, make_consultation, make_comment, committed, backend
):
    search = SearchHelper(use_backend(settings, backend))
    page = make_consultation()
    make_comment(page, "第九条", text="屋顶绿化折算机密意见")
    hidden = make_consultation(title="未发布的养犬管理条例草案", publish=False)
    search.rebuild()
    html = client.get("/search/?q=绿地率").content.decode()
    assert page.title in html and KINDS["consultation"] in html
    assert hidden.title not in client.get("/search/?q=养犬管理").content.decode()
    doc = registry.page_source(page).build(page, BuildContext())
    assert doc.kind == "consultation" and "第九条 新建居住区的绿地率" in doc.body
    assert "屋顶绿化折算机密意见" not in repr(doc) and "wang.jianguo" not in repr(doc)
    with committed():
        page.unpublish()
    search.refresh()
    assert page.title not in client.get("/search/?q=绿地率").content.decode()


def test_approving_a_comment_purges_the_cached_page(
    client, settings, consultation, make_comment, committed, django_user_model
):
    settings.PAGE_CACHE_SECONDS = 300
    comment = make_comment(
        consultation, "第十条", status=CommentStatus.MODERATION, text="公示期限建议七日。"
    )
    assert "公示期限建议七日。" not in client.get(consultation.url).content.decode()
    assert client.get(consultation.url)["X-Cache"] == "HIT"
    user = django_user_model.objects.create_superuser("boss", password="x")
    with committed():
        moderation.moderate(comment, moderation.APPROVE, user)
    assert "公示期限建议七日。" in client.get(consultation.url).content.decode()


def test_publishing_purges_the_feed(client, settings, make_consultation, committed):
    settings.PAGE_CACHE_SECONDS = 300
    feed = reverse("consultations:rss")
    page = make_consultation(title="新的草案", publish=False)
    assert "新的草案" not in client.get(feed).content.decode()
    with committed():
        page.save_revision().publish()
    assert "新的草案" in client.get(feed).content.decode()


def test_demo_content_is_built_once(home):
    created = demo.populate(home)
    assert created == 12
    open_page, closed_page = ConsultationPage.objects.order_by("pk")
    assert open_page.is_open and open_page.articles.count() == 21
    assert not closed_page.is_open and "采纳" in closed_page.adoption_note
    assert Comment.objects.shown().count() == 10
    assert demo.populate(home) == 0 and ConsultationPage.objects.count() == 2


def test_purge_deletes_contacts_after_the_retention_period(
    make_consultation, make_comment, settings
):
    settings.CONSULTATIONS_RETENTION_DAYS = 30
    old = make_consultation(opens=-90, closes=-31)
    recent = make_consultation(opens=-40, closes=-29)
    kept = make_comment(old, "第一条")
    unconfirmed = make_comment(old, "第二条", status=CommentStatus.PENDING)
    fresh = make_comment(recent, "第一条")
    call_command("consultations_purge")
    kept.refresh_from_db()
    assert kept.contact == "" and kept.contact_purged_at and kept.text
    assert not Comment.objects.filter(pk=unconfirmed.pk).exists()
    fresh.refresh_from_db()
    assert fresh.contact == "wang.jianguo@example.com"
    call_command("consultations_purge")  # idempotent
    assert Comment.objects.filter(pk=kept.pk, contact="").exists()
