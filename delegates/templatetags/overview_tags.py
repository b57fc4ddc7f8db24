"""The rows of the transparency overview (五上墙公开情况一览), written in Python: some forty
stations a page, each with nine cells, and the template engine's cost per node made that loop
most of the page's time. The markup is that of the template loop it replaced; the cells of
each row are written here too (the star rating from delegates_tags)."""

from django import template
from django.utils import timezone
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from home.escaping import conditional_escape, escape

from ..choices import DisclosureStatus
from ..disclosures import TITLES
from .delegates_tags import stars

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
# One of the five status cells of a row, each linking to that disclosure on the station page,
# with its last update date.
_CELL = (
    '<td data-label="{title}"><a class="status status--{status}" href="{url}#disclosure-{key}"'
    ' title="{note}">{label}</a>{updated}</td>'
)


@register.simple_tag
def overview_rows(rows):
    """`rows` as StationIndexPage.overview builds them: (station, facts, url). What every row
    repeats (the five headings, the three status labels, a star rating) is translated and
    escaped once per table, not once per cell: the table has some two hundred cells. The
    pieces are plain strings (home.escaping, without django.utils.html's wrapper for lazy
    arguments; str.format calls a SafeString's __str__ for each of a thousand fields)."""
    if not rows:
        return SafeString(
            f'<tr><td colspan="9">{escape(_("没有符合条件的联络站。"))}</td></tr>\n        '
        )
    street_label = escape(_("街道乡镇"))
    stars_label = escape(_("星级"))
    next_label = escape(_("下一次接访"))
    none_yet = escape(_("暂无"))
    titles = {key: escape(title) for key, title in TITLES.items()}
    statuses = {status: (escape(status), escape(status.label)) for status in DisclosureStatus}
    zone = timezone.get_current_timezone()  # template_localtime's, looked up once
    star_cells = {}
    out = []
    for station, facts, url in rows:
        street = station.street
        when = facts.next_reception
        if when:
            when = timezone.localtime(when, zone)
            # dateformat's "c" and "n月j日 H:i", written out: two dates a row.
            next_cell = (
                f'<time datetime="{when.isoformat()}">'
                f"{when.month}月{when.day}日 {when.hour:02d}:{when.minute:02d}</time>"
            )
        else:
            next_cell = none_yet
        count = station.stars
        if count not in star_cells:
            star_cells[count] = str.__str__(stars(count))  # a plain copy of the safe markup
        href = conditional_escape(url)
        cells = []
        for d in facts.disclosures:
            status, label = statuses[d.status]
            cells.append(
                _CELL.format(
                    title=titles[d.key],
                    status=status,
                    url=href,
                    key=d.key,
                    note=conditional_escape(d.note),
                    label=label,
                    updated=f"<br><small>{d.updated.isoformat()}</small>" if d.updated else "",
                )
            )
        out.append(
            _ROW.format(
                url=href,
                title=conditional_escape(station.title),
                street_label=street_label,
                street=conditional_escape(street.name) if street is not None else "",
                stars_label=stars_label,
                stars=star_cells[count],
                cells="".join(cells),
                next_label=next_label,
                next=next_cell,
            )
        )
    return SafeString("".join(out))
