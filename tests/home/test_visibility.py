"""One rule decides what the public may see (home.visibility), and every endpoint obeys it.

The endpoints are not listed by hand: they are generated from the URL conf and from the routes
of every page in the tree, so a new view, feed, file or page route is covered as soon as it
exists (a URL parameter this test cannot fill makes it fail until a value source is added).
A station, a delegate, a reception and a notice are hidden — unpublished, login-restricted or
password-protected — and none of their words may appear in any response, in search or in
suggestions, including responses that were cached while they were public; made public again,
they come back."""

from __future__ import annotations

import re

import pytest
from django.conf import settings as django_settings
from django.urls import URLPattern, URLResolver, get_resolver
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page, PageViewRestriction

from delegates.models import StationPage
from delegates.opendata import FILES as OPEN_DATA_FILES
from tests.search.conftest import SearchHelper, use_backend
from voices.models import Opinion

pytestmark = pytest.mark.django_db

SECRET = "隐秘"  # every hidden object's name contains it, so one query finds them all
QUERY_STRINGS = ["", f"?q={SECRET}", f"?delegate={SECRET}"]
SKIPPED_PREFIXES = (
    f"{django_settings.WAGTAIL_ADMIN_PATH}/",  # the admin, with its own permissions
    "documents/",  # Wagtail's document view, behind collection privacy
    "media/",
    "static/",
    "reading-mode/",  # sets a cookie and redirects
)
# Wagtail's page-serving catch-all: replaced by the routes of the pages in the tree.
PAGE_SERVE_VIEW = "wagtail.views.serve"
# Views that only answer a form post, never showing content on their own.
SKIPPED_VIEWS = {"wagtail.views.authenticate_with_password"}


def _route(pattern) -> str:
    """The pattern as text without anchors: "calendar/station-<int:pk>.ics"."""
    route = getattr(pattern.pattern, "_route", None)
    if route is None:
        route = re.sub(r"(\\Z|\$)$", "", pattern.pattern.regex.pattern)
    return route.lstrip("^")


def url_templates(patterns=None, prefix=""):
    """(route template, view name) for every URL pattern outside the admin."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        route = prefix + _route(pattern)
        if route.startswith(SKIPPED_PREFIXES):
            continue
        if isinstance(pattern, URLResolver):
            yield from url_templates(pattern.url_patterns, route)
        elif isinstance(pattern, URLPattern):
            yield route, pattern.lookup_str


def parameter_values():
    """Values to fill each URL parameter with: every object that exists, hidden or not."""
    pages = Page.objects.filter(depth__gt=1)
    return {
        "pk": [str(pk) for pk in pages.values_list("pk", flat=True)],
        "slug": list(pages.values_list("slug", flat=True)),
        "filename": list(OPEN_DATA_FILES),
        "kind": ["png", "svg"],
        "token": ["no-such-token"],  # voices/: private links, 404 without a real token
        "station": [str(pk) for pk in StationPage.objects.values_list("pk", flat=True)],
        "number": list(Opinion.objects.exclude(number=None).values_list("number", flat=True)),
    }


def expand(template: str, values: dict) -> list[str]:
    names = re.findall(r"<(?:\w+:)?(\w+)>", template)
    missing = [name for name in names if name not in values]
    assert not missing, f"no values for {missing} in {template}: add a source above"
    urls = [template]
    for name in names:
        urls = [
            re.sub(rf"<(?:\w+:)?{name}>", value, url, count=1)
            for url in urls
            for value in values[name]
        ]
    return ["/" + url for url in urls]


def page_routes():
    """Every page's URL and, for routable pages, each of its sub-page routes."""
    urls = []
    for page in Page.objects.filter(depth__gt=1).specific():
        base = page.url
        urls.append(base)
        if isinstance(page, RoutablePageMixin):
            for pattern in page.get_subpage_urls():
                route = _route(pattern)
                assert "<" not in route and "(?P" not in route, (
                    f"{type(page).__name__} route {route} has parameters: add values here"
                )
                if route:
                    urls.append(base + route)
    return urls


def all_public_urls() -> list[str]:
    values = parameter_values()
    urls = []
    for template, view in url_templates():
        if view in SKIPPED_VIEWS:
            continue
        if view == PAGE_SERVE_VIEW:
            urls.extend(page_routes())
        else:
            urls.extend(expand(template, values))
    return sorted({url + query for url in urls for query in QUERY_STRINGS})


def crawl(client) -> dict[str, tuple[int, str]]:
    found = {}
    for url in all_public_urls():
        response = client.get(url)
        body = b"" if response.streaming else response.content
        text = body.decode("utf-8", errors="ignore")
        # Raw (attributes, scripts) and without tags (a highlight <mark> splits words).
        found[url] = (response.status_code, text + "\n" + re.sub(r"<[^>]+>", "", text))
    return found


@pytest.fixture
def hidden_world(
    settings,
    home,
    station_index,
    delegate_index,
    notice_column,
    make_station,
    make_delegate,
    make_session,
    make_notice,
):
    """A public station and delegate, and hidden ones tangled up with them both ways."""
    settings.PAGE_CACHE_SECONDS = 300  # responses cached while public must not survive
    public_station = make_station(title="公开联络站", communities=["阳光社区"])
    station = make_station(title=f"{SECRET}联络站甲", communities=[f"{SECRET}社区乙"])
    public_delegate = make_delegate(name="李公开", station=station)
    delegate = make_delegate(name=f"{SECRET}代表丙", station=public_station)
    make_session(station, topic=f"{SECRET}接访主题丁", delegates=[public_delegate])
    make_session(public_station, topic="公开接访主题", delegates=[public_delegate, delegate])
    make_notice(title="公开通知")
    notice = make_notice(title=f"{SECRET}通知戊")
    make_published_answer(station, f"{SECRET}意见摘要己", "JB-2025-000001")
    make_published_answer(public_station, "公开意见摘要", "JB-2025-000002")
    return {
        "pages": [station, delegate, notice],
        "markers": [
            station.title,
            f"{SECRET}社区乙",
            f"{SECRET}接访主题丁",
            delegate.title,
            f"{SECRET}意见摘要己",
        ],
    }


def make_published_answer(station, summary, number):
    """An answered opinion of `station` its sender agreed to publish and a liaison approved."""
    from django.utils import timezone

    from voices.choices import Status, Verification
    from voices.models import OpinionTopic

    topic, _ = OpinionTopic.objects.get_or_create(name="城市建设")
    return Opinion.objects.create(
        number=number,
        topic=topic,
        text=f"{summary}（原文）",
        station=station,
        publish_consent=True,
        status=Status.ANSWERED,
        verification=Verification.CONFIRMED,
        public_answer=f"{summary}的答复",
        answered_at=timezone.now(),
        first_answered_at=timezone.now(),
        confirmed_at=timezone.now(),
        public_summary=summary,
        public_name="王*",
        published_at=timezone.now(),
        form_token=f"form-{number}",
        text_hash=number,
    )


def hide(pages, how):
    for page in pages:
        if how == "unpublished":
            page.unpublish()
        else:
            PageViewRestriction.objects.create(
                page=page,
                restriction_type=(
                    PageViewRestriction.LOGIN if how == "login" else PageViewRestriction.PASSWORD
                ),
                password="s3cret-pass" if how == "password" else "",
            )


def show(pages, how):
    for page in pages:
        if how == "unpublished":
            page.specific.save_revision().publish()
        else:
            for restriction in PageViewRestriction.objects.filter(page=page):
                restriction.delete()


def leaks(found, markers):
    return sorted(
        (url, marker) for url, (_s, body) in found.items() for marker in markers if marker in body
    )


@pytest.mark.parametrize(
    ("how", "backend"),
    [
        ("unpublished", "embedded"),
        ("login", "embedded"),
        ("password", "embedded"),
        # The documents and signals are shared; Elasticsearch adds its own delete path.
        ("login", "elasticsearch"),
        ("unpublished", "elasticsearch"),
    ],
)
def test_hidden_content_appears_on_no_endpoint(
    client, settings, hidden_world, committed, how, backend
):
    search = use_backend(settings, backend)
    SearchHelper(search).rebuild()
    markers = hidden_world["markers"]
    pages = hidden_world["pages"]

    before = crawl(client)  # also fills the page cache
    assert len(before) > 60
    for marker in [*markers, f"{SECRET}通知戊"]:
        assert any(marker in body for _s, body in before.values()), f"{marker} never shown"
    assert f"{SECRET}联络站甲" in before[f"/search/?q={SECRET}"][1]
    assert f"{SECRET}接访主题丁" in before["/stations/receptions/"][1]
    assert f"{SECRET}意见摘要己" in before["/voices/answers/"][1]
    assert f"{SECRET}意见摘要己" in before["/voices/answers/rss.xml"][1]

    with committed():
        hide(pages, how)
    search.refresh()
    after = crawl(client)
    found_leaks = leaks(after, [*markers, f"{SECRET}通知戊"])
    assert found_leaks == [], "\n".join(map(str, found_leaks))
    own_urls = [
        url
        for url in after
        if any(f"/{page.pk}." in url or f"-{page.pk}." in url for page in pages)
        or any(url.startswith(page.url) for page in pages if page.url)
    ]
    assert own_urls
    for url in own_urls:
        status, body = after[url]
        assert status in (302, 404) or (how == "password" and "密码" in body), (url, status)

    with committed():
        show(pages, how)
    search.refresh()
    again = crawl(client)
    assert f"{SECRET}联络站甲" in again["/stations/"][1]
    assert f"{SECRET}接访主题丁" in again["/stations/receptions/"][1]
    assert f"{SECRET}代表丙" in again[f"/search/?q={SECRET}"][1]
    assert f"{SECRET}通知戊" in again["/notices/"][1]
    assert f"{SECRET}意见摘要己" in again["/voices/answers/"][1]
    assert f"{SECRET}意见摘要己" in again[f"/search/?q={SECRET}"][1]


def test_station_page_leaves_out_hidden_members_but_keeps_its_own(
    client, make_station, make_delegate, committed
):
    station = make_station(title="东城联络站")
    shown = make_delegate(name="王公开", station=station)
    hidden = make_delegate(name="赵隐藏", station=station)
    with committed():
        hidden.unpublish()
    html = client.get(station.url).content.decode()
    assert shown.title in html and hidden.title not in html
    assert StationPage.objects.visible().filter(pk=station.pk).exists()


def test_visibility_is_inherited_from_ancestors(station_index, make_station, committed):
    station = make_station(title="东城联络站")
    PageViewRestriction.objects.create(
        page=station_index, restriction_type=PageViewRestriction.LOGIN
    )
    assert not StationPage.objects.visible().filter(pk=station.pk).exists()
    assert StationPage.objects.live().filter(pk=station.pk).exists()
