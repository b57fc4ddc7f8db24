"""Fixtures for the suggestion import and the bulk milestone editor (tests/motions/test_import_*,
test_bulk_milestones.py): the suggestion list page, a session, delegates, topics and bodies, a
factory of published suggestions, and the editorial users. Names start with `mi_` so they do not
clash with the motions app's own fixtures."""

import datetime

import pytest
from django.contrib.auth.models import Group

from home.roles import EDITORS, REVIEWERS
from motions.models import (
    BodyRole,
    CongressSession,
    SuggestionBody,
    SuggestionIndexPage,
    SuggestionPage,
)
from voices.models import HandlingBody, OpinionTopic


@pytest.fixture
def mi_index(home):
    index = SuggestionIndexPage(title="代表建议", slug="suggestions")
    home.add_child(instance=index)
    return index


@pytest.fixture
def mi_session(db):
    return CongressSession.objects.create(
        name="第十六届人民代表大会第三次会议",
        short_name="十六届三次",
        term=16,
        sitting=3,
        opened_on=datetime.date(2026, 1, 8),
    )


@pytest.fixture
def mi_delegates(make_delegate):
    return {name: make_delegate(name=name) for name in ("张子平", "李秀兰")}


@pytest.fixture
def mi_bodies(db):
    topic = OpinionTopic.objects.get_or_create(name="城市建设")[0]
    bodies = [
        HandlingBody.objects.create(name="区住房和城乡建设局"),
        HandlingBody.objects.create(name="区财政局"),
    ]
    return topic, bodies


@pytest.fixture
def mi_suggestion(mi_index, mi_session, mi_delegates, mi_bodies):
    """Publishes a suggestion with the given milestones (like the admin would)."""
    counter = {"n": 0}

    def factory(number=None, **fields):
        counter["n"] += 1
        n = counter["n"]
        page = SuggestionPage(
            title=fields.pop("title", f"关于第{n}件事的建议"),
            slug=f"s-{n}",
            number=number or f"第十六届第3次会议第{n:03d}号",
            session=mi_session,
            text="<p>建议内容。</p>",
            topic=mi_bodies[0],
            lead_delegate=mi_delegates["张子平"],
            lead_delegate_name="张子平",
            submitted_on=fields.pop("submitted_on", datetime.date(2026, 1, 10)),
            **fields,
        )
        page.bodies.add(SuggestionBody(body=mi_bodies[1][0], role=BodyRole.LEAD))
        page.live = False
        mi_index.add_child(instance=page)
        page.save_revision().publish()
        page.refresh_from_db()
        return page

    return factory


@pytest.fixture
def mi_publisher(django_user_model):
    user = django_user_model.objects.create_user("mi-reviewer", password="x")
    user.groups.add(Group.objects.get(name=REVIEWERS))
    return user


@pytest.fixture
def mi_editor(django_user_model):
    """May edit pages but not publish them: changes wait for review."""
    user = django_user_model.objects.create_user("mi-editor", password="x")
    user.groups.add(Group.objects.get(name=EDITORS))
    return user


@pytest.fixture
def mi_outsider(django_user_model):
    """Has access to the admin but no page permissions."""
    from django.contrib.auth.models import Permission

    user = django_user_model.objects.create_user("mi-outsider", password="x")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    return user
