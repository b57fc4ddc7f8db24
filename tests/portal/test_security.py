"""Security: deployment checks, headers and CSP, rate limits, login lockout, two-factor sign-in,
and document uploads checked by content."""

import re
import subprocess
import sys

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.documents.models import Document

pytestmark = pytest.mark.django_db

PASSWORD = "correct-horse-battery-42"


def test_check_deploy_is_clean_under_production_settings(tmp_path):
    env = {
        "PATH": "/usr/bin:/bin",
        "DJANGO_SETTINGS_MODULE": "portal.settings.production",
        "SECRET_KEY": "k3Y-" + "q8Zt1vN0pX" * 6,
        "ALLOWED_HOSTS": "rd.example.gov.cn",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_public_pages_send_security_headers(client, make_article):
    article = make_article(title="安全头测试")
    response = client.get(article.url)
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert "frame-ancestors 'self'" in csp and "object-src 'none'" in csp
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["X-Frame-Options"] == "SAMEORIGIN"


def test_public_pages_have_no_inline_scripts_or_handlers(client, make_article, make_notice):
    pages = ["/", make_article().url, make_notice().url, "/news/", "/feeds/", "/search/?q=代表"]
    for url in pages:
        html = client.get(url).content.decode()
        inline = re.findall(r"<script(?![^>]*\bsrc=)(?![^>]*application/(?:ld\+)?json)[^>]*>", html)
        assert inline == [], f"inline script on {url}"
        assert not re.search(r"\son[a-z]+=", html), f"inline event handler on {url}"
        assert not re.search(r"\sstyle=", html), f"inline style on {url}"


def test_search_is_rate_limited_with_a_chinese_message(client, settings, home):
    settings.PORTAL_RATE_LIMITS = {"search": "3/m"}
    statuses = [client.get("/search/", {"q": "代表"}).status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    response = client.get("/search/", {"q": "代表"})
    assert "访问过于频繁" in response.content.decode()
    assert response["Retry-After"] == "60"
    assert client.get("/").status_code == 200  # other pages are not limited
    assert client.get("/search/").status_code == 200  # nor the bare search form


def test_admin_login_locks_out_after_repeated_failures(client, settings):
    User.objects.create_superuser("admin", "a@example.org", PASSWORD)
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post("/admin/login/", {"username": "admin", "password": "wrong"})
    response = client.post("/admin/login/", {"username": "admin", "password": PASSWORD})
    assert response.status_code == 429
    assert "账号已暂时锁定" in response.content.decode()


def test_staff_must_enrol_and_pass_two_factor(client, settings):
    settings.ADMIN_2FA_REQUIRED = True
    settings.OTP_TOTP_THROTTLE_FACTOR = 0  # the wrong code below would otherwise delay the next
    user = User.objects.create_superuser("admin", "a@example.org", PASSWORD)
    response = client.post("/admin/login/", {"username": "admin", "password": PASSWORD})
    assert response.status_code == 302

    response = client.get("/admin/")
    assert response.status_code == 302 and "/admin/2fa/setup/" in response["Location"]
    setup = client.get("/admin/2fa/setup/")
    assert "<svg" in setup.content.decode() and "绑定双因素验证" in setup.content.decode()

    device = TOTPDevice.objects.get(user=user)
    wrong = client.post("/admin/2fa/setup/", {"token": "000000"})
    assert "验证码不正确" in wrong.content.decode()
    token = f"{totp(device.bin_key, step=device.step, digits=device.digits):06d}"
    assert client.post("/admin/2fa/setup/?next=/admin/", {"token": token}).status_code == 302
    assert client.get("/admin/").status_code == 200

    # A new session asks for the code of the enrolled device.
    client.logout()
    client.post("/admin/login/", {"username": "admin", "password": PASSWORD})
    response = client.get("/admin/pages/")
    assert "/admin/2fa/verify/" in response["Location"]
    assert client.get("/admin/pages/").status_code == 302


@pytest.fixture
def admin_client(client):
    client.force_login(User.objects.create_superuser("admin", "a@example.org", PASSWORD))
    return client


def upload_document(client, name, content):
    return client.post(
        "/admin/documents/multiple/add/",
        {"title": name, "files[]": SimpleUploadedFile(name, content), "collection": 1},
    )


@pytest.mark.parametrize(
    "name,content,message",
    [
        ("fake.pdf", b"<html><script>alert(1)</script></html>", "文件内容与扩展名 .pdf 不符"),
        ("macro.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1 old office file", "扩展名 .docx 不符"),
        ("notes.txt", b"text\x00with binary", "文本文件中含有二进制内容"),
    ],
)
def test_documents_are_checked_by_content(admin_client, name, content, message):
    response = upload_document(admin_client, name, content)
    assert not Document.objects.exists()
    assert message in response.json()["error_message"]


def test_real_documents_are_accepted_and_served_safely(admin_client, client):
    upload_document(admin_client, "report.pdf", b"%PDF-1.4\n%demo\n")
    upload_document(admin_client, "roster.docx", b"PK\x03\x04 demo zip")
    assert Document.objects.count() == 2
    docx = Document.objects.get(title="roster.docx")
    response = client.get(docx.url)
    assert response["Content-Disposition"].startswith("attachment")
    pdf = Document.objects.get(title="report.pdf")
    assert client.get(pdf.url)["Content-Disposition"].startswith("inline")


def test_lockout_keys_on_the_client_behind_the_proxy(client, settings):
    """Behind nginx every request has the proxy's REMOTE_ADDR: the lockout must key on the
    visitor's address from X-Real-IP, or five failures from anyone lock out every admin."""
    from django.test import Client

    settings.RATELIMIT_IP_META_KEY = "HTTP_X_REAL_IP"
    User.objects.create_superuser("admin", "a@example.org", PASSWORD)
    proxy = {"REMOTE_ADDR": "10.0.0.5"}
    attacker = Client(HTTP_X_REAL_IP="203.0.113.7", **proxy)
    editor = Client(HTTP_X_REAL_IP="198.51.100.20", **proxy)
    for _ in range(settings.AXES_FAILURE_LIMIT + 2):
        attacker.post("/admin/login/", {"username": "admin", "password": "wrong"})
    response = attacker.post("/admin/login/", {"username": "admin", "password": PASSWORD})
    assert response.status_code == 429 and "账号已暂时锁定" in response.content.decode()

    response = editor.post("/admin/login/", {"username": "admin", "password": PASSWORD})
    assert response.status_code == 302
    assert editor.get("/admin/").status_code == 200


def test_client_ip_reads_the_trusted_header(rf, settings):
    from portal.client_ip import client_ip, client_network

    settings.RATELIMIT_IP_META_KEY = "HTTP_X_FORWARDED_FOR"
    # The right-most entry is the one the proxy added; the left ones came from the client.
    request = rf.get("/", HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.7", REMOTE_ADDR="10.0.0.5")
    assert client_ip(request) == "203.0.113.7"
    assert client_ip(rf.get("/", HTTP_X_FORWARDED_FOR="junk", REMOTE_ADDR="10.0.0.5")) == (
        "10.0.0.5"
    )
    assert client_ip(rf.get("/", REMOTE_ADDR="10.0.0.5")) == "10.0.0.5"
    ipv6 = rf.get("/", HTTP_X_FORWARDED_FOR="2001:db8::1:2:3:4")
    assert client_network(ipv6) == "2001:db8::"
    settings.RATELIMIT_IP_META_KEY = None
    assert client_ip(request) == "10.0.0.5"
