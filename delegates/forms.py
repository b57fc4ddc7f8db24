"""Public GET forms: the directory filters, the reception filters and the locator."""

from django import forms
from django.utils.translation import gettext_lazy as _

from home.widgets import FastSelect

from .choices import Level

ALL = _("全部")


def _blank(label=ALL):
    return [("", label)]


class DirectoryFilterForm(forms.Form):
    q = forms.CharField(label=_("姓名"), required=False, max_length=20)
    level = forms.ChoiceField(label=_("代表层级"), required=False, widget=FastSelect)
    street = forms.TypedChoiceField(
        label=_("街道乡镇"), required=False, coerce=int, widget=FastSelect
    )
    group = forms.TypedChoiceField(label=_("代表团"), required=False, coerce=int, widget=FastSelect)
    station = forms.TypedChoiceField(
        label=_("联络站"), required=False, coerce=int, widget=FastSelect
    )

    def __init__(self, *args, streets=(), groups=(), stations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["level"].choices = _blank() + list(Level.choices)
        self.fields["street"].choices = _blank() + [(s.pk, s.name) for s in streets]
        self.fields["group"].choices = _blank() + [(g.pk, g.name) for g in groups]
        self.fields["station"].choices = _blank() + [(pk, title) for pk, title in stations]


class ReceptionFilterForm(forms.Form):
    street = forms.TypedChoiceField(
        label=_("街道乡镇"), required=False, coerce=int, widget=FastSelect
    )
    station = forms.TypedChoiceField(
        label=_("联络站"), required=False, coerce=int, widget=FastSelect
    )
    delegate = forms.CharField(label=_("代表姓名"), required=False, max_length=20)

    def __init__(self, *args, streets=(), stations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["street"].choices = _blank() + [(s.pk, s.name) for s in streets]
        self.fields["station"].choices = _blank() + [(pk, title) for pk, title in stations]


class LocatorForm(forms.Form):
    """Either a point (from the browser's geolocation), a community, a street, or a name."""

    community = forms.TypedChoiceField(
        label=_("选择您所在的社区（村）"), required=False, coerce=int, widget=FastSelect
    )
    street = forms.TypedChoiceField(
        label=_("或选择街道乡镇"), required=False, coerce=int, widget=FastSelect
    )
    q = forms.CharField(label=_("或输入社区（村）名称"), required=False, max_length=30)
    lat = forms.FloatField(required=False, widget=forms.HiddenInput, min_value=-90, max_value=90)
    lng = forms.FloatField(required=False, widget=forms.HiddenInput, min_value=-180, max_value=180)

    def __init__(self, *args, communities=(), streets=(), **kwargs):
        super().__init__(*args, **kwargs)
        grouped = {}
        for community in communities:
            grouped.setdefault(community.station.street.name, []).append(
                (community.pk, community.name)
            )
        self.fields["community"].choices = _blank(_("请选择")) + list(grouped.items())
        self.fields["street"].choices = _blank(_("请选择")) + [(s.pk, s.name) for s in streets]

    def clean(self):
        data = super().clean()
        if (data.get("lat") is None) != (data.get("lng") is None):
            raise forms.ValidationError(_("定位信息不完整，请重新定位或选择社区。"))
        return data
