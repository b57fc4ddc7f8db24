"""Two-factor sign-in for everyone who uses the admin (TOTP authenticator apps, django-otp).

After the password, a user without a confirmed device is sent to enrol one (scan a QR code,
type the 6-digit code); a user with one is asked for the current code. Until then no admin
page is served."""

from urllib.parse import quote

import segno
from django import forms
from django.conf import settings
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django_otp import login as otp_login
from django_otp import user_has_device
from django_otp.plugins.otp_totp.models import TOTPDevice


def _admin_prefix():
    return f"/{settings.WAGTAIL_ADMIN_PATH}/"


class StaffTwoFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        prefix = _admin_prefix()
        exempt = [f"{prefix}{tail}" for tail in ("login/", "logout/", "2fa/", "password_reset/")]
        if (
            settings.ADMIN_2FA_REQUIRED
            and request.path.startswith(prefix)
            and not request.path.startswith(tuple(exempt))
            and request.user.is_authenticated
            and not request.user.is_verified()
        ):
            name = "two_factor_verify" if user_has_device(request.user) else "two_factor_setup"
            return redirect(f"{reverse(name)}?next={quote(request.get_full_path())}")
        return self.get_response(request)


class TokenForm(forms.Form):
    token = forms.RegexField(
        regex=r"^\d{6}$",
        label=_("动态验证码"),
        error_messages={"invalid": _("请输入验证器应用中显示的 6 位数字。")},
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )


def _next_url(request):
    target = request.GET.get("next", "")
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return _admin_prefix()


def _login_required(view):
    def wrapped(request):
        if not request.user.is_authenticated:
            return redirect(f"{_admin_prefix()}login/?next={quote(request.get_full_path())}")
        return view(request)

    return never_cache(wrapped)


@_login_required
def setup(request):
    device = TOTPDevice.objects.filter(user=request.user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=request.user, name="authenticator", confirmed=False)
    form = TokenForm(request.POST or None)
    if form.is_valid():
        if device.verify_token(form.cleaned_data["token"]):
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            otp_login(request, device)
            return redirect(_next_url(request))
        form.add_error("token", _("验证码不正确，请确认手机时间准确后重新输入。"))
    qr_svg = segno.make(device.config_url, error="m").svg_inline(scale=5, title=str(_("扫码绑定")))
    return render(
        request,
        "two_factor/setup.html",
        {"form": form, "qr_svg": qr_svg, "secret": device.key},
    )


@_login_required
def verify(request):
    form = TokenForm(request.POST or None)
    if form.is_valid():
        for device in TOTPDevice.objects.filter(user=request.user, confirmed=True):
            if device.verify_token(form.cleaned_data["token"]):
                otp_login(request, device)
                return redirect(_next_url(request))
        form.add_error("token", _("验证码不正确或已过期，请输入最新的 6 位数字。"))
    return render(request, "two_factor/verify.html", {"form": form})


urlpatterns = [
    path("setup/", setup, name="two_factor_setup"),
    path("verify/", verify, name="two_factor_verify"),
]
