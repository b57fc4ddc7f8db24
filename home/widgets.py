"""Form widgets of the public pages.

Django renders a <select> through its template, and every option through two more
(``select_option.html`` including ``attrs.html``): on the locator (a hundred and more
communities) and the directory filters that was a fifth of the page's CPU time. `FastSelect`
writes the very same HTML in Python (tests/home/test_widgets.py compares it with Django's)."""

from django import forms
from django.utils.safestring import mark_safe

from .escaping import conditional_escape, escape


def _attrs(attrs) -> str:
    """What django/forms/widgets/attrs.html writes (``stringformat:'s'`` makes every value a
    plain string: escaped even when it was marked safe)."""
    parts = []
    for name, value in attrs.items():
        if value is False:
            continue
        if value is True:
            parts.append(f" {conditional_escape(name)}")
        else:
            parts.append(f' {conditional_escape(name)}="{escape(value)}"')
    return "".join(parts)


class FastSelect(forms.Select):
    """A Select rendered in Python, byte for byte as Django's templates render it. A subclass
    that changes the templates is rendered by them."""

    def render(self, name, value, attrs=None, renderer=None):
        if (
            type(self).template_name != forms.Select.template_name
            or self.option_template_name != forms.Select.option_template_name
        ):
            return super().render(name, value, attrs, renderer)
        widget = self.get_context(name, value, attrs)["widget"]
        out = [f'<select name="{conditional_escape(widget["name"])}"{_attrs(widget["attrs"])}>']
        for group_name, group_choices, _index in widget["optgroups"]:
            if group_name:
                out.append(f'\n  <optgroup label="{conditional_escape(group_name)}">')
            for option in group_choices:
                out.append(
                    f'\n  <option value="{escape(option["value"])}"'
                    f"{_attrs(option['attrs'])}>{conditional_escape(option['label'])}</option>\n"
                )
            if group_name:
                out.append("\n  </optgroup>")
        out.append("\n</select>")
        # The template renderer strips what it renders.
        return mark_safe("".join(out).strip())  # noqa: S308 - every value is escaped above
