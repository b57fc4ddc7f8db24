"""The forms of the inbox's actions (voices/admin_views.py)."""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from delegates.models import DelegatePage

from .choices import Status, Verification
from .models import HandlingBody, OpinionTopic


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("不予受理的理由（来信人可见）"), widget=forms.Textarea(attrs={"rows": 3})
    )


class MergeForm(forms.Form):
    number = forms.CharField(label=_("合并到受理编号"), max_length=20)


class AssignForm(forms.Form):
    delegate = forms.ModelChoiceField(
        queryset=DelegatePage.objects.order_by("name_pinyin"), label=_("交办代表"), required=False
    )
    body = forms.ModelChoiceField(
        queryset=HandlingBody.objects.filter(active=True), label=_("承办单位"), required=False
    )
    due_date = forms.DateField(
        label=_("办理期限"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("留空则按工作日自动计算（节假日和调休已考虑）。"),
    )
    public_text = forms.CharField(
        label=_("公开说明（选填，来信人可见）"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("delegate") and not cleaned.get("body"):
            raise forms.ValidationError(_("请选择交办的代表或承办单位。"))
        return cleaned


class TextForm(forms.Form):
    text = forms.CharField(label=_("内容"), widget=forms.Textarea(attrs={"rows": 4}))


OVERDUE = "overdue"
DUE_SOON = "due_soon"


class InboxFilterForm(forms.Form):
    """The inbox's filters (GET), applied by `filter` to the user's opinions — the same list
    the XLSX export writes. 待确认 e-mail senders (unconfirmed, possibly robots) are hidden
    unless asked for; phone senders waiting for the liaison's call are always listed."""

    q = forms.CharField(label=_("搜索"), required=False, max_length=100)
    status = forms.ChoiceField(label=_("状态"), required=False)
    station = forms.ModelChoiceField(queryset=None, label=_("联络站"), required=False)
    body = forms.ModelChoiceField(
        queryset=HandlingBody.objects.all(), label=_("承办单位"), required=False
    )
    topic = forms.ModelChoiceField(
        queryset=OpinionTopic.objects.all(), label=_("类别"), required=False
    )
    due_from = forms.DateField(
        label=_("办理期限自"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    due_to = forms.DateField(
        label=_("至"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    pending = forms.BooleanField(label=_("显示待确认的邮件来信"), required=False)

    def __init__(self, data, stations):
        super().__init__(data)
        self.fields["station"].queryset = stations
        self.fields["status"].choices = [
            ("", _("全部")),
            (OVERDUE, _("已超期")),
            (DUE_SOON, _("即将到期")),
            *Status.choices,
        ]

    def filter(self, opinions):
        """`opinions` narrowed by the valid filters (invalid ones are ignored)."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        status = data.get("status")
        if status == OVERDUE:
            opinions = opinions.overdue()
        elif status == DUE_SOON:
            opinions = opinions.due_soon()
        elif status:
            opinions = opinions.filter(status=status)
        if not data.get("pending") and status != Status.PENDING:
            opinions = opinions.exclude(status=Status.PENDING, verification=Verification.EMAIL)
        for field in ("station", "topic"):
            if data.get(field):
                opinions = opinions.filter(**{field: data[field]})
        if data.get("body"):
            opinions = opinions.filter(handling_body=data["body"])
        if data.get("due_from"):
            opinions = opinions.filter(due_date__gte=data["due_from"])
        if data.get("due_to"):
            opinions = opinions.filter(due_date__lte=data["due_to"])
        query = (data.get("q") or "").strip()
        if query:
            opinions = opinions.filter(
                Q(number__icontains=query)
                | Q(text__icontains=query)
                | Q(community__icontains=query)
            )
        return opinions


class PublishForm(forms.Form):
    summary = forms.CharField(
        label=_("公开摘要"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "公众在“群众意见答复”中看到的意见内容。请删去涉及他人姓名、门牌号、电话等个人信息；"
            "来信人姓名只显示姓氏，联系方式从不公开。"
        ),
    )
