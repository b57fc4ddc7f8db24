"""Publishing a suggestion purges what shows it: the list, its feeds, the handling bodies'
record pages and its delegates' profiles (the `portal_cache_paths` hook)."""

import pytest

from home.signal_handlers import affected_paths

pytestmark = pytest.mark.django_db


def test_publishing_a_suggestion_purges_its_lists_bodies_and_delegates(
    make_suggestion, make_delegate, handling_body
):
    lead = make_delegate(name="王建国")
    cosigner = make_delegate(name="李明华")
    page = make_suggestion(lead_delegate=lead, cosigners=[cosigner, "赵六"])
    paths = affected_paths(page)
    assert {
        page.url,
        "/suggestions/",
        "/suggestions/rss/",
        "/suggestions/atom/",
        "/suggestions/bodies/",
        f"/suggestions/bodies/{handling_body.pk}/",
        lead.url,
        cosigner.url,
    } <= paths


def test_cached_list_shows_a_newly_published_suggestion(client, settings, make_suggestion):
    make_suggestion(title="关于第一件事的建议")
    assert "关于第一件事的建议" in client.get("/suggestions/rss/").content.decode()
    make_suggestion(title="关于第二件事的建议")
    assert "关于第二件事的建议" in client.get("/suggestions/rss/").content.decode()
    assert "关于第二件事的建议" in client.get("/suggestions/").content.decode()
