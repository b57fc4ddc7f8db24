"""The contract: the OpenAPI schema is valid, lists exactly the API's URLs, and every endpoint
in it (a list and a detail) answers with data of the shape the schema promises."""

import re

import pytest
from django.urls import get_resolver
from openapi_schema_validator import OAS30Validator
from openapi_spec_validator import validate

from .conftest import get_json

pytestmark = pytest.mark.django_db

SCHEMA_URL = "/api/v1/schema/"


def schema(client):
    response = client.get(SCHEMA_URL)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.oai.openapi+json")
    return response.json()


def schema_paths(client):
    spec = schema(client)
    return [(path, item["get"]) for path, item in spec["paths"].items()]


def response_schema(spec, operation):
    content = operation["responses"]["200"]["content"]
    [media] = content.values()
    return {**media["schema"], "components": spec["components"]}


def api_routes():
    """The URL patterns under api/v1/ as OpenAPI paths, without the docs and schema pages."""
    [api] = [p for p in get_resolver().url_patterns if str(p.pattern) == "api/"]
    routes = set()
    for pattern in api.url_patterns:
        route = "/api/" + re.sub(r"<(?:\w+:)?pk>", "{id}", str(pattern.pattern))
        if route not in ("/api/v1/", SCHEMA_URL):
            routes.add(route)
    return routes


def test_schema_is_valid_openapi_3(client):
    spec = schema(client)
    validate(spec)
    assert spec["openapi"].startswith("3.")
    yaml = client.get(SCHEMA_URL + "?format=yaml")
    assert yaml.status_code == 200 and b"openapi: 3" in yaml.content


def test_schema_lists_every_api_url_and_nothing_else(client):
    assert {path for path, _op in schema_paths(client)} == api_routes()


def test_every_endpoint_answers_in_the_shape_of_the_schema(client, api_world):
    spec = schema(client)
    walked = set()
    first_ids = {}
    paths = sorted(spec["paths"], key=lambda path: "{" in path)  # lists before details
    for path in paths:
        operation = spec["paths"][path]["get"]
        if "{id}" in path:
            list_path = path.replace("{id}/", "")
            assert list_path in first_ids, f"{path}: its list showed nothing"
            url = path.replace("{id}", str(first_ids[list_path]))
        else:
            url = path + ("?date_from=2000-01-01" if path.endswith("/receptions/") else "")
        data = get_json(client, url)
        OAS30Validator(response_schema(spec, operation)).validate(data)
        if isinstance(data, dict) and data.get("results"):
            first_ids[path] = data["results"][0]["id"]
        walked.add(path)
    assert walked == set(spec["paths"])
    assert len(walked) >= 14


def test_filters_are_documented(client):
    spec = schema(client)
    parameters = {
        path: {p["name"] for p in item["get"].get("parameters", [])}
        for path, item in spec["paths"].items()
    }
    assert {"street", "kind", "updated_since", "page", "page_size"} <= parameters[
        "/api/v1/stations/"
    ]
    assert {"station", "person", "date_from", "date_to"} <= parameters["/api/v1/receptions/"]
    assert {"person_id", "organization_id"} <= parameters["/api/v1/memberships/"]
    assert {"session", "status", "person"} <= parameters["/api/v1/suggestions/"]
