"""Property-based fuzzing of the public endpoints: whatever a visitor (or a bot) sends in query
strings, paths, filters, page numbers, coordinates or feed names, the portal never answers 500.

Over 5,000 generated requests in all (see EXAMPLES)."""

from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

pytestmark = pytest.mark.django_db

EXAMPLES = 1050  # one request per example; five families → 5,250 requests
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    derandomize=True,
)

# Text that mixes Chinese, Traditional, full-width forms, markup, SQL-ish and control characters.
nasty = st.one_of(
    st.text(max_size=300),
    st.sampled_from(
        [
            "联络站",
            "聯絡站",
            "<script>alert(1)</script>",
            "' OR 1=1 --",
            "%",
            "_",
            "\x00",
            "１２",
            "../../etc/passwd",
            "9" * 40,
            "-1",
            "0",
            "1e309",
            "NaN",
            "inf",
            "2025",
            " ",
        ]
    ),
)
page_numbers = st.one_of(nasty, st.integers(-(10**12), 10**12).map(str))
coordinates = st.one_of(
    nasty,
    st.floats(allow_nan=True, allow_infinity=True).map(str),
    st.floats(-200, 200).map(lambda f: f"{f:.6f}"),
)


@pytest.fixture
def site(client, django_settings, sample_pages, make_station):
    make_station(title="西湖街道人大代表联络站", lat=30.88, lng=120.10, communities=["湖滨社区"])
    return client


@pytest.fixture
def django_settings(settings):
    settings.PORTAL_RATE_LIMITS = {}
    return settings


def assert_no_server_error(client, path, params=None):
    response = client.get(path, params or {})
    assert response.status_code < 500, (path, params, response.status_code)


@FUZZ
@given(q=nasty, page=page_numbers, kind=nasty, year=nasty, sort=nasty)
def test_search(site, q, page, kind, year, sort):
    assert_no_server_error(
        site, "/search/", {"q": q, "page": page, "kind": kind, "year": year, "sort": sort}
    )


@FUZZ
@given(
    column=st.sampled_from(["/news/", "/notices/", "/work-reports/"]),
    page=page_numbers,
    tag=nasty,
    year=nasty,
    kind=nasty,
)
def test_column_lists(site, column, page, tag, year, kind):
    assert_no_server_error(site, column, {"page": page, "tag": tag, "year": year, "kind": kind})


@FUZZ
@given(slug=nasty, kind=st.sampled_from(["rss.xml", "atom.xml", "x"]))
def test_feeds(site, slug, kind):
    assert_no_server_error(site, f"/feeds/{quote(slug, safe='')}/{kind}")


@FUZZ
@given(
    path=st.sampled_from(
        [
            "/stations/locator/",
            "/stations/",
            "/delegates/",
            "/stations/receptions/",
            "/stations/overview/",
        ]
    ),
    lat=coordinates,
    lng=coordinates,
    community=nasty,
    street=nasty,
    page=page_numbers,
)
def test_locator_and_directories(site, path, lat, lng, community, street, page):
    params = {"lat": lat, "lng": lng, "community": community, "street": street, "page": page}
    assert_no_server_error(site, path, params)


@FUZZ
@given(path=st.lists(nasty, min_size=1, max_size=4), elder=nasty, target=nasty)
def test_any_path_and_reading_mode(site, path, elder, target):
    if elder == "":
        assert_no_server_error(site, "/reading-mode/", {"elder": elder, "next": target})
    else:
        assert_no_server_error(site, "/" + "/".join(quote(part, safe="") for part in path) + "/")
