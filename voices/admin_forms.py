"""The forms of the inbox's actions (voices/admin_views.py)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from delegates.models import DelegatePage

from .models import HandlingBody


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
