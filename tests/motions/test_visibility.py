"""Drafts, unpublished and restricted suggestions never reach the public: not the list, the
feeds, the CSV/JSON downloads, the handling bodies' figures, the search index or a delegate's
profile; their own URL answers 404 (or the restriction's login)."""

import json

import pytest
from wagtail.models import PageViewRestriction

from motions.figures import body_figures
from motions.models import Satisfaction

pytestmark = pytest.mark.django_db

PUBLIC = "关于公开事项的建议"
HIDDEN = ("关于草稿事项的建议", "关于撤回事项的建议", "关于受限事项的建议")


@pytest.fixture
def mixed(make_suggestion, make_delegate, handling_body):
    delegate = make_delegate(name="王建国")
    common = {
        "lead_delegate": delegate,
        "cosigners": [delegate],
        "answered_on": "2025-03-01",
        "rated_on": "2025-03-05",
        "satisfaction": Satisfaction.SATISFIED,
    }
    public = make_suggestion(title=PUBLIC, **common)
    make_suggestion(title=HIDDEN[0], publish=False, **common)
    withdrawn = make_suggestion(title=HIDDEN[1], **common)
    withdrawn.unpublish()
    private = make_suggestion(title=HIDDEN[2], **common)
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )
    return public, delegate, private


def assert_only_public(text):
    assert PUBLIC in text
    for title in HIDDEN:
        assert title not in text


@pytest.mark.parametrize(
    "url",
    [
        "/suggestions/",
        "/suggestions/?status=rated",
        "/suggestions/rss/",
        "/suggestions/atom/",
        "/suggestions/csv/",
        "/suggestions/json/",
    ],
)
def test_lists_feeds_and_downloads_hold_only_visible_suggestions(client, mixed, url):
    response = client.get(url)
    assert response.status_code == 200
    assert_only_public(response.content.decode())


def test_downloads_have_public_fields(client, mixed):
    rows = json.loads(client.get("/suggestions/json/").content)["suggestions"]
    assert [row["title"] for row in rows] == [PUBLIC]
    assert rows[0]["satisfaction"] == "满意" and rows[0]["status"] == "已测评"
    csv = client.get("/suggestions/csv/")
    assert csv["Content-Type"].startswith("text/csv")
    assert csv.content.decode("utf-8-sig").splitlines()[0].startswith("编号,标题,类别")


def test_body_figures_count_only_visible_suggestions(client, mixed, handling_body):
    figures = body_figures(handling_body)
    assert (figures.total, figures.answered, figures.rated) == (1, 1, 1)
    html = client.get(f"/suggestions/bodies/{handling_body.pk}/").content.decode()
    assert_only_public(html)


def test_delegate_profile_lists_only_visible_suggestions(client, mixed):
    _public, delegate, _private = mixed
    html = client.get(delegate.url).content.decode()
    assert_only_public(html)
    assert "领衔" in html


def test_hidden_suggestion_pages_are_not_served(client, mixed, make_suggestion):
    _public, _delegate, private = mixed
    draft = make_suggestion(title="另一份草稿", publish=False)
    assert client.get(draft.url or "/suggestions/suggestion-99/").status_code == 404
    response = client.get(private.url)
    assert response.status_code == 200 and HIDDEN[2] not in response.content.decode()


def test_body_record_of_a_body_with_only_hidden_suggestions_is_404(
    client, make_suggestion, handling_body
):
    make_suggestion(title=HIDDEN[0], publish=False)
    assert client.get(f"/suggestions/bodies/{handling_body.pk}/").status_code == 404
    assert handling_body.name not in client.get("/suggestions/bodies/").content.decode()
    assert client.get("/suggestions/bodies/999999/").status_code == 404


def test_search_indexes_only_visible_suggestions(mixed):
    from search.documents import registry

    keys = registry.expected_keys()
    public, _delegate, private = mixed
    assert f"page:{public.pk}" in keys
    assert f"page:{private.pk}" not in keys
    assert registry.build(f"page:{private.pk}") is None
