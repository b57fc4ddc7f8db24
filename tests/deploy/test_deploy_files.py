"""The example deployment files in deploy/ are valid: nginx accepts the site file (`nginx -t`
with a throw-away certificate), systemd accepts the units (`systemd-analyze verify`), and the
units run what docs/deploy.md says they run.

Without nginx (or systemd-analyze) on the machine the checks that need it are skipped, except
in CI (env CI set), where a missing tool is a failure."""

import configparser
import http.client
import http.server
import os
import re
import shutil
import socket
import ssl
import subprocess
import threading
import time
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


def nginx_config(tmp_path, extra_replacements=None, main="") -> Path:
    """The site file inside a minimal nginx.conf whose paths all point into tmp_path, with a
    throw-away certificate; returns the path of nginx.conf."""
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
        **(extra_replacements or {}),
    }
    for pattern, value in replacements.items():
        site, count = re.subn(pattern, value, site)
        assert count, f"the site file no longer contains {pattern}"
    (tmp_path / "site.conf").write_text(site)
    temp_paths = "\n".join(
        f"  {kind}_temp_path {tmp_path / kind};"
        for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    conf = tmp_path / "nginx.conf"
    conf.write_text(
        main + f"pid {tmp_path / 'nginx.pid'};\n"
        f"error_log {tmp_path / 'error.log'};\n"
        "events {}\n"
        "http {\n"
        "  include /etc/nginx/mime.types;\n"
        f"  access_log {tmp_path / 'access.log'};\n"
        f"{temp_paths}\n"
        f"  include {tmp_path / 'site.conf'};\n"
        "}\n"
    )
    return conf


def test_nginx_accepts_the_site_file(tmp_path):
    nginx = require("nginx")
    conf = nginx_config(tmp_path)
    result = subprocess.run(
        [
            nginx,
            "-t",
            "-q",
            "-p",
            str(tmp_path),
            "-e",
            str(tmp_path / "error.log"),
            "-c",
            str(conf),
        ],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert "[warn]" not in result.stderr, result.stderr


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class _App(http.server.BaseHTTPRequestHandler):
    """Stands in for the portal: its document view answers with X-Accel-Redirect."""

    def do_GET(self):
        if self.path == "/documents/7/secret.pdf":
            self.send_response(200)
            self.send_header("X-Accel-Redirect", "/media/documents/secret.pdf")
            self.send_header("Content-Type", "application/pdf")
            self.send_header("Content-Disposition", 'inline; filename="secret.pdf"')
        else:
            self.send_response(404)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


def test_nginx_serves_documents_only_through_the_app(tmp_path):
    """With the real site file: /media/ serves images, never documents or other uploads; a
    document reaches the client only when the app's view answers with X-Accel-Redirect."""
    nginx = require("nginx")
    media = tmp_path / "media"
    for name, content in [
        ("documents/secret.pdf", b"%PDF-1.4 secret"),
        ("images/photo.width-400.png", b"png bytes"),
        ("original_images/photo.png", b"original png"),
        ("roster-imports/0123.xlsx", b"roster"),
    ]:
        (media / name).parent.mkdir(parents=True, exist_ok=True)
        (media / name).write_bytes(content)
    app = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _App)
    threading.Thread(target=app.serve_forever, daemon=True).start()
    port = _free_port()
    conf = nginx_config(
        tmp_path,
        {
            r"listen 443 ssl http2;": f"listen 127.0.0.1:{port} ssl;",
            r"listen \[::\]:443 ssl http2;": "",
            r"listen 80;": f"listen 127.0.0.1:{_free_port()};",
            r"listen \[::\]:80;": "",
            r"server 127\.0\.0\.1:8000": f"server 127.0.0.1:{app.server_port}",
            r"/srv/portal/media/": f"{media}/",
        },
        main="daemon off;\nmaster_process off;\n",
    )
    server = subprocess.Popen(
        [nginx, "-p", str(tmp_path), "-e", str(tmp_path / "error.log"), "-c", str(conf)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        context = ssl.create_default_context()
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE

        def get(path):
            for _ in range(100):
                try:
                    conn = http.client.HTTPSConnection("127.0.0.1", port, context=context)
                    conn.request("GET", path, headers={"Host": "rd.example.gov.cn"})
                    response = conn.getresponse()
                    return response.status, dict(response.getheaders()), response.read()
                except (ConnectionRefusedError, ssl.SSLError):
                    assert server.poll() is None, server.stderr.read().decode()
                    time.sleep(0.05)
            raise AssertionError("nginx did not start")

        assert get("/media/images/photo.width-400.png")[::2] == (200, b"png bytes")
        assert get("/media/original_images/photo.png")[::2] == (200, b"original png")
        for path in [
            "/media/documents/secret.pdf",
            "/media/images/../documents/secret.pdf",
            "/media/roster-imports/0123.xlsx",
            "/media/",
        ]:
            status, _headers, body = get(path)
            assert status == 404 and b"secret" not in body, path
        status, headers, body = get("/documents/7/secret.pdf")
        assert (status, body) == (200, b"%PDF-1.4 secret")
        assert headers["Content-Type"] == "application/pdf"
        assert headers["Content-Security-Policy"] == "default-src 'none'"
        assert headers["Strict-Transport-Security"].startswith("max-age=")
        assert "X-Accel-Redirect" not in headers
        assert get("/documents/8/other.pdf")[0] == 404
    finally:
        server.terminate()
        server.wait(timeout=10)
        app.shutdown()


def test_nginx_site_has_tls_hsts_cache_and_rate_limits():
    site = SITE.read_text()
    assert re.search(r"listen 443 ssl", site)
    assert "return 301 https://" in site
    assert "Strict-Transport-Security" in site
    for header in ("Host", "X-Forwarded-For", "X-Forwarded-Proto"):
        assert f"proxy_set_header {header} " in site
    assert re.search(r"location /static/ \{[^}]*expires max;", site)
    assert re.search(r"location /media/ \{\s*return 404;", site)
    assert re.search(r"location /media/documents/ \{\s*internal;", site)
    assert re.search(r"location /documents/ \{[^}]*proxy_cache off;", site)
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
        ("portal-voices-remind.service", f"{VENV}/bin/python manage.py voices_remind"),
        ("portal-voices-anonymise.service", f"{VENV}/bin/python manage.py voices_anonymise"),
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


@pytest.mark.parametrize("name", ["portal-voices-remind", "portal-voices-anonymise"])
def test_voices_jobs_run_daily(name):
    timer = unit(f"{name}.timer")["Timer"]
    assert re.fullmatch(r"\*-\*-\* \d\d:\d\d:00 Asia/Shanghai", timer["OnCalendar"])
    assert timer["Unit"] == f"{name}.service"
    assert timer["Persistent"] == "true"  # a day missed while the box was down is caught up
    assert unit(f"{name}.service")["Service"]["Type"] == "oneshot"


@pytest.mark.parametrize(
    ("name", "command", "calendar"),
    [
        ("portal-appointments-remind", "appointments_remind", "*-*-* 09:00:00 Asia/Shanghai"),
        ("portal-appointments-purge", "appointments_purge", "*-*-* 03:30:00 Asia/Shanghai"),
    ],
)
def test_appointment_jobs_run_daily(name, command, calendar):
    """约访: the day-before reminder and the deletion of personal data (appointments/)."""
    timer = unit(f"{name}.timer")
    assert timer["Timer"]["OnCalendar"] == calendar
    assert timer["Timer"]["Unit"] == f"{name}.service"
    assert timer["Timer"]["Persistent"] == "true"
    assert timer["Install"]["WantedBy"] == "timers.target"
    service = unit(f"{name}.service")["Service"]
    assert service["Type"] == "oneshot"
    assert service["ExecStart"] == f"{VENV}/bin/python manage.py {command}"
    assert service["User"] == "portal" and service["NoNewPrivileges"] == "yes"
