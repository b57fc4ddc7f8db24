"""WGS-84 → GCJ-02 against published reference vectors, and the distance maths."""

import pytest

from delegates.geo import (
    bounding_box,
    for_map,
    gcj02_to_wgs84,
    haversine_m,
    out_of_china,
    wgs84_to_gcj02,
)

# (WGS-84 lat, lng) → (GCJ-02 lat, lng): the test vectors of googollee/eviltransform
# (Shanghai, Shenzhen, Beijing) and the README example of wandergis/coordtransform.
VECTORS = [
    ((31.1774276, 121.5272106), (31.17530398364597, 121.531541859215)),
    ((22.543847, 113.912316), (22.540796131694766, 113.9171764808363)),
    ((39.911954, 116.377817), (39.91334545536069, 116.38404722455657)),
    ((39.915, 116.404), (39.91640428150164, 116.41024449916938)),
]


@pytest.mark.parametrize(("wgs", "gcj"), VECTORS)
def test_wgs84_to_gcj02_matches_reference_vectors(wgs, gcj):
    lat, lng = wgs84_to_gcj02(*wgs)
    assert lat == pytest.approx(gcj[0], abs=1e-9)
    assert lng == pytest.approx(gcj[1], abs=1e-9)


@pytest.mark.parametrize(("wgs", "gcj"), VECTORS)
def test_inverse_round_trips_to_within_a_few_centimetres(wgs, gcj):
    lat, lng = gcj02_to_wgs84(*gcj)
    assert haversine_m(lat, lng, *wgs) < 0.05


def test_the_shift_in_our_district_is_a_few_hundred_metres():
    lat, lng = wgs84_to_gcj02(30.87, 120.09)
    assert 200 < haversine_m(30.87, 120.09, lat, lng) < 800


@pytest.mark.parametrize(
    "point", [(51.5074, -0.1278), (40.7128, -74.0060), (-33.8688, 151.2093), (35.6762, 139.6503)]
)
def test_points_outside_china_are_unchanged(point):
    assert out_of_china(*point)
    assert wgs84_to_gcj02(*point) == point
    assert gcj02_to_wgs84(*point) == point


def test_for_map_converts_only_for_gcj02_tiles():
    assert for_map(30.87, 120.09, "wgs84") == (30.87, 120.09)
    assert for_map(30.87, 120.09, "gcj02") == wgs84_to_gcj02(30.87, 120.09)


def test_haversine_known_distances():
    # One degree of latitude is about 111.2 km on the mean sphere.
    assert haversine_m(30.0, 120.0, 31.0, 120.0) == pytest.approx(111_195, rel=1e-4)
    # Beijing Tiananmen → Shanghai People's Square ≈ 1067 km.
    assert haversine_m(39.9087, 116.3975, 31.2304, 121.4737) == pytest.approx(1_067_000, rel=0.01)
    assert haversine_m(30.87, 120.09, 30.87, 120.09) == 0


def test_bounding_box_contains_the_circle():
    min_lat, max_lat, min_lng, max_lng = bounding_box(30.87, 120.09, 5_000)
    assert haversine_m(30.87, 120.09, max_lat, 120.09) == pytest.approx(5_000, rel=1e-6)
    assert haversine_m(30.87, 120.09, 30.87, max_lng) >= 4_999
    assert min_lat < 30.87 < max_lat and min_lng < 120.09 < max_lng


def test_tiananmen_shifts_to_its_published_gcj02_position():
    # Tiananmen in WGS-84 and its commonly quoted GCJ-02 position (AMap): the shift is about
    # 550 m, mostly eastwards; the quoted figure is rounded, so a few metres' tolerance.
    lat, lng = wgs84_to_gcj02(39.907375, 116.391349)
    assert haversine_m(39.907375, 116.391349, lat, lng) > 500
    assert haversine_m(lat, lng, 39.908701, 116.397590) < 10
