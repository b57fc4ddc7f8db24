"""The example deployment files in deploy/ are valid: nginx accepts the site file (`nginx -t`
with a throw-away certificate), systemd accepts the units (`systemd-analyze verify`), and the
units run what docs/deploy.md says they run.

Without nginx (or systemd-analyze) on the machine the checks that need it are skipped, except
in CI (env CI set), where a missing tool is a failure."""

import configparser
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

DEPLOY = Path(__file__).resolve().parents[2] / "deploy"
SITE = DEPLOY / "nginx" / "portal.conf"
UNITS = DEPLOY / "systemd"
VENV = "/srv/portal/venv"


def require(tool: str) -> str:
    path = shutil.which(tool)
    if path:
        return path
    if os.environ.get("CI"):
        pytest.fail(f"{tool} is required in CI (apt-get install nginx openssl systemd)")
    pytest.skip(f"{tool} is not installed")


def unit(name: str) -> configparser.ConfigParser:
    parser = configparser.ConfigParser(strict=False, interpolation=None)
    parser.optionxform = str  # keys are case-sensitive in systemd
    # Continuation lines ("\" at the end) are one value for systemd.
    parser.read_string(re.sub(r"\\\n\s*", " ", (UNITS / name).read_text()))
    return parser


def test_nginx_accepts_the_site_file(tmp_path):
    nginx = require("nginx")
    openssl = require("openssl")
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(
        [openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1"]
        + ["-subj", "/CN=localhost", "-keyout", str(key), "-out", str(cert)],
        check=True,
        capture_output=True,
    )
    site = SITE.read_text()
    replacements = {
        r"ssl_certificate\s+\S+;": f"ssl_certificate {cert};",
        r"ssl_certificate_key\s+\S+;": f"ssl_certificate_key {key};",
        r"/var/cache/nginx/portal": str(tmp_path / "cache"),
        r"/var/log/nginx/": f"{tmp_path}/",
    }
    for pattern, value in replacements.items():
        site, count = re.subn(pattern, value, site)
        assert count, f"the site file no longer contains {pattern}"
    (tmp_path / "site.conf").write_text(site)
    temp_paths = "\n".join(
        f"  {kind}_temp_path {tmp_path / kind};"
        for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    (tmp_path / "nginx.conf").write_text(
        f"pid {tmp_path / 'nginx.pid'};\n"
        f"error_log {tmp_path / 'error.log'};\n"
        "events {}\n"
        "http {\n"
        "  include /etc/nginx/mime.types;\n"
        f"  access_log {tmp_path / 'access.log'};\n"
        f"{temp_paths}\n"
        f"  include {tmp_path / 'site.conf'};\n"
        "}\n"
    )
    result = subprocess.run(
        [nginx, "-t", "-q", "-p", str(tmp_path), "-e", str(tmp_path / "error.log")]
        + ["-c", str(tmp_path / "nginx.conf")],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert "[warn]" not in result.stderr, result.stderr


def test_nginx_site_has_tls_hsts_cache_and_rate_limits():
    site = SITE.read_text()
    assert re.search(r"listen 443 ssl", site)
    assert "return 301 https://" in site
    assert "Strict-Transport-Security" in site
    for header in ("Host", "X-Forwarded-For", "X-Forwarded-Proto"):
        assert f"proxy_set_header {header} " in site
    assert re.search(r"location /static/ \{[^}]*expires max;", site)
    assert "location /media/" in site
    assert re.search(r"proxy_cache_bypass \$portal_logged_in", site)
    assert re.search(r"location /admin/ \{[^}]*proxy_cache off;", site)
    assert re.search(r"location /search/ \{[^}]*limit_req zone=portal_search", site)
    assert re.search(r"location \^~ /stations/locator \{[^}]*limit_req zone=portal_locator", site)
    assert "limit_req_status 429;" in site


def test_systemd_accepts_the_units(tmp_path):
    analyze = require("systemd-analyze")
    # verify checks that ExecStart's program exists: point the units at stub executables.
    venv_bin = tmp_path / "venv" / "bin"
    venv_bin.mkdir(parents=True)
    for name in ("gunicorn", "python"):
        (venv_bin / name).write_text("#!/bin/sh\n")
        (venv_bin / name).chmod(0o755)
    files = []
    for path in sorted(UNITS.iterdir()):
        target = tmp_path / path.name
        target.write_text(path.read_text().replace(VENV, str(tmp_path / "venv")))
        files.append(str(target))
    result = subprocess.run(
        [analyze, "verify", "--man=no", *files], capture_output=True, text=True, cwd=tmp_path
    )
    output = (result.stdout + result.stderr).strip()
    assert result.returncode == 0, output
    # Unknown keys and bad values are only warnings for systemd: treat them as errors here.
    assert output == "", output


@pytest.mark.parametrize(
    ("name", "command"),
    [
        ("portal-web.service", f"{VENV}/bin/gunicorn portal.wsgi:application"),
        ("portal-worker.service", f"{VENV}/bin/python manage.py db_worker"),
        ("portal-publish-scheduled.service", f"{VENV}/bin/python manage.py publish_scheduled"),
    ],
)
def test_units_run_the_portal_as_its_own_user(name, command):
    service = unit(name)["Service"]
    assert service["ExecStart"].startswith(command)
    assert service["User"] == "portal"
    assert service["WorkingDirectory"] == "/srv/portal/app"
    assert service["EnvironmentFile"] == "/etc/portal/portal.env"
    assert "DJANGO_SETTINGS_MODULE=portal.settings.production" in service["Environment"]
    assert service["NoNewPrivileges"] == "yes"
    assert service["ProtectSystem"] == "strict"


def test_web_workers_and_bind_come_from_the_environment():
    exec_start = unit("portal-web.service")["Service"]["ExecStart"]
    assert "--workers ${WEB_WORKERS} --threads ${WEB_THREADS}" in exec_start
    assert "--bind ${GUNICORN_BIND}" in exec_start
    env = (DEPLOY / "portal.env.example").read_text()
    names = ("WEB_WORKERS", "WEB_THREADS", "GUNICORN_BIND", "SECRET_KEY", "DATABASE_URL")
    for name in (*names, "REDIS_URL"):
        assert re.search(rf"^{name}=", env, re.M), name


def test_publish_scheduled_runs_every_minute():
    timer = unit("portal-publish-scheduled.timer")
    assert timer["Timer"]["OnCalendar"] == "*-*-* *:*:00"
    assert timer["Timer"]["Unit"] == "portal-publish-scheduled.service"
    assert timer["Install"]["WantedBy"] == "timers.target"
    assert unit("portal-publish-scheduled.service")["Service"]["Type"] == "oneshot"
