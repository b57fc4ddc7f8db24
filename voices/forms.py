"""The resident's form and the tracking page's forms.

Anti-abuse lives here and in views.py: a honeypot field robots fill in, a signed stamp
(`FormStamp`) that carries the form token (one opinion per form, however often it is posted)
and the time the form was shown (posts faster than VOICES_MIN_FILL_SECONDS are refused).
Photos are checked like every image upload of the site: Wagtail's image field (format by
content, extension, file size, pixel count) and the portal's side limits; then re-encoded
without metadata (voices/photos.py)."""

import re
import secrets
import time

from django import forms
from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.images.fields import WagtailImageField

from delegates.models import DelegatePage, StationMembership, StationPage
from home.forms import check_image_sides
from portal import challenge

from .choices import Rating
from .models import OpinionTopic
from .photos import without_metadata

MOBILE = re.compile(r"^1[3-9]\d{9}$")
STAMP_SALT = "voices.form-stamp"
STAMP_MAX_AGE = 24 * 3600  # a form left open longer than a day is shown again with a fresh stamp
PHOTO_FIELDS = ("photo1", "photo2", "photo3")


class FormStamp:
    @staticmethod
    def issue(token: str | None = None, at: float | None = None) -> str:
        payload = {"t": token or secrets.token_urlsafe(24), "at": int(at or time.time())}
        return signing.dumps(payload, salt=STAMP_SALT)

    @staticmethod
    def read(value: str) -> dict | None:
        try:
            return signing.loads(value, salt=STAMP_SALT, max_age=STAMP_MAX_AGE)
        except (signing.BadSignature, TypeError):
            return None


def normalise_mobile(value: str) -> str:
    value = re.sub(r"[\s-]", "", value or "")
    return value[3:] if value.startswith("+86") else value


class PhotoField(WagtailImageField):
    """An image checked like every upload of the site, then re-encoded without its EXIF
    (GPS position and the like, voices/photos.py)."""

    def to_python(self, data):
        image_file = super().to_python(data)
        if image_file is not None:
            check_image_sides(image_file)
            image_file = without_metadata(image_file)
        return image_file


class ResidentForm(forms.Form):
    """What every resident's form of the site asks and checks (the opinion form here, the
    约访 booking form in appointments/): name and a contact, the privacy notice, and the
    anti-abuse guards — a honeypot and the signed stamp (form token and time shown). A
    subclass's `clean()` does its own checks first, then returns `super().clean()`."""

    name = forms.CharField(
        label=gettext_lazy("姓名"),
        max_length=30,
        error_messages={"required": gettext_lazy("请填写姓名，便于联络员与您联系。")},
    )
    mobile = forms.CharField(
        label=gettext_lazy("手机号码"),
        max_length=20,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
    )
    email = forms.EmailField(
        label=gettext_lazy("电子邮箱"),
        max_length=120,
        required=False,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={"invalid": gettext_lazy("电子邮箱格式不正确。")},
    )
    privacy = forms.BooleanField(
        label=gettext_lazy("我已阅读并同意《个人信息处理说明》"),
        error_messages={"required": gettext_lazy("请阅读并同意个人信息处理说明后再提交。")},
    )
    # Robots fill in every field; people do not see this one (hidden by CSS, not announced).
    website = forms.CharField(required=False, label=gettext_lazy("网址（请留空）"))
    stamp = forms.CharField(widget=forms.HiddenInput)
    # Asked only when the address's rate limit trips (portal/challenge.py); the label becomes
    # the question.
    challenge = forms.CharField(required=False, widget=forms.HiddenInput)
    challenge_answer = forms.CharField(
        required=False,
        max_length=8,
        help_text=gettext_lazy("请用数字作答，例如 12。"),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["website"].widget.attrs.update(tabindex="-1", autocomplete="off")
        self.challenge_question = ""

    @staticmethod
    def solves_challenge(request) -> bool:
        """Whether the post rightly answers the challenge asked for its own form."""
        stamp = FormStamp.read(request.POST.get("stamp", ""))
        return challenge.solved(request.POST, stamp["t"] if stamp else "")

    def ask_challenge(self):
        """Show the form again with a fresh question (what was typed stays)."""
        stamp = FormStamp.read(self.data.get("stamp", ""))
        asked = challenge.ask(stamp["t"] if stamp else "")
        self.data = self.data.copy()
        self.data["challenge"], self.data["challenge_answer"] = asked.signed, ""
        self.fields["challenge_answer"].label = asked.question
        self["challenge_answer"].label = asked.question  # the bound field keeps its own copy
        self.challenge_question = asked.question

    def clean_mobile(self):
        mobile = normalise_mobile(self.cleaned_data["mobile"])
        if mobile and not MOBILE.match(mobile):
            raise ValidationError(_("手机号码应为 11 位数字，如 13912345678。"))
        return mobile

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()

    def clean(self):
        cleaned = super().clean()
        if (
            not cleaned.get("mobile")
            and not cleaned.get("email")
            and not (self.errors.get("mobile") or self.errors.get("email"))
        ):
            raise ValidationError(
                _("请至少填写手机号码或电子邮箱中的一项，以便确认和回复。"), code="no_contact"
            )
        if cleaned.get("website"):
            raise ValidationError(_("提交未成功，请稍后再试。"), code="honeypot")
        stamp = FormStamp.read(self.data.get("stamp", ""))
        if stamp is None:
            raise ValidationError(
                _("页面已过期，请检查内容后再次提交（您填写的内容已保留）。"), code="stale_form"
            )
        if time.time() - stamp["at"] < settings.VOICES_MIN_FILL_SECONDS:
            raise ValidationError(_("提交过快，请核对内容后再点击提交。"), code="too_fast")
        cleaned["form_token"] = stamp["t"]
        return cleaned

    @property
    def contact(self) -> str:
        return self.cleaned_data.get("email") or self.cleaned_data.get("mobile") or ""


class OpinionForm(ResidentForm):
    station = forms.ModelChoiceField(
        queryset=StationPage.objects.none(),
        label=gettext_lazy("联络站"),
        required=False,
        empty_label=gettext_lazy("请选择"),
        help_text=gettext_lazy("您居住或工作所在社区对应的联络站。"),
    )
    delegate = forms.ModelChoiceField(
        queryset=DelegatePage.objects.none(), required=False, widget=forms.HiddenInput
    )
    topic = forms.ModelChoiceField(
        queryset=OpinionTopic.objects.filter(active=True),
        label=gettext_lazy("意见类别"),
        empty_label=gettext_lazy("请选择"),
        error_messages={"required": gettext_lazy("请选择意见类别。")},
    )
    text = forms.CharField(
        label=gettext_lazy("意见内容"),
        min_length=10,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=gettext_lazy("请写清问题发生的地点、时间和您的建议，10 至 3000 字。"),
        error_messages={
            "required": gettext_lazy("请填写意见内容。"),
            "min_length": gettext_lazy("意见内容太短，请至少写 10 个字。"),
            "max_length": gettext_lazy("意见内容不能超过 3000 字（现有 %(show_value)d 字）。"),
        },
    )
    community = forms.CharField(label=gettext_lazy("所在社区（村）"), max_length=40, required=False)
    photo1 = PhotoField(label=gettext_lazy("照片一"), required=False)
    photo2 = PhotoField(label=gettext_lazy("照片二"), required=False)
    photo3 = PhotoField(label=gettext_lazy("照片三"), required=False)
    publish_consent = forms.BooleanField(
        label=gettext_lazy("同意在隐去个人信息后公开我的意见和答复"), required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Only what the public may see (home/visibility.py).
        self.fields["station"].queryset = StationPage.objects.visible().order_by("title")
        self.fields["delegate"].queryset = DelegatePage.objects.visible()

    def clean_text(self):
        return self.cleaned_data["text"].strip()

    def clean(self):
        cleaned = self.cleaned_data
        delegate = cleaned.get("delegate")
        if delegate is not None and cleaned.get("station") is None:
            # A letter to a delegate goes to the inbox of (the first of) their stations.
            membership = (
                StationMembership.objects.visible()
                .filter(delegate=delegate)
                .order_by("station__title")
                .first()
            )
            cleaned["station"] = membership.station if membership else None
        if cleaned.get("station") is None and delegate is None and not self.errors.get("station"):
            self.add_error("station", _("请选择联络站。"))
        return super().clean()

    @property
    def photos(self):
        return [self.cleaned_data[f] for f in PHOTO_FIELDS if self.cleaned_data.get(f)]


class SupplementForm(forms.Form):
    text = forms.CharField(
        label=gettext_lazy("补充内容"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": gettext_lazy("请填写补充内容。")},
    )


class RatingForm(forms.Form):
    rating = forms.ChoiceField(
        label=gettext_lazy("您对答复是否满意"),
        choices=Rating.choices,
        widget=forms.RadioSelect,
        error_messages={"required": gettext_lazy("请选择满意程度。")},
    )
    reopen = forms.BooleanField(
        label=gettext_lazy("不满意，申请重新办理（仅可申请一次）"), required=False
    )
    comment = forms.CharField(
        label=gettext_lazy("意见（选填）"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("reopen") and cleaned.get("rating") != Rating.DISSATISFIED:
            raise ValidationError(_("只有选择“不满意”时才能申请重新办理。"))
        return cleaned
