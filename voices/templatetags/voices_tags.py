from django import template
from django.template.defaultfilters import floatformat
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from ..figures import figures_for, station_figures

register = template.Library()

# The station page's 网上联络站 section and the write link are written here rather than
# included: the station page is served uncached after every publish, and these two templates
# cost it more than the queries behind them.


@register.simple_tag
def voices_write_link(station=None, delegate=None):
    """The link to write to `delegate` (给这位代表写信) or else to `station`."""
    if delegate:
        return format_html(
            '<a class="voices-write-link" href="{}?delegate={}">{}</a>\n',
            reverse("voices:write"),
            delegate.pk,
            _("给这位代表写信"),
        )
    return format_html(
        '<a class="voices-write-link" href="{}?station={}">{}</a>\n',
        reverse("voices:write"),
        station.pk,
        _("网上联络站：给联络站写信"),
    )


@register.simple_tag
def voices_station_figures(station):
    """A station's 网上联络站办理情况 (voices.figures) with its write link."""
    figures = station_figures(station)
    if figures.received:
        optional = ["", "", ""]
        if figures.median_days_to_answer is not None:
            optional[0] = format_html(
                "<dt>{}</dt><dd>{}</dd>",
                _("首次答复用时（中位数）"),
                _("%(days)s 个工作日") % {"days": floatformat(figures.median_days_to_answer, "-1")},
            )
        if figures.satisfied_share is not None:
            optional[1] = format_html(
                "<dt>{}</dt><dd>{}%</dd>",
                _("满意率（含基本满意）"),
                str(round((float(figures.satisfied_share) / 1.0) * 100)),  # widthratio … 1 100
            )
        if figures.answered:
            optional[2] = format_html(
                '<p><a href="{}?station={}">{}</a></p>',
                reverse("voices:answers"),
                station.pk,
                _("查看本站公开的意见答复"),
            )
        body = format_html(
            '\n    <p class="voices-figures__date">{}</p>\n'
            '    <dl class="facts">\n'
            "        <dt>{}</dt><dd>{}</dd>\n"
            "        <dt>{}</dt><dd>{}</dd>\n"
            "        <dt>{}</dt><dd>{}</dd>\n"
            "        {}\n"
            "        {}\n"
            "        <dt>{}</dt><dd>{}</dd>\n"
            "    </dl>\n"
            "    {}\n    ",
            _("截至 %(date)s") % {"date": date_format(figures.as_of, "Y年n月j日")},
            _("收到意见"),
            figures.received,
            _("已受理"),
            figures.accepted,
            _("已答复"),
            figures.answered,
            optional[0],
            optional[1],
            _("当前超期"),
            figures.overdue,
            optional[2],
        )
    else:
        body = format_html("<p>{}</p>", _("暂无通过网上联络站提交的意见。"))
    return format_html(
        '<section class="voices-figures" aria-labelledby="voices-figures-title">\n'
        '    <h2 id="voices-figures-title">{}</h2>\n'
        "    {}\n"
        "    <p>{}</p>\n"
        "</section>\n",
        _("网上联络站办理情况"),
        body,
        voices_write_link(station=station),
    )


@register.inclusion_tag("voices/includes/overview_figures.html")
def voices_overview_figures(rows):
    """The 网上联络站 figures of the stations on a page of the transparency overview
    (`rows` as the overview builds them: (station, facts, url)), in a constant number of
    queries."""
    stations = [(station, url) for station, _facts, url in rows]
    figures = figures_for([station for station, _url in stations])
    return {
        "rows": [(station, url, figures[station.pk]) for station, url in stations],
        "as_of": next(iter(figures.values())).as_of if figures else None,
    }


@register.simple_tag
def voices_overview_rows(rows):
    """The rows of that table (`rows` as voices_overview_figures gives them), written here:
    the template's loop over every station of the page cost the overview more than its
    queries. The markup is that of the loop it replaced."""
    received, accepted, answered, days_label, satisfied, overdue = (
        escape(_(label))
        for label in (
            "收到意见",
            "已受理",
            "已答复",
            "首次答复用时（中位数）",
            "满意率（含基本满意）",
            "当前超期",
        )
    )
    out = []
    for station, url, figures in rows:
        days = figures.median_days_to_answer
        share = figures.satisfied_share
        days_text = (
            "—"
            if days is None
            else escape(_("%(days)s 个工作日") % {"days": floatformat(days, "-1")})
        )
        share_text = "—" if share is None else f"{round(float(share) * 100.0)}%"
        out.append(
            "\n        <tr>\n"
            f'            <th scope="row"><a href="{escape(url)}">'
            f"{escape(station.title)}</a></th>\n"
            f'            <td data-label="{received}">{figures.received}</td>\n'
            f'            <td data-label="{accepted}">{figures.accepted}</td>\n'
            f'            <td data-label="{answered}">{figures.answered}</td>\n'
            f'            <td data-label="{days_label}">{days_text}</td>\n'
            f'            <td data-label="{satisfied}">{share_text}</td>\n'
            f'            <td data-label="{overdue}">{figures.overdue}</td>\n'
            "        </tr>\n        "
        )
    return SafeString("".join(out))
