"""The cards of the delegate directory (代表名录), written in Python: two dozen cards a page,
and the template engine's cost per node made that loop a large part of the page's time. The
markup is that of the template loop it replaced."""

from django import template
from django.utils.html import escape
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from wagtail.images.models import Filter
from wagtail.images.shortcuts import get_rendition_or_not_found

from home.page_urls import page_url

register = template.Library()

_PHOTO = Filter(spec="fill-96x128")


def _card(delegate, stations, request, expired):
    if delegate.photo:
        avatar = get_rendition_or_not_found(delegate.photo, _PHOTO).img_tag(
            {"class": "delegate-card__photo"}
        )
    else:
        avatar = (
            '<span class="delegate-card__avatar" aria-hidden="true">'
            f"{escape(delegate.title[:1])}</span>"
        )
    unit = f"<p>{escape(delegate.unit_position)}</p>" if delegate.unit_position else ""
    group = escape(delegate.delegation_group.name) if delegate.delegation_group else ""
    stations = "".join(f" · {escape(title)}" for title in stations.get(delegate.pk, ()))
    return (
        '\n        <li class="delegate-card">\n'
        f"            {avatar}\n"
        "            <div>\n"
        f'                <h2><a href="{escape(page_url(delegate, request))}">'
        f"{escape(delegate.title)}</a></h2>\n"
        f'                <p class="delegate-card__levels">'
        f"{escape(delegate.level_labels or expired)}</p>\n"
        f"                {unit}\n"
        f'                <p class="delegate-card__meta">{group}{stations}</p>\n'
        "            </div>\n"
        "        </li>\n        "
    )


@register.simple_tag(takes_context=True)
def delegate_cards(context, delegates, stations):
    """One card per delegate of the directory's page, or the note that none matched;
    `stations`: {delegate pk: [titles of the stations the delegate sits in]}."""
    if not delegates:
        return SafeString(f"<li>{escape(_('没有符合条件的代表。'))}</li>\n        ")
    request = context.get("request")
    expired = _("已届满")
    return SafeString(
        "".join(_card(delegate, stations, request, expired) for delegate in delegates)
    )
