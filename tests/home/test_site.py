"""Site chrome: settings in the footer, navigation, 404/500, robots, sitemap, reading mode."""

import subprocess
import sys

import pytest
from django.test import override_settings
from wagtail.models import Site

from home.models import SiteSettings

pytestmark = pytest.mark.django_db


def test_site_settings_render_in_footer(client, home):
    settings = SiteSettings.for_site(Site.objects.get())
    settings.site_name = "江滨区人大常委会"
    settings.copyright_holder = "江滨区人大常委会办公室"
    settings.icp_number = "浙ICP备20250917号-1"
    settings.contact_phone = "0572-2345678"
    settings.contact_address = "人民路88号"
    settings.save()
    html = client.get("/").content.decode()
    assert "版权所有：江滨区人大常委会办公室" in html
    assert "浙ICP备20250917号-1" in html
    assert 'href="tel:05722345678"' in html
    assert "人民路88号" in html
    assert "<title>江滨区人大常委会</title>" in html


def test_friendly_404(client, home):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "抱歉，您要找的页面不存在" in html
    assert 'action="/search/"' in html


@override_settings(DEBUG=False)
def test_500_page_renders_without_database(rf):
    from home.views import server_error

    response = server_error(rf.get("/"))
    assert response.status_code == 500
    assert "抱歉，网站暂时出现故障" in response.content.decode()


def test_robots_and_sitemap(client, make_article, station_index):
    article = make_article(title="代表视察")
    robots = client.get("/robots.txt").content.decode()
    assert robots.splitlines()[:3] == [
        "User-agent: *",
        "Disallow: /search/",
        "Disallow: /reading-mode/",
    ]
    assert "Disallow: /stations/locator/?\n" in robots  # its answers, not the form
    assert "Sitemap: http://testserver/sitemap.xml" in robots
    sitemap = client.get("/sitemap.xml").content.decode()
    assert f"<loc>http://testserver{article.url}</loc>" in sitemap


@pytest.fixture
def secret_admin_path(settings):
    """The admin moved to a path of its own (ADMIN_PATH), as start-up would build the URLs."""
    import importlib

    from django.urls import clear_url_caches

    import portal.urls

    settings.WAGTAIL_ADMIN_PATH = "kq7-backstage-2931"
    importlib.reload(portal.urls)
    clear_url_caches()
    yield settings.WAGTAIL_ADMIN_PATH
    settings.WAGTAIL_ADMIN_PATH = "admin"
    importlib.reload(portal.urls)
    clear_url_caches()


def test_robots_does_not_publish_the_admin_path(client, home, secret_admin_path):
    response = client.get(f"/{secret_admin_path}/")
    assert response.status_code == 302 and "login" in response["Location"]
    robots = client.get("/robots.txt").content.decode()
    assert "Disallow: /search/" in robots
    assert secret_admin_path not in robots and "backstage" not in robots
    assert "admin" not in robots


def test_reading_mode_switches_and_persists(client, home):
    assert 'class="elder"' not in client.get("/").content.decode()
    response = client.get("/reading-mode/", {"elder": "1", "next": "/"})
    assert response.status_code == 302 and response["Location"] == "/"
    assert response.cookies["elder_mode"].value == "1"
    html = client.get("/").content.decode()  # the test client keeps the cookie
    assert '<html lang="zh-Hans" class="elder">' in html
    assert "标准模式" in html
    client.get("/reading-mode/", {"elder": "0", "next": "/"})
    assert 'class="elder"' not in client.get("/").content.decode()


def test_reading_mode_refuses_foreign_redirects(client, home):
    response = client.get("/reading-mode/", {"elder": "1", "next": "https://evil.example/"})
    assert response["Location"] == "/"


def test_skip_link_and_language(client, home):
    html = client.get("/").content.decode()
    assert '<a class="skip-link" href="#main">跳到正文</a>' in html
    assert '<main id="main"' in html


@pytest.mark.parametrize(
    "env,message",
    [
        ({"SECRET_KEY": "insecure-development-key-change-me"}, "SECRET_KEY"),
        ({"SECRET_KEY": "abcdefghij" * 6, "DEBUG": "1"}, "DEBUG"),
        ({"SECRET_KEY": "x" * 60}, "SECRET_KEY"),
    ],
)
def test_production_settings_refuse_unsafe_values(env, message):
    code = "import portal.settings.production"
    result = subprocess.run(
        [sys.executable, "-c", code],
        env={"PATH": "/usr/bin:/bin", **env},
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0
    assert message in result.stderr


def test_production_settings_accept_safe_values():
    result = subprocess.run(
        [sys.executable, "-c", "import portal.settings.production as s; print(s.DEBUG)"],
        env={"PATH": "/usr/bin:/bin", "SECRET_KEY": "abcdefghij" * 6},
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"
