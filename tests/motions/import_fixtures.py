"""Fixtures for the suggestion import and the bulk milestone editor
(tests/motions/test_import_suggestions.py, test_bulk_milestones.py), on top of the motions app's
own (tests/motions/fixtures.py): delegates, a second body, published suggestions led by a
delegate, and the editorial users. Names start with `mi_` so they do not clash."""

import datetime

import pytest
from django.contrib.auth.models import Group

from home.roles import EDITORS, REVIEWERS
from voices.models import HandlingBody


@pytest.fixture
def mi_delegates(make_delegate):
    return {name: make_delegate(name=name) for name in ("张子平", "李秀兰")}


@pytest.fixture
def mi_bodies(handling_body, suggestion_topic):
    """The topic 城市建设 and two bodies: 区住房和城乡建设局, 区财政局."""
    return suggestion_topic, [handling_body, HandlingBody.objects.get_or_create(name="区财政局")[0]]


@pytest.fixture
def mi_suggestion(make_suggestion, mi_delegates, mi_bodies):
    """A published suggestion led by 张子平 (tests.motions.fixtures.make_suggestion)."""

    def factory(**fields):
        fields.setdefault("submitted_on", datetime.date(2026, 1, 10))
        return make_suggestion(lead_delegate=mi_delegates["张子平"], topic=mi_bodies[0], **fields)

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
