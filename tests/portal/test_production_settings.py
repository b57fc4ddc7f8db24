"""Production settings come from the environment (README "Configuration"), refusing unsafe ones."""

import json
import subprocess
import sys

BASE_ENV = {
    "PATH": "/usr/bin:/bin",
    "DJANGO_SETTINGS_MODULE": "portal.settings.production",
    "SECRET_KEY": "k3Y-" + "q8Zt1vN0pX" * 6,
    "ALLOWED_HOSTS": "rd.example.gov.cn,www.rd.example.gov.cn",
    "DATABASE_URL": "sqlite:///:memory:",
}
NAMES = [
    "EMAIL_HOST",
    "EMAIL_PORT",
    "EMAIL_HOST_USER",
    "EMAIL_HOST_PASSWORD",
    "EMAIL_USE_TLS",
    "EMAIL_USE_SSL",
    "EMAIL_TIMEOUT",
    "DEFAULT_FROM_EMAIL",
    "SERVER_EMAIL",
]
CODE = (
    "import json, portal.settings.production as s; "
    f"print(json.dumps({{n: getattr(s, n) for n in {NAMES!r}}}))"
)


def production(**env):
    return subprocess.run(
        [sys.executable, "-c", CODE], env={**BASE_ENV, **env}, capture_output=True, text=True
    )


def test_mail_settings_from_the_environment():
    result = production(
        EMAIL_HOST="smtp.example.gov.cn",
        EMAIL_PORT="465",
        EMAIL_HOST_USER="portal",
        EMAIL_HOST_PASSWORD="s3cret",
        EMAIL_USE_SSL="1",
        EMAIL_TIMEOUT="12",
        DEFAULT_FROM_EMAIL="江滨区人大 <noreply@rd.example.gov.cn>",
        SERVER_EMAIL="errors@rd.example.gov.cn",
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {
        "EMAIL_HOST": "smtp.example.gov.cn",
        "EMAIL_PORT": 465,
        "EMAIL_HOST_USER": "portal",
        "EMAIL_HOST_PASSWORD": "s3cret",
        "EMAIL_USE_TLS": False,
        "EMAIL_USE_SSL": True,
        "EMAIL_TIMEOUT": 12,
        "DEFAULT_FROM_EMAIL": "江滨区人大 <noreply@rd.example.gov.cn>",
        "SERVER_EMAIL": "errors@rd.example.gov.cn",
    }


def test_mail_defaults_send_from_the_site_domain():
    result = production()
    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout)
    assert values["DEFAULT_FROM_EMAIL"] == "noreply@rd.example.gov.cn"
    assert values["SERVER_EMAIL"] == "noreply@rd.example.gov.cn"
    assert values["EMAIL_TIMEOUT"] == 30 and values["EMAIL_HOST"] == "localhost"


def test_tls_and_ssl_together_refuse_to_start():
    result = production(EMAIL_USE_TLS="1", EMAIL_USE_SSL="1")
    assert result.returncode != 0
    assert "EMAIL_USE_TLS (STARTTLS) or EMAIL_USE_SSL, not both" in result.stderr


def test_every_mail_setting_is_documented():
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    readme = (root / "README.md").read_text()
    example = (root / "deploy" / "portal.env.example").read_text()
    for name in [*NAMES, "VOICES_REMIND_BEFORE_DAYS", "VOICES_AUTO_CLOSE_WORKING_DAYS"]:
        assert f"`{name}`" in readme, name
        assert f"\n{name}=" in example, name


def test_several_workers_without_a_shared_cache_refuse_to_start():
    result = production(WEB_WORKERS="3")
    assert result.returncode != 0
    assert "WEB_WORKERS=3 needs a cache the workers share: set REDIS_URL" in result.stderr


def test_several_workers_start_with_redis_and_one_worker_without():
    assert production(WEB_WORKERS="3", REDIS_URL="redis://127.0.0.1:6380/0").returncode == 0
    assert production(WEB_WORKERS="1").returncode == 0


def database_options(**env):
    code = (
        "import json, portal.settings.production as s; "
        "print(json.dumps(s.DATABASES['default'].get('OPTIONS', {})))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], env={**BASE_ENV, **env}, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_prepared_statements_on_postgresql_only_when_asked():
    postgres = "postgres://portal:portal@db.example:5432/portal?sslmode=require"
    assert database_options(DATABASE_URL=postgres) == {"sslmode": "require"}
    assert database_options(DATABASE_URL=postgres, DATABASE_PREPARED_STATEMENTS="1") == {
        "sslmode": "require",
        "server_side_binding": True,
        "prepare_threshold": 5,
        # Planned for each query's values: a generic plan ignores the page tree's index.
        "options": "-c plan_cache_mode=force_custom_plan",
    }
    sqlite = database_options(DATABASE_PREPARED_STATEMENTS="1")
    assert "server_side_binding" not in sqlite


def test_search_requests_are_not_logged_one_by_one_but_their_failures_are():
    code = (
        "import django, logging; django.setup(); "
        "log = logging.getLogger('elastic_transport.transport'); "
        "print(log.isEnabledFor(logging.INFO), log.isEnabledFor(logging.WARNING), "
        "logging.getLogger('django').isEnabledFor(logging.INFO))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], env=BASE_ENV, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "True", "True"]
