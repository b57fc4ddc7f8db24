"""Each list endpoint runs a fixed number of queries, however many rows a page holds."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

pytestmark = pytest.mark.django_db

LISTS = [
    "/api/v1/stations/",
    "/api/v1/persons/",
    "/api/v1/organizations/",
    "/api/v1/memberships/",
    "/api/v1/receptions/",
    "/api/v1/publications/",
    "/api/v1/suggestions/",
    "/api/v1/consultations/",
]


def counts(client):
    found = {}
    for url in LISTS:
        client.get(url)
        with CaptureQueriesContext(connection) as context:
            assert client.get(url).status_code == 200
        found[url] = len(context.captured_queries)
    return found


def test_list_queries_do_not_grow_with_rows(
    client, api_world, make_station, make_delegate, make_session, make_article, make_suggestion
):
    before = counts(client)
    for i in range(3):
        station = make_station(title=f"新联络站{i}", communities=[f"新社区{i}"])
        delegate = make_delegate(name=f"新代表{i}", station=station)
        make_session(station, delegates=[delegate])
        make_article(title=f"新动态{i}")
        make_suggestion(lead_delegate=delegate, cosigners=[delegate, "某代表"])
    assert counts(client) == before
