"""What every API response carries: rate limit, CORS, ETag, read-only methods, JSON errors."""

import pytest

pytestmark = pytest.mark.django_db


def test_rate_limit_per_client_answers_429_in_chinese(client, api_world, settings):
    settings.PORTAL_RATE_LIMITS = settings.PORTAL_RATE_LIMITS | {"api": "3/m"}
    for _ in range(3):
        assert client.get("/api/v1/stations/").status_code == 200
    response = client.get("/api/v1/persons/")  # every endpoint counts in the one group
    assert response.status_code == 429
    assert response["Retry-After"] == "60"
    assert response.json() == {"detail": "请求过于频繁，请在 60 秒后再试。"}
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response["Cache-Control"] == "no-store"
    other = client.get("/api/v1/persons/", REMOTE_ADDR="203.0.113.9")  # another client
    assert other.status_code == 200


def test_rate_limit_can_be_turned_off(client, api_world, settings):
    settings.PORTAL_RATE_LIMITS = settings.PORTAL_RATE_LIMITS | {"api": ""}
    for _ in range(5):
        assert client.get("/api/v1/stations/").status_code == 200


def test_cors_for_reading_from_any_origin_without_credentials(client, api_world):
    origin = {"HTTP_ORIGIN": "https://example.org"}
    for method in (client.get, client.head, client.options):
        response = method("/api/v1/stations/", **origin)
        assert response.status_code == 200, method
        assert response["Access-Control-Allow-Origin"] == "*"
        assert "Access-Control-Allow-Credentials" not in response
        assert response["Access-Control-Allow-Methods"] == "GET, HEAD, OPTIONS"
        assert "ETag" in response["Access-Control-Expose-Headers"]
    preflight = client.options(
        "/api/v1/stations/",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS="if-none-match",
        **origin,
    )
    assert "If-None-Match" in preflight["Access-Control-Allow-Headers"]
    # Only the API: the site's own pages are not opened to other origins.
    page = client.get(api_world["station"].url, **origin)
    assert "Access-Control-Allow-Origin" not in page


def test_etag_and_304(client, api_world):
    first = client.get("/api/v1/stations/")
    etag = first["ETag"]
    assert etag.startswith('"') and "max-age=" in first["Cache-Control"]
    assert "public" in first["Cache-Control"]
    again = client.get("/api/v1/stations/", HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304 and again.content == b""
    assert again["ETag"] == etag and again["Access-Control-Allow-Origin"] == "*"
    other = client.get("/api/v1/persons/", HTTP_IF_NONE_MATCH=etag)
    assert other.status_code == 200
    station = api_world["station"]
    station.title = "东城街道人大代表联络站（新址）"
    station.save_revision().publish()
    changed = client.get("/api/v1/stations/", HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200 and changed["ETag"] != etag


def test_head_has_the_headers_and_no_body(client, api_world):
    response = client.head("/api/v1/persons/")
    assert response.status_code == 200 and response.content == b""
    assert response["ETag"] == client.get("/api/v1/persons/")["ETag"]


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_writes_are_refused_with_405(client, api_world, method):
    response = getattr(client, method)("/api/v1/stations/", {}, content_type="application/json")
    assert response.status_code == 405
    assert response.json() == {"detail": "开放接口只读，只接受 GET、HEAD 和 OPTIONS 请求。"}
    assert "POST" not in response["Allow"] and "GET" in response["Allow"]
    detail = getattr(client, method)(f"/api/v1/stations/{api_world['station'].pk}/")
    assert detail.status_code == 405


def test_unknown_ids_are_json_404(client, api_world):
    for url in (
        "/api/v1/stations/999999/",
        "/api/v1/persons/999999/",
        "/api/v1/organizations/nothing-1/",
        "/api/v1/memberships/role-999999/",
        "/api/v1/suggestions/999999/",
    ):
        response = client.get(url)
        assert response.status_code == 404, url
        assert response["Content-Type"] == "application/json"
        assert response.json() == {"detail": "没有找到这条数据，或它没有公开。"}
        assert response["Access-Control-Allow-Origin"] == "*"


def test_docs_page_lists_every_endpoint_in_chinese(client, api_world, settings):
    from .test_contract import api_routes

    html = client.get("/api/v1/").content.decode()
    assert "开放接口" in html and "/api/v1/schema/" in html
    for route in api_routes():
        assert route in html, route
    assert settings.PORTAL_RATE_LIMITS["api"] in html
