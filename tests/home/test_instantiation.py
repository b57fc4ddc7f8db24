"""home.instantiation: modelcluster models still take child rows as keyword arguments."""

import pytest

from delegates.models import StationCommunity, StationPage


@pytest.mark.django_db
def test_child_rows_passed_to_the_constructor_are_kept():
    station = StationPage(title="站", communities=[StationCommunity(name="一社区")])
    assert [c.name for c in station.communities.all()] == ["一社区"]
    assert station.title == "站"


@pytest.mark.django_db
def test_rows_from_the_database_are_whole(home):
    page = type(home).objects.get(pk=home.pk)
    assert (page.title, page.slug, page.depth) == (home.title, home.slug, home.depth)
