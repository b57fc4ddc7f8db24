"""What each endpoint returns, its filters and pagination."""

import datetime

import pytest
from django.utils import timezone

from api.pagination import MAX_PAGE_SIZE

from .conftest import get_json

pytestmark = pytest.mark.django_db


def test_station_list_and_detail(client, api_world):
    station = api_world["station"]
    data = get_json(client, "/api/v1/stations/")
    assert data["count"] == 1
    row = data["results"][0]
    assert row["id"] == station.pk and row["name"] == "东城街道人大代表联络站"
    assert row["head"] == "张子平"
    assert row["communities"] == ["东风社区"]
    assert sorted(row["person_ids"]) == sorted([api_world["head"].pk, api_world["member"].pk])
    assert row["url"] == "http://testserver" + station.url
    assert get_json(client, f"/api/v1/stations/{station.pk}/") == row


def test_stations_geojson_is_a_wgs84_feature_collection(client, api_world):
    data = get_json(client, "/api/v1/stations.geojson")
    assert data["type"] == "FeatureCollection"
    [feature] = data["features"]
    station = api_world["station"]
    assert feature["geometry"] == {
        "type": "Point",
        "coordinates": [station.longitude, station.latitude],
    }
    assert feature["properties"]["name"] == station.title


def test_person_has_public_fields_only(client, api_world):
    head = api_world["head"]
    row = get_json(client, f"/api/v1/persons/{head.pk}/")
    assert row["name"] == "张子平" and row["pinyin"] == head.name_pinyin
    assert row["levels"] == ["city", "county"]
    assert row["station_ids"] == [api_world["station"].pk]
    assert row["contact_phone"] == "057212345678"  # the 公开联系电话 the profile shows
    assert row["url"] == "http://testserver" + head.url
    assert "code" not in row  # the roster code is not on the public page


def test_persons_filter_by_level_station_and_group(client, api_world, group):
    names = lambda url: sorted(r["name"] for r in get_json(client, url)["results"])  # noqa: E731
    assert names("/api/v1/persons/?level=city") == ["张子平"]
    assert names(f"/api/v1/persons/?station={api_world['station'].pk}") == ["张子平", "李文华"]
    assert names(f"/api/v1/persons/?group={group.pk}") == ["张子平"]
    error = get_json(client, "/api/v1/persons/?level=galactic", status=400)
    assert "level" in error


def test_popolo_organizations_and_memberships(client, api_world, group):
    head, station = api_world["head"], api_world["station"]
    organizations = {o["id"]: o for o in get_json(client, "/api/v1/organizations/")["results"]}
    assert organizations["level-county"]["name"] == "区县人民代表大会"
    assert organizations[f"group-{group.pk}"]["classification"] == "delegation_group"
    assert organizations[f"station-{station.pk}"]["url"] == "http://testserver" + station.url
    memberships = get_json(client, f"/api/v1/memberships/?person_id={head.pk}")["results"]
    by_org = {m["organization_id"]: m for m in memberships}
    assert set(by_org) == {
        "level-county",
        "level-city",
        f"group-{group.pk}",
        f"station-{station.pk}",
    }
    assert by_org[f"station-{station.pk}"]["role"] == "站长"
    assert by_org["level-county"]["start_date"] == "2021-12-20"
    assert by_org["level-county"]["label"] == "第十六届区人大代表"
    one = by_org["level-city"]
    assert get_json(client, f"/api/v1/memberships/{one['id']}/") == one
    at_station = get_json(client, f"/api/v1/memberships/?organization_id=station-{station.pk}")
    assert {m["person_id"] for m in at_station["results"]} == {head.pk, api_world["member"].pk}


def test_receptions_upcoming_by_default_and_past_by_date(client, api_world, make_session):
    station = api_world["station"]
    past = make_session(station, days_ahead=-30, topic="去年的接访")
    upcoming = get_json(client, "/api/v1/receptions/")["results"]
    assert [r["topic"] for r in upcoming] == ["老旧小区加装电梯"]
    assert upcoming[0]["person_ids"] == [api_world["head"].pk]
    assert upcoming[0]["liaison"] == "王联络"
    since = (timezone.localdate() - datetime.timedelta(days=60)).isoformat()
    dated = get_json(client, f"/api/v1/receptions/?date_from={since}")["results"]
    assert [r["topic"] for r in dated] == ["去年的接访", "老旧小区加装电梯"]
    assert get_json(client, f"/api/v1/receptions/{past.pk}/")["topic"] == "去年的接访"
    assert get_json(client, "/api/v1/receptions/?date_from=yesterday", status=400)


def test_publications_by_kind(client, api_world):
    rows = get_json(client, "/api/v1/publications/")["results"]
    assert {r["kind"] for r in rows} == {"news", "notice", "report"}
    notices = get_json(client, "/api/v1/publications/?kind=notice")["results"]
    assert [r["title"] for r in notices] == ["关于召开区人民代表大会的公告"]
    reports = get_json(client, "/api/v1/publications/?kind=work")["results"]
    assert reports[0]["report_kind"] == "work"
    notice = api_world["notice"]
    detail = get_json(client, f"/api/v1/publications/{notice.pk}/")
    assert detail["summary"] == notice.summary
    assert detail["url"] == "http://testserver" + notice.url


def test_pagination_bounds(client, api_world, make_article):
    for i in range(MAX_PAGE_SIZE + 5):
        make_article(title=f"动态{i}", days=i + 2)
    first = get_json(client, "/api/v1/publications/")
    assert len(first["results"]) == 20 and first["next"]
    capped = get_json(client, "/api/v1/publications/?page_size=100000")
    assert len(capped["results"]) == MAX_PAGE_SIZE
    assert capped["count"] == MAX_PAGE_SIZE + 5 + 3
    last = get_json(client, "/api/v1/publications/?page_size=100&page=2")
    assert len(last["results"]) == 8 and last["next"] is None
    for page in ("3", "0", "abc", "-1"):
        error = get_json(client, f"/api/v1/publications/?page_size=100&page={page}", status=404)
        assert error["detail"]
