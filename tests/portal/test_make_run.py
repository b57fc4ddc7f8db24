"""`make run` shows the site as residents see it: DEBUG off (Chinese 404 page), static files
still served (WhiteNoise from the finders), and the real host and port in links."""

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import override_settings
from whitenoise.middleware import WhiteNoiseMiddleware

ROOT = Path(__file__).resolve().parents[2]


def run_settings(*names, **environ):
    code = "from django.conf import settings; " + "; ".join(
        f"print(repr(settings.{name}))" for name in names
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "portal.settings.run", **environ}
    env.pop("DEBUG", None)
    out = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    return out


def test_run_settings_turn_debug_off_and_serve_static_from_finders():
    assert run_settings("DEBUG", "WHITENOISE_USE_FINDERS", "SERVE_MEDIA") == [
        "False",
        "True",
        "True",
    ]


@pytest.mark.django_db
@override_settings(DEBUG=False)
def test_unknown_url_gives_the_chinese_404_not_the_url_list(client, home):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "抱歉，您要找的页面不存在" in html
    assert "URLconf" not in html and "Using the URLconf" not in html


@override_settings(DEBUG=False, WHITENOISE_USE_FINDERS=True, WHITENOISE_AUTOREFRESH=True)
def test_static_files_served_with_debug_off(rf):
    middleware = WhiteNoiseMiddleware(lambda request: None)
    response = middleware(rf.get("/static/css/portal.css"))
    assert response is not None and response.status_code == 200


@pytest.mark.parametrize("target", ["run", "run-debug"])
def test_make_run_passes_host_and_port_into_base_url(target):
    dry = subprocess.run(
        ["make", "-n", target, "PORT=8010", "HOST=192.0.2.5"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    runserver = next(line for line in dry.splitlines() if "runserver" in line)
    assert "BASE_URL=http://192.0.2.5:8010" in runserver
    assert "ALLOWED_HOSTS=192.0.2.5," in runserver
    assert runserver.endswith("runserver 192.0.2.5:8010")
    settings = "portal.settings.run" if target == "run" else "portal.settings.dev"
    assert f"DJANGO_SETTINGS_MODULE={settings}" in runserver
    assert "Site: http://192.0.2.5:8010/" in dry


def test_base_url_from_make_reaches_the_admin_links():
    # What `make run PORT=8010` exports; review e-mails build their links from this setting
    # (tests/portal/test_admin_chinese.py checks the e-mail itself).
    assert run_settings("WAGTAILADMIN_BASE_URL", BASE_URL="http://192.0.2.5:8010/") == [
        "'http://192.0.2.5:8010'"
    ]


@pytest.mark.django_db
@override_settings(WAGTAILADMIN_BASE_URL="http://192.0.2.5:8010")
def test_demo_accounts_print_the_admin_url_with_the_port(home):
    out = io.StringIO()
    call_command("demo_accounts", password="correct-horse-battery-42", stdout=out)
    assert out.getvalue().startswith("Admin: http://192.0.2.5:8010/admin/ ")
