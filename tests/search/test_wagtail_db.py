"""Wagtail's admin search (search/backends/wagtail_db.py) finds Chinese pages and documents by a
word of their text, on SQLite and on PostgreSQL: the library's own database backend, fed
segmented text through its public index API."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.db import connection
from django.urls import reverse
from wagtail.documents.models import Document
from wagtail.search.backends import get_search_backend

from delegates.models import StationPage
from news.models import ArticlePage

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client):
    user = get_user_model().objects.create_superuser("editor", "e@example.com", "pw-Secret-1")
    client.force_login(user)
    return client


def text_of(response) -> str:
    return response.content.decode()


def admin_search(client, q):
    return text_of(client.get(reverse("wagtailadmin_pages:search"), {"q": q}))


def titles(results) -> set[str]:
    return {obj.title for obj in results}


def test_backend_is_the_librarys_database_backend_for_this_database():
    stock = {"sqlite": "SQLiteSearchBackend", "postgresql": "PostgresSearchBackend"}
    backend = get_search_backend()
    assert stock[connection.vendor] in [c.__name__ for c in type(backend).__mro__]


def test_admin_finds_a_page_by_one_word_of_its_title(editor_client, make_station, make_article):
    make_station("东城街道代表联络站")
    make_article("常委会召开主任会议")
    html = admin_search(editor_client, "联络站")
    assert "东城街道代表联络站" in html and "常委会召开主任会议" not in html
    html = admin_search(editor_client, "主任会议")
    assert "常委会召开主任会议" in html and "东城街道代表联络站" not in html
    call_command("update_index", verbosity=0)  # a full rebuild indexes the same way
    html = admin_search(editor_client, "联络站")
    assert "东城街道代表联络站" in html and "常委会召开主任会议" not in html


def test_body_fields_are_segmented_too(make_station, make_article):
    make_station("东城街道代表联络站", intro="每月第一个星期三开展集中接访。")
    make_article("常委会召开主任会议", body=[("paragraph", "<p>居民反映了停车难的问题。</p>")])
    backend = get_search_backend()
    assert titles(backend.search("集中接访", StationPage)) == {"东城街道代表联络站"}  # text
    assert titles(backend.search("停车难", ArticlePage)) == {"常委会召开主任会议"}  # StreamField
    assert titles(backend.search("联络", StationPage)) == {"东城街道代表联络站"}
    assert titles(backend.autocomplete("联络", StationPage)) == {"东城街道代表联络站"}


def test_an_edited_page_is_found_by_its_new_words_only(editor_client, make_article):
    page = make_article("代表视察老旧小区改造")
    page.title = "代表调研农村饮水安全"
    page.save_revision().publish()
    assert "代表调研农村饮水安全" in admin_search(editor_client, "饮水安全")
    assert "代表调研农村饮水安全" not in admin_search(editor_client, "老旧小区")


def test_document_found_by_a_word_of_its_title_and_of_its_tags(editor_client):
    document = Document.objects.create(
        title="联络站接待选民工作制度", file=ContentFile(b"%PDF-1.4", name="rules.pdf")
    )
    document.tags.add("信访接待")
    document.save()  # re-indexed with its tags (a RelatedFields)
    Document.objects.create(title="年度预算报告", file=ContentFile(b"%PDF-1.4", name="b.pdf"))
    for q in ("工作制度", "信访"):
        html = text_of(editor_client.get(reverse("wagtaildocs:index"), {"q": q}))
        assert "联络站接待选民工作制度" in html and "年度预算报告" not in html, q
