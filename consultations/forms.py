"""The resident's comment form: the site's resident form (voices.forms.ResidentForm: contact,
privacy notice, honeypot, signed stamp, the challenge question) with the name optional, the
article commented on (empty: the whole draft) and the comment."""

from django import forms
from django.utils.translation import gettext_lazy

from voices.forms import ResidentForm

from .models import DraftArticle

MIN_TEXT, MAX_TEXT = 5, 2000


class CommentForm(ResidentForm):
    article = forms.ModelChoiceField(
        queryset=DraftArticle.objects.none(),
        to_field_name="anchor",
        required=False,
        label=gettext_lazy("针对"),
        empty_label=gettext_lazy("草案整体"),
        error_messages={"invalid_choice": gettext_lazy("请选择草案中的条文，或选择“草案整体”。")},
    )
    text = forms.CharField(
        label=gettext_lazy("意见和建议"),
        min_length=MIN_TEXT,
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=gettext_lazy("可以写修改建议和理由，%(min)s 至 %(max)s 字。")
        % {"min": MIN_TEXT, "max": MAX_TEXT},
        error_messages={
            "required": gettext_lazy("请填写意见内容。"),
            "min_length": gettext_lazy("意见内容太短，请至少写 %(limit_value)d 个字。"),
            "max_length": gettext_lazy("意见内容不能超过 2000 字（现有 %(show_value)d 字）。"),
        },
    )

    def __init__(self, *args, consultation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["article"].queryset = consultation.articles.all()
        name = self.fields["name"]
        name.required = False
        name.label = gettext_lazy("姓名（选填）")
        name.help_text = gettext_lazy("公开时只显示姓氏，不填则显示“匿名”。")
        self.fields["email"].help_text = gettext_lazy(
            "填写电子邮箱的，请点击确认邮件中的链接，意见才会提交审核。"
        )

    def clean_text(self):
        return self.cleaned_data["text"].strip()
