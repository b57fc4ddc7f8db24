from django import forms
from django.utils.translation import gettext_lazy as _

from .choices import CommentStatus
from .models import ConsultationPage, DraftArticle


class CommentFilterForm(forms.Form):
    consultation = forms.ModelChoiceField(
        queryset=ConsultationPage.objects.order_by("-opens_on", "-pk"),
        required=False,
        label=_("征求意见稿"),
        empty_label=_("全部"),
    )
    article = forms.ModelChoiceField(
        queryset=DraftArticle.objects.none(),
        required=False,
        label=_("条文"),
        empty_label=_("全部"),
    )
    whole = forms.BooleanField(required=False, label=_("只看针对草案整体的"))
    status = forms.ChoiceField(
        choices=[("", _("全部"))] + list(CommentStatus.choices),
        required=False,
        label=_("状态"),
    )

    def __init__(self, data=None):
        super().__init__(data)
        consultation = None
        if data is not None:
            consultation = ConsultationPage.objects.filter(
                pk=data.get("consultation") if str(data.get("consultation", "")).isdigit() else None
            ).first()
        if consultation is not None:
            self.fields["article"].queryset = consultation.articles.all()

    def filter(self, comments):
        if not self.is_valid():
            return comments
        data = self.cleaned_data
        if data["consultation"]:
            comments = comments.filter(consultation=data["consultation"])
        if data["article"]:
            comments = comments.filter(article=data["article"])
        if data["whole"]:
            comments = comments.filter(article__isnull=True)
        if data["status"]:
            comments = comments.filter(status=data["status"])
        return comments
