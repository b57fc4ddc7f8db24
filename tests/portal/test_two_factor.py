"""Two-factor sign-in cannot be bypassed: a password alone never enrols a second device, every
enrolment and reset is logged and e-mailed, and the check holds under a SCRIPT_NAME prefix."""

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.core.management import call_command
from django.test import RequestFactory
from django.urls import set_script_prefix
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.models import ModelLogEntry

from home.cache import _request_is_cacheable
from portal.two_factor import ENROLLED, RESET

pytestmark = pytest.mark.django_db

PASSWORD = "correct-horse-battery-42"


@pytest.fixture(autouse=True)
def two_factor_on(settings):
    settings.ADMIN_2FA_REQUIRED = True
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    yield
    set_script_prefix("/")  # a request under SCRIPT_NAME leaves its prefix behind


def token_for(device):
    return f"{totp(device.bin_key, step=device.step, digits=device.digits):06d}"


@pytest.fixture
def enrolled_admin():
    user = User.objects.create_superuser("admin", "admin@example.org", PASSWORD)
    device = TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    return user, device


def sign_in_with_password(client, username="admin"):
    response = client.post("/admin/login/", {"username": username, "password": PASSWORD})
    assert response.status_code == 302


def test_a_password_alone_cannot_enrol_a_second_device(client, enrolled_admin):
    user, _device = enrolled_admin
    sign_in_with_password(client)

    response = client.get("/admin/2fa/setup/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/2fa/verify/")
    assert "<svg" not in response.content.decode()  # no QR code, no secret
    assert TOTPDevice.objects.filter(user=user).count() == 1

    # Even a POST with a well-formed code enrols nothing.
    response = client.post("/admin/2fa/setup/?next=/admin/", {"token": "123456"})
    assert response.status_code == 302 and "/admin/2fa/verify/" in response["Location"]
    assert list(TOTPDevice.objects.filter(user=user).values_list("name", flat=True)) == ["phone"]

    response = client.get("/admin/")
    assert response.status_code == 302 and "/admin/2fa/verify/" in response["Location"]
    assert mail.outbox == []


def test_a_verified_user_may_add_a_device_and_is_told_by_mail(client, enrolled_admin):
    user, device = enrolled_admin
    sign_in_with_password(client)
    assert client.post("/admin/2fa/verify/", {"token": token_for(device)}).status_code == 302

    assert "<svg" in client.get("/admin/2fa/setup/").content.decode()
    new = TOTPDevice.objects.get(user=user, confirmed=False)
    response = client.post("/admin/2fa/setup/?next=/admin/", {"token": token_for(new)})
    assert response.status_code == 302 and response["Location"] == "/admin/"
    assert TOTPDevice.objects.filter(user=user, confirmed=True).count() == 2

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["admin@example.org"]
    assert "绑定了新的双因素验证器" in message.body and "admin" in message.body
    entry = ModelLogEntry.objects.get(action=ENROLLED)
    assert entry.object_id == str(user.pk) and entry.user_id == user.pk
    assert entry.data["device"] == new.pk


def test_first_enrolment_is_logged_and_mailed(client):
    user = User.objects.create_superuser("admin", "admin@example.org", PASSWORD)
    sign_in_with_password(client)
    client.get("/admin/2fa/setup/")
    device = TOTPDevice.objects.get(user=user)
    client.post("/admin/2fa/setup/", {"token": token_for(device)})
    assert [m.to for m in mail.outbox] == [["admin@example.org"]]
    assert ModelLogEntry.objects.filter(action=ENROLLED, object_id=str(user.pk)).exists()


def test_superuser_reset_deletes_devices_and_tells_the_user(client, enrolled_admin, capsys):
    user, _device = enrolled_admin
    call_command("reset_two_factor", "admin")
    assert "已删除 admin 的 1 个验证器" in capsys.readouterr().out
    assert not TOTPDevice.objects.filter(user=user).exists()
    assert ModelLogEntry.objects.filter(action=RESET, object_id=str(user.pk)).exists()
    assert "被管理员重置" in mail.outbox[0].body
    # The next sign-in enrols afresh.
    sign_in_with_password(client)
    assert "/admin/2fa/setup/" in client.get("/admin/")["Location"]


def test_two_factor_holds_under_a_script_name(client):
    User.objects.create_superuser("admin", "admin@example.org", PASSWORD)
    set_script_prefix("/portal/")  # as Django's WSGIHandler does from SCRIPT_NAME
    response = client.post(
        "/admin/login/", {"username": "admin", "password": PASSWORD}, SCRIPT_NAME="/portal"
    )
    assert response.status_code == 302
    response = client.get("/admin/", SCRIPT_NAME="/portal")
    assert response.status_code == 302
    assert response["Location"] == "/portal/admin/2fa/setup/?next=/portal/admin/"
    response = client.get("/admin/pages/", SCRIPT_NAME="/portal")
    assert "/portal/admin/2fa/setup/" in response["Location"]


def test_two_factor_holds_with_force_script_name(client, settings):
    settings.FORCE_SCRIPT_NAME = "/portal"
    set_script_prefix("/portal/")
    User.objects.create_superuser("admin", "admin@example.org", PASSWORD)
    client.force_login(User.objects.get())
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/portal/admin/2fa/setup/")


@pytest.mark.parametrize("path", ["/admin/", "/admin/login/", "/search/", "/documents/1/a.pdf"])
def test_admin_and_search_bypass_the_page_cache_under_a_script_name(settings, path):
    settings.PAGE_CACHE_SECONDS = 300
    request = RequestFactory().get(path, {"q": "代表"}, SCRIPT_NAME="/portal")
    assert request.path == "/portal" + path and request.path_info == path
    assert not _request_is_cacheable(request)
    assert _request_is_cacheable(RequestFactory().get("/news/", SCRIPT_NAME="/portal"))
