"""A government admin calls out to no outside host: in a real browser, logged in through the
login form, every request of the main admin screens (avatars, fonts, scripts, styles, images)
goes to the portal itself — no gravatar.com, no web fonts or scripts from a CDN — and the admin's
JavaScript speaks Chinese."""

from urllib.parse import urlparse

import pytest
from django.contrib.auth.models import Group, User

from home.roles import EDITORS

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
PASSWORD = "correct-horse-battery-42"
LOCAL_HOSTS = {"127.0.0.1", "localhost"}


@pytest.fixture
def notice(make_notice):
    return make_notice(title="关于召开区人大常委会第二十次会议的通知")


@pytest.fixture
def editor(home):
    user = User.objects.create_user("editor", "editor@example.org", PASSWORD)
    user.groups.add(Group.objects.get(name=EDITORS))
    return user


@pytest.fixture
def admin(home):
    return User.objects.create_superuser("admin", "admin@example.org", PASSWORD)


def log_in(page, live_server, username):
    page.goto(live_server.url + "/admin/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.locator("form button[type=submit], form input[type=submit]").first.click()
    page.wait_for_url(live_server.url + "/admin/")


def outside_requests(page, live_server, username, paths):
    """Every request the browser makes while loading `paths`, whose host is not this machine."""
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    log_in(page, live_server, username)
    for path in paths:
        response = page.goto(live_server.url + path, wait_until="networkidle")
        assert response.ok, path
    assert len(requests) > len(paths)  # the recorder saw the pages and their resources
    outside = {url for url in requests if url.startswith(("http:", "https:"))}
    return sorted(url for url in outside if urlparse(url).hostname not in LOCAL_HOSTS)


def test_editor_admin_screens_request_only_the_portal(live_server, page, editor, notice):
    paths = [
        "/admin/",
        "/admin/pages/",
        f"/admin/pages/{notice.get_parent().pk}/",
        f"/admin/pages/{notice.pk}/edit/",
        "/admin/images/",
        "/admin/documents/",
        "/admin/account/",
        "/admin/reports/locked/",
    ]
    assert outside_requests(page, live_server, "editor", paths) == []
    # The admin's JavaScript catalog (/admin/jsi18n/) carries our Chinese for Wagtail's gaps.
    assert page.evaluate("django.gettext('Insert a block')") == "插入块"


def test_administrator_screens_with_avatars_request_only_the_portal(live_server, page, admin):
    paths = ["/admin/", "/admin/users/", "/admin/groups/", "/admin/account/"]
    assert outside_requests(page, live_server, "admin", paths) == []
    avatars = page.locator("img.avatar, .avatar img")
    assert avatars.count() > 0
    sources = [avatars.nth(i).get_attribute("src") for i in range(avatars.count())]
    assert all(urlparse(src).hostname in (None, *LOCAL_HOSTS) for src in sources), sources
