"""Factories for delegates' suggestions, shared by tests/motions and the site-wide tests."""

import datetime

import pytest

from motions.models import (
    BodyRole,
    CongressSession,
    SuggestionBody,
    SuggestionCosigner,
    SuggestionIndexPage,
    SuggestionPage,
)
from voices.models import HandlingBody, OpinionTopic


@pytest.fixture
def suggestion_index(home):
    index = SuggestionIndexPage(title="代表建议", slug="suggestions", show_in_menus=True)
    home.add_child(instance=index)
    return index


@pytest.fixture
def congress_session(db):
    return CongressSession.objects.create(
        name="第十六届人民代表大会第三次会议",
        short_name="十六届三次",
        term=16,
        sitting=3,
        opened_on=datetime.date(2025, 1, 10),
    )


@pytest.fixture
def handling_body(db):
    return HandlingBody.objects.get_or_create(name="区住房和城乡建设局")[0]


@pytest.fixture
def suggestion_topic(db):
    return OpinionTopic.objects.get_or_create(name="城市建设")[0]


@pytest.fixture
def make_suggestion(suggestion_index, congress_session, handling_body):
    """Create a suggestion; published unless `publish=False`."""
    counter = {"n": 0}

    def factory(
        title=None,
        publish=True,
        bodies=None,
        cosigners=(),
        lead_delegate=None,
        **fields,
    ):
        counter["n"] += 1
        n = counter["n"]
        fields.setdefault("session", congress_session)
        fields.setdefault("submitted_on", datetime.date(2025, 1, 12))
        fields.setdefault("text", f"<p>关于第{n}项事项的建议正文。</p>")
        page = SuggestionPage(
            title=title or f"关于改善社区环境的建议{n}",
            slug=f"suggestion-{n}",
            number=fields.pop("number", f"第十六届第3次会议第{n:03d}号"),
            lead_delegate=lead_delegate,
            lead_delegate_name=fields.pop(
                "lead_delegate_name", lead_delegate.title if lead_delegate else "李代表"
            ),
            live=False,
            **fields,
        )
        for body, role in bodies if bodies is not None else [(handling_body, BodyRole.LEAD)]:
            page.bodies.add(SuggestionBody(body=body, role=role))
        for delegate in cosigners:
            name = delegate if isinstance(delegate, str) else delegate.title
            page.cosigners.add(
                SuggestionCosigner(
                    name=name, delegate=None if isinstance(delegate, str) else delegate
                )
            )
        suggestion_index.add_child(instance=page)
        revision = page.save_revision()
        if publish:
            revision.publish()
        page.refresh_from_db()
        return page

    return factory
