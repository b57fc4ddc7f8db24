"""The booking form: the resident's form of the site (voices.forms.ResidentForm: name, a
contact, the privacy notice, honeypot and signed stamp) plus what the station plans with."""

from django import forms
from django.utils.translation import gettext_lazy

from voices.forms import ResidentForm

from .models import MAX_PEOPLE


class AppointmentForm(ResidentForm):
    people = forms.TypedChoiceField(
        label=gettext_lazy("来访人数"),
        choices=[(n, n) for n in range(1, MAX_PEOPLE + 1)],
        coerce=int,
        initial=1,
        help_text=gettext_lazy("包括您本人，最多 %(n)s 人。") % {"n": MAX_PEOPLE},
        error_messages={
            "invalid_choice": gettext_lazy("来访人数为 1 至 %(n)s 人。") % {"n": MAX_PEOPLE},
        },
    )
    topic = forms.CharField(
        label=gettext_lazy("想反映的问题"),
        max_length=200,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("简要说明，便于代表提前了解情况，200 字以内。"),
        error_messages={
            "required": gettext_lazy("请简要填写想反映的问题。"),
            "max_length": gettext_lazy("请把问题写在 200 字以内（现有 %(show_value)d 字）。"),
        },
    )

    def clean_topic(self):
        return self.cleaned_data["topic"].strip()
