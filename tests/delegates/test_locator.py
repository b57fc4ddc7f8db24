"""Nearest stations: exact great-circle ordering, checked against hand-computed distances."""

import math

import pytest

from delegates.locator import nearest_stations

R = 6_371_008.8


def by_hand(lat1, lng1, lat2, lng2):
    """Haversine written out independently of delegates.geo."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    a = (
        math.sin((phi2 - phi1) / 2) ** 2
        + math.cos(phi1) * math.cos(phi2) * math.sin(math.radians(lng2 - lng1) / 2) ** 2
    )
    return 2 * R * math.atan2(math.sqrt(a), math.sqrt(1 - a))


ORIGIN = (30.8700, 120.0900)
# Offsets chosen so that latitude-only and longitude-only distances would order them
# differently from the true distance: a naive "degrees" comparison gets this wrong.
PLACES = {
    "北": (30.8790, 120.0900),  # ≈1.00 km north
    "东": (30.8700, 120.1000),  # ≈0.95 km east (a degree of longitude is shorter)
    "东北": (30.8760, 120.0975),  # ≈0.98 km
    "远": (30.9500, 120.2000),  # ≈14 km
    "很远": (31.2304, 121.4737),  # Shanghai, ≈138 km
}


@pytest.fixture
def placed(make_station):
    return {name: make_station(title=name, lat=lat, lng=lng) for name, (lat, lng) in PLACES.items()}


@pytest.mark.django_db
def test_order_and_distances_match_hand_computation(placed):
    expected = sorted(PLACES, key=lambda n: by_hand(*ORIGIN, *PLACES[n]))
    assert expected[:3] == ["东", "东北", "北"]  # the fixture really is tricky
    result = nearest_stations(*ORIGIN, limit=5)
    assert [s.title for s, _d in result] == expected
    for station, distance in result:
        assert distance == pytest.approx(by_hand(*ORIGIN, *PLACES[station.title]), abs=0.01)


@pytest.mark.django_db
def test_limit_and_far_stations_found_by_widening(placed):
    assert [s.title for s, _d in nearest_stations(*ORIGIN, limit=2)] == ["东", "东北"]
    # From Shanghai, the nearest is Shanghai itself, then everything ~140 km away.
    result = nearest_stations(31.2304, 121.4737, limit=2)
    assert result[0][0].title == "很远" and result[0][1] < 1
    assert result[1][1] > 100_000


@pytest.mark.django_db
def test_fewer_stations_than_limit_returns_all(placed):
    assert len(nearest_stations(0.0, 0.0, limit=50)) == len(PLACES)


@pytest.mark.django_db
def test_ties_are_broken_by_title(make_station):
    for name in ("乙站", "甲站", "丙站"):
        make_station(title=name, lat=ORIGIN[0], lng=ORIGIN[1])
    make_station(title="远处的站", lat=30.95, lng=120.20)
    result = nearest_stations(*ORIGIN, limit=3)
    assert [s.title for s, _d in result] == sorted(["乙站", "甲站", "丙站"])
    assert [d for _s, d in result] == [0, 0, 0]
    assert nearest_stations(*ORIGIN, limit=0) == []


@pytest.mark.django_db
def test_unpublished_stations_are_ignored_and_queryset_respected(placed):
    placed["东"].unpublish()
    assert nearest_stations(*ORIGIN, limit=1)[0][0].title == "东北"
    from delegates.models import StationPage

    only_far = StationPage.objects.filter(title__in=["远", "很远"])
    assert [s.title for s, _d in nearest_stations(*ORIGIN, limit=5, queryset=only_far)] == [
        "远",
        "很远",
    ]


@pytest.mark.django_db
def test_prefilter_keeps_query_count_small(placed, django_assert_max_num_queries):
    # One for Wagtail's view restrictions (public()), one bounding-box query.
    with django_assert_max_num_queries(2):
        nearest_stations(*PLACES["东"], limit=1)
