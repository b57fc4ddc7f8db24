"""Delegates, stations and reception sessions in the public search, on both backends:
names by pinyin and initials, street facets, receptions following their station's
publication, and the locator backed by Elasticsearch geo_distance."""

from __future__ import annotations

import pytest

from delegates.locator import nearest_stations
from search.backends.base import haversine_m

pytestmark = pytest.mark.django_db


def test_delegates_found_by_name_pinyin_and_initials(search, make_delegate):
    zhang = make_delegate("张子平", unit_position="江滨区东城街道社区主任")
    make_delegate("李明华")
    key = f"page:{zhang.pk}"
    for query in ("张子平", "zhangziping", "ZZP", "張子平", "社区主任"):
        assert search.keys(query, kinds=["delegate"]) == {key}, query
    assert [s.text for s in search.backend.suggest("zzp")] == ["张子平"]


def test_stations_have_street_facet_and_member_names(
    search,
    make_station,
    make_delegate,
    streets,
):
    east = make_station("东城街道人大代表联络站", street=streets[0], communities=["幸福社区"])
    make_station("青石镇人大代表之家", street=streets[1])
    wang = make_delegate("王建国", station=east)
    result = search.search("人大代表", kinds=["station"])
    assert {b.value: b.count for b in result.facets["street"]} == {"东城街道": 1, "青石镇": 1}
    assert search.keys("幸福社区") == {f"page:{east.pk}"}
    # A delegate's name finds their station (and the delegate), also in pinyin.
    assert f"page:{east.pk}" in search.keys("wangjianguo")
    # The street filter keeps the station and the delegate who sits there (their document
    # names the station, re-indexed when the station was published with them).
    only_east = search.search("联络站", street="东城街道")
    assert {h.key for h in only_east.hits} == {f"page:{east.pk}", f"page:{wang.pk}"}


def test_receptions_follow_their_station(search, make_station, make_session):
    station = make_station("南门街道人大代表联络站")
    session = make_session(station, topic="加装电梯意见征集")
    assert search.keys("加装电梯") == {f"reception:{session.pk}"}
    hit = search.search("加装电梯").hits[0]
    assert hit.kind == "reception" and hit.url == station.url
    station.unpublish()
    assert search.keys("加装电梯") == set()
    station.save_revision().publish()
    assert search.keys("加装电梯") == {f"reception:{session.pk}"}
    session.delete()
    assert search.keys("加装电梯") == set()


def test_locator_uses_elasticsearch_geo_distance(es_search, make_station, monkeypatch):
    origin = (30.8700, 120.0900)
    places = {
        "北": (30.8790, 120.0900),
        "东": (30.8700, 120.1000),
        "东北": (30.8760, 120.0975),
        "远": (30.9500, 120.2000),
    }
    for name, (lat, lng) in places.items():
        make_station(title=name, lat=lat, lng=lng)
    es_search.refresh()
    # Prove the answer comes from Elasticsearch: the database path must not run.
    monkeypatch.setattr(
        "delegates.locator.nearest_in_database",
        lambda *a, **k: pytest.fail("the database locator ran"),
    )
    result = nearest_stations(*origin, limit=3)
    expected = sorted(places, key=lambda n: haversine_m(*origin, *places[n]))[:3]
    assert [s.title for s, _ in result] == expected
    for station, distance in result:
        assert distance == pytest.approx(haversine_m(*origin, *places[station.title]), abs=1.0)


def test_locator_falls_back_to_the_database_when_elasticsearch_is_down(settings, make_station):
    from tests.search.conftest import use_backend

    make_station(title="唯一的站", lat=30.87, lng=120.09)
    use_backend(settings, "elasticsearch", url="http://127.0.0.1:9")  # nothing listens there
    assert [s.title for s, _ in nearest_stations(30.87, 120.09, limit=1)] == ["唯一的站"]


def test_delegate_directory_finds_names_by_pinyin_and_initials(
    search, client, make_delegate, delegate_index
):
    make_delegate("张子平")
    make_delegate("李明华")
    search.refresh()
    for query in ("zzp", "zhangziping", "張子平", "子平"):
        html = client.get(delegate_index.url, {"q": query}).content.decode()
        assert "张子平" in html and "李明华" not in html, query
