from django import template
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _

register = template.Library()


@register.simple_tag
def stars(count, total=5):
    """★★★☆☆ with a text equivalent for screen readers."""
    if not count:
        return format_html('<span class="stars stars--none">{}</span>', _("未评星"))
    count = int(count)
    return format_html(
        '<span class="stars" role="img" aria-label="{}">{}'
        '<span class="stars__off">{}</span></span>',
        _("%(n)s星级") % {"n": count},
        "★" * count,
        "☆" * (total - count),
    )


@register.filter
def distance(metres):
    if metres is None:
        return ""
    if metres < 1000:
        return _("%(m)s 米") % {"m": int(round(metres / 10.0) * 10)}
    return _("%(km)s 公里") % {"km": f"{metres / 1000:.1f}"}


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if mapping else None


@register.simple_tag
def disclosure_cells(facts, station_url):
    """The overview's five status cells of one station, each linking to that disclosure on the
    station page, with its last update date (one tag per row: the table has hundreds of cells)."""
    return format_html_join(
        "",
        '<td data-label="{}"><a class="status status--{}" href="{}#disclosure-{}" title="{}">'
        "{}</a>{}</td>",
        (
            (
                d.title,
                d.status,
                station_url,
                d.key,
                d.note,
                d.status_label,
                format_html("<br><small>{}</small>", d.updated.isoformat()) if d.updated else "",
            )
            for d in facts.disclosures
        ),
    )
