"""Nothing the visibility rule hides reaches the API: not in lists (every page), not by id,
not as an id or a name inside another resource."""

import json

import pytest

from .conftest import SECRET, get_json
from .test_contract import schema_paths

pytestmark = pytest.mark.django_db


def walk(client):
    """Every list endpoint of the schema, all pages, and every detail of what the lists show."""
    bodies = {}
    for path, _operation in schema_paths(client):
        if "{" in path:
            continue
        url = f"{path}?page_size=100"
        if path.endswith("/receptions/"):
            url += "&date_from=2000-01-01"
        while url:
            response = client.get(url)
            assert response.status_code == 200, url
            bodies[url] = response.content.decode()
            data = response.json()
            url = data.get("next") if isinstance(data, dict) else None
            for row in data.get("results", []) if isinstance(data, dict) else []:
                detail = f"{path}{row['id']}/"
                bodies[detail] = client.get(detail).content.decode()
    return bodies


def test_hidden_things_appear_nowhere(client, api_world):
    bodies = walk(client)
    everything = "\n".join(bodies.values())
    assert "老旧小区加装电梯" in everything  # the walk did see the public world
    assert SECRET not in everything, [url for url, body in bodies.items() if SECRET in body]
    hidden = api_world["hidden"]
    for resource in (
        "stations",
        "persons",
        "receptions",
        "publications",
        "suggestions",
        "consultations",
    ):
        for item in hidden[resource]:
            error = get_json(client, f"/api/v1/{resource}/{item.pk}/", status=404)
            assert error == {"detail": "没有找到这条数据，或它没有公开。"}
    [seat] = hidden["seats"]
    get_json(client, f"/api/v1/memberships/station-{seat.pk}/", status=404)
    station_ids = {s.pk for s in hidden["stations"]}
    restricted = {p.pk for p in hidden["persons"]}
    for body in bodies.values():
        data = json.loads(body)
        for row in data.get("results", [data]) if "results" in data else [data]:
            text = json.dumps(row)
            for pk in restricted:
                assert f'"person_id": {pk},' not in text and f'"person_id": {pk}}}' not in text
            assert not set(row.get("person_ids", [])) & restricted
            assert row.get("station_id") not in station_ids
            assert not set(row.get("station_ids", [])) & station_ids
            for station_id in station_ids:
                assert row.get("organization_id") != f"station-{station_id}"
                assert row.get("id") != f"station-{station_id}"


def test_hidden_lead_and_cosigner_show_the_submitted_name_only(client, api_world):
    suggestion = get_json(client, f"/api/v1/suggestions/{api_world['suggestion'].pk}/")
    assert suggestion["lead_delegate"] == {"person_id": api_world["head"].pk, "name": "张子平"}
    assert suggestion["cosigners"] == [
        {"person_id": api_world["member"].pk, "name": "李文华"},
        {"person_id": None, "name": "钱附议"},
        {"person_id": None, "name": "刘附议"},
    ]
    led = get_json(client, f"/api/v1/suggestions/{api_world['led_by_hidden'].pk}/")
    assert led["lead_delegate"] == {"person_id": None, "name": "周提出"}


def test_a_station_hidden_later_takes_its_rows_along(client, api_world, committed):
    station = api_world["station"]
    with committed():
        station.unpublish()
    assert get_json(client, "/api/v1/stations/")["count"] == 0
    assert get_json(client, "/api/v1/receptions/")["count"] == 0
    seats = get_json(client, f"/api/v1/memberships/?organization_id=station-{station.pk}")
    assert seats["count"] == 0
    head = get_json(client, f"/api/v1/persons/{api_world['head'].pk}/")
    assert head["station_ids"] == []


def test_consultations_count_shown_comments_and_never_show_one(client, api_world):
    consultation = api_world["consultation"]
    data = get_json(client, f"/api/v1/consultations/{consultation.pk}/")
    assert data["comment_count"] == 2 and data["whole_draft_comment_count"] == 1
    counts = {a["label"]: a["comment_count"] for a in data["articles"]}
    assert counts == {"第一条": 1, "第二条": 0, "第三条": 0}
    bodies = walk(client)
    everything = "\n".join(bodies.values())
    for comment in api_world["comments"]:
        assert comment.contact not in everything
        assert comment.text not in everything
    assert "@example.org" not in everything and "13900001111" not in everything
