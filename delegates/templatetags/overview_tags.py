"""The rows of the transparency overview (五上墙公开情况一览), written in Python: some forty
stations a page, each with nine cells, and the template engine's cost per node made that loop
most of the page's time. The markup is that of the template loop it replaced; the cells of
each row come from delegates_tags (stars, disclosure_cells) as before."""

from django import template
from django.utils import dateformat
from django.utils.html import escape
from django.utils.safestring import SafeString
from django.utils.timezone import template_localtime
from django.utils.translation import gettext as _

from .delegates_tags import disclosure_cells, stars

register = template.Library()

_ROW = (
    "\n        <tr>\n"
    '            <th scope="row"><a href="{url}">{title}</a></th>\n'
    '            <td data-label="{street_label}">{street}</td>\n'
    '            <td data-label="{stars_label}">{stars}</td>\n'
    "            {cells}\n"
    '            <td data-label="{next_label}">{next}</td>\n'
    "        </tr>\n        "
)


@register.simple_tag
def overview_rows(rows):
    """`rows` as StationIndexPage.overview builds them: (station, facts, url)."""
    if not rows:
        return SafeString(
            f'<tr><td colspan="9">{escape(_("没有符合条件的联络站。"))}</td></tr>\n        '
        )
    street_label = escape(_("街道乡镇"))
    stars_label = escape(_("星级"))
    next_label = escape(_("下一次接访"))
    none_yet = escape(_("暂无"))
    out = []
    for station, facts, url in rows:
        street = station.street
        when = facts.next_reception
        if when:
            when = template_localtime(when)
            next_cell = (
                f'<time datetime="{escape(dateformat.format(when, "c"))}">'
                f"{escape(dateformat.format(when, 'n月j日 H:i'))}</time>"
            )
        else:
            next_cell = none_yet
        out.append(
            _ROW.format(
                url=escape(url),
                title=escape(station.title),
                street_label=street_label,
                street=escape(street.name) if street is not None else "",
                stars_label=stars_label,
                stars=stars(station.stars),
                cells=disclosure_cells(facts, url),
                next_label=next_label,
                next=next_cell,
            )
        )
    return SafeString("".join(out))
