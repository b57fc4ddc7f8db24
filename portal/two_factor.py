"""Two-factor sign-in for everyone who uses the admin (TOTP authenticator apps, django-otp).

After the password, a user without a confirmed device is sent to enrol one (scan a QR code,
type the 6-digit code); a user with one is asked for the current code. Until then no admin
page is served.

The password alone may enrol only a user's first device. Once a user has a confirmed device,
enrolling another needs a session verified with an existing one; a lost phone is handled by a
superuser (`manage.py reset_two_factor <username>` deletes the user's devices, so the next
sign-in enrols afresh). Every enrolment and reset is logged (application log and Wagtail's
history) and e-mailed to the user, so an enrolment they did not make does not go unnoticed."""

import logging
from urllib.parse import quote

import segno
from django import forms
from django.conf import settings
from django.core.mail import send_mail
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.functional import LazyObject, empty
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django_otp import login as otp_login
from django_otp import user_has_device
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.log_actions import log

from portal.client_ip import client_ip

logger = logging.getLogger(__name__)

ENROLLED = "portal.two_factor.enrol"
RESET = "portal.two_factor.reset"
# Admin URLs a signed-in but unverified user may still reach (relative to the admin root).
EXEMPT = ("login/", "logout/", "2fa/", "password_reset/")


def _admin_prefix():
    """The admin's root as the URL resolver sees it (request.path_info: without SCRIPT_NAME)."""
    return f"/{settings.WAGTAIL_ADMIN_PATH}/"


class StaffTwoFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # path_info, not path: under a SCRIPT_NAME (the app mounted at /portal) request.path
        # is /portal/admin/… while the resolver still serves the admin from path_info.
        prefix = _admin_prefix()
        path_info = request.path_info
        if (
            settings.ADMIN_2FA_REQUIRED
            and path_info.startswith(prefix)
            and not path_info[len(prefix) :].startswith(EXEMPT)
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
    return reverse("wagtailadmin_home")


def _login_required(view):
    def wrapped(request):
        if not request.user.is_authenticated:
            login = reverse("wagtailadmin_login")
            return redirect(f"{login}?next={quote(request.get_full_path())}")
        return view(request)

    return never_cache(wrapped)


def has_confirmed_device(user) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def _concrete(user):
    """request.user is a lazy object, possibly wrapping another (auth, then django-otp);
    Wagtail's history looks up the log model by the real class."""
    while isinstance(user, LazyObject):
        if user._wrapped is empty:
            user._setup()
        user = user._wrapped
    return user


def notify(user, action, *, actor=None, request=None, device=None):
    """Record an enrolment or reset: application log, Wagtail history, and an e-mail to the
    user. A mail failure is logged and does not undo the change."""
    user = _concrete(user)
    actor = _concrete(actor) if actor is not None else user
    address = client_ip(request) if request is not None else None
    logger.warning(
        "two-factor %s: user=%s actor=%s device=%s ip=%s",
        "enrolment" if action == ENROLLED else "reset",
        user.get_username(),
        actor.get_username() if actor else "-",
        device.pk if device else "-",
        address or "-",
    )
    log(
        instance=user,
        action=action,
        user=actor if getattr(actor, "pk", None) else None,
        title=user.get_username(),
        data={"device": device.pk if device else None, "ip": address},
    )
    if not user.email:
        logger.warning("two-factor: %s has no e-mail address to notify", user.get_username())
        return
    when = timezone.localtime().strftime("%Y-%m-%d %H:%M")
    if action == ENROLLED:
        subject = gettext("管理后台：您的账号绑定了新的验证器")
        body = gettext(
            "您的管理后台账号 %(username)s 于 %(when)s 绑定了新的双因素验证器（来自 %(ip)s）。"
            "如果这不是您本人的操作，请立即联系系统管理员重置验证器并修改密码。"
        )
    else:
        subject = gettext("管理后台：您账号的验证器已被重置")
        body = gettext(
            "您的管理后台账号 %(username)s 的双因素验证器已于 %(when)s 被管理员重置，"
            "下次登录时需要重新绑定。如果您没有申请重置，请立即联系系统管理员。"
        )
    body %= {"username": user.get_username(), "when": when, "ip": address or "-"}
    try:
        send_mail(f"【{settings.WAGTAIL_SITE_NAME}】{subject}", body, None, [user.email])
    except Exception:  # noqa: BLE001 - the change stands; the log above still records it
        logger.exception("two-factor: could not e-mail %s", user.get_username())


@_login_required
def setup(request):
    # The password alone may only enrol the first device: a user who already has one must
    # prove it before adding another (otherwise a stolen password would reach the admin).
    if has_confirmed_device(request.user) and not request.user.is_verified():
        return redirect(f"{reverse('two_factor_verify')}?next={quote(request.get_full_path())}")
    device = TOTPDevice.objects.filter(user=request.user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=request.user, name="authenticator", confirmed=False)
    form = TokenForm(request.POST or None)
    if form.is_valid():
        if device.verify_token(form.cleaned_data["token"]):
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            otp_login(request, device)
            notify(request.user, ENROLLED, request=request, device=device)
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


def reset_devices(user, actor=None) -> int:
    """Delete every device of `user` (a superuser's reset after a lost phone); returns how many."""
    count, _detail = TOTPDevice.objects.filter(user=user).delete()
    notify(user, RESET, actor=actor)
    return count


urlpatterns = [
    path("setup/", setup, name="two_factor_setup"),
    path("verify/", verify, name="two_factor_verify"),
]
