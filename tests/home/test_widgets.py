"""home.widgets.FastSelect writes exactly the HTML Django's Select templates write."""

import pytest
from django import forms
from django.utils.safestring import mark_safe

from home.widgets import FastSelect

CHOICES = [
    ("", "全部"),
    (1, "城关街道"),
    (2, 'A & B <"街道">'),
    ("x'y", mark_safe("<b>已转义</b>")),
]
GROUPED = [
    ("", "请选择"),
    ("城关街道", [(10, "东门社区"), (11, "西门 & 南门")]),
    ('新区 <"镇">', [(12, "新园村")]),
]


def both(choices, name, value, attrs=None, **widget_attrs):
    django = forms.Select(attrs=widget_attrs, choices=choices).render(name, value, attrs)
    fast = FastSelect(attrs=widget_attrs, choices=choices).render(name, value, attrs)
    return django, fast


@pytest.mark.parametrize(
    "choices,value",
    [(CHOICES, None), (CHOICES, 2), (CHOICES, "x'y"), (GROUPED, 11), (GROUPED, ""), ([], None)],
)
def test_same_html_as_djangos_templates(choices, value):
    django, fast = both(choices, "street", value, {"id": "id_street"})
    assert fast == django
    assert str(fast).count("<option") == str(django).count("<option")


def test_same_html_with_boolean_and_escaped_attributes():
    django, fast = both(
        GROUPED, 'na"me', 12, {"id": "id_x", "required": True, "disabled": False}, title='a"b'
    )
    assert fast == django
    assert " required" in fast and "disabled" not in fast


def test_a_form_field_renders_the_same(rf):
    class Plain(forms.Form):
        street = forms.TypedChoiceField(choices=CHOICES, required=False, coerce=int)

    class Fast(forms.Form):
        street = forms.TypedChoiceField(
            choices=CHOICES, required=False, coerce=int, widget=FastSelect
        )

    for data in ({}, {"street": "2"}, {"street": "nonsense"}):
        assert str(Fast(data)["street"]) == str(Plain(data)["street"])
