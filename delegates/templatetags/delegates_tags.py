import functools
import html

from django import template
from django.conf import settings
from django.template.defaultfilters import floatformat, linebreaksbr
from django.templatetags.static import static
from django.urls import reverse
from django.utils import dateformat, timezone
from django.utils.dates import WEEKDAYS
from django.utils.formats import date_format, get_format
from django.utils.html import json_script
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from wagtail.images.models import Filter
from wagtail.images.shortcuts import get_rendition_or_not_found

from home.escaping import conditional_escape as _escape
from home.page_urls import page_url
from home.templatetags.portal_tags import ancestor_crumbs

from ..choices import RecordKind, StationRole, label_of

register = template.Library()


@register.simple_tag
def stars(count, total=5):
    """★★★☆☆ with a text equivalent for screen readers."""
    if not count:
        return _html('<span class="stars stars--none">{}</span>', _("未评星"))
    count = int(count)
    return _html(
        '<span class="stars" role="img" aria-label="{}">{}'
        '<span class="stars__off">{}</span></span>',
        _("%(n)s星级") % {"n": count},
        "★" * count,
        "☆" * (total - count),
    )


@register.simple_tag(takes_context=True)
def subpage_breadcrumbs(context):
    """当前位置 of the station index's own pages (overview, locator, …): the index's ancestors
    below the tree root, the index, then the subpage's title. The ancestors are those routing
    read for this request (home.routing), not read again; the markup is that of the template
    include it replaced."""
    page = context["page"]
    request = context.get("request")
    items = ancestor_crumbs(page, request)
    return SafeString(
        '\n<nav class="breadcrumbs container" aria-label="{}">\n    <ol>\n        {}\n'
        '        <li><a href="{}">{}</a></li>\n'
        '        <li><span aria-current="page">{}</span></li>\n    </ol>\n</nav>\n'.format(
            _escape(_("当前位置")),
            items,
            _escape(page_url(page, request)),
            _escape(page.title),
            _escape(context.get("subpage_title", "")),
        )
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


# The station map (delegates/maps.py), written by tags: the station page calls them directly,
# the list and locator pages through the includes map.html and map_assets.html.


def _shows_map(map_data):
    """Whether there is a map to show: `map_data` (maps.map_points; absent on a page without
    results) enabled and with points."""
    try:
        return bool(map_data["config"]["enabled"] and map_data["points"])
    except (KeyError, TypeError):
        return False


@register.simple_tag
def station_map(map_data, map_id=None):
    """The map figure and its marker data, when the map is enabled and has points (after
    the list that carries the same information, so that screen readers and browsers without
    JavaScript meet the list first; shown by static/js/station-map.js)."""
    if not _shows_map(map_data):
        return SafeString("\n")
    map_id = map_id or "map-data"
    plain = not map_data["config"].get("tileUrl")
    note = _("底图未配置：仅显示联络站位置")
    return _html(
        "\n\n"
        '<figure class="station-map-figure print-hidden" data-station-map-figure hidden>\n'
        "    {}\n"
        '    <div class="station-map{}" data-station-map="{}" role="region" aria-label="{}">'
        "</div>\n"
        "</figure>\n"
        "{}\n",
        _html('<figcaption class="station-map__note">{}</figcaption>', note) if plain else "",
        " station-map--plain" if plain else "",
        map_id,
        _("联络站位置地图（与本页列表内容相同）"),
        json_script(map_data, map_id),
    )


_MAP_ASSETS = (
    ('<link rel="stylesheet" href="{}">\n', "vendor/leaflet/leaflet.css"),
    ('<link rel="stylesheet" href="{}">\n', "vendor/leaflet.markercluster/MarkerCluster.css"),
    ('<script src="{}" defer></script>\n', "vendor/leaflet/leaflet.js"),
    ('<script src="{}" defer></script>\n', "vendor/leaflet.markercluster/leaflet.markercluster.js"),
    ('<script src="{}" defer></script>\n', "js/station-map.js"),
)


@register.simple_tag
def map_assets(map_data):
    """The map's style sheets and scripts, when station_map shows a map."""
    if not _shows_map(map_data):
        return ""
    return _map_assets_html(settings.STATIC_URL)


@functools.cache
def _map_assets_html(static_url):
    """The assets' markup, written once per process (and static URL): static() looks each
    file's hashed name up in the manifest at every call."""
    return SafeString("\n" + "".join(_html(markup, static(path)) for markup, path in _MAP_ASSETS))


# Rows of the station and delegate pages, written here rather than included per row: a station
# page lists up to thirty sessions and its members, and the template engine's cost per node
# made these loops most of the page's time. The markup is that of the templates they replaced.


def _html(format_string, *args):
    """format_html for the rows below (the same escaping, a fraction of the cost)."""
    return SafeString(format_string.format(*map(_escape, args)))


def _html_join(sep, format_string, args_generator):
    return SafeString(sep.join(_html(format_string, *args) for args in args_generator))


# What date_format(value, format) writes, for the few format codes of these rows, compiled once
# per language and format (date_format parses its format and looks up the language's formats
# at every call: some twenty dates a station page). Another code, or an escaped character, is
# left to date_format itself.
_DATE_CODES = {
    "Y": lambda value, weekdays: f"{value.year:04d}",
    "n": lambda value, weekdays: str(value.month),
    "m": lambda value, weekdays: f"{value.month:02d}",
    "j": lambda value, weekdays: str(value.day),
    "d": lambda value, weekdays: f"{value.day:02d}",
    "l": lambda value, weekdays: weekdays[value.weekday()],
}
_DATE_FORMATS = {}


def _compile_date_format(format_string):
    """The format as a list of literal strings and code functions, or None when it holds
    something date_format should handle."""
    parts = []
    for char in format_string:
        if char in _DATE_CODES:
            parts.append(_DATE_CODES[char])
        elif char == "\\" or hasattr(dateformat.DateFormat, char):
            return None
        elif parts and parts[-1].__class__ is str:
            parts[-1] += char
        else:
            parts.append(char)
    return parts


def _date(value, format_name):
    """date_format(value, format_name) (a date, or a datetime already in local time)."""
    key = (get_language(), format_name)
    try:
        parts, weekdays = _DATE_FORMATS[key]
    except KeyError:
        parts = _compile_date_format(get_format(format_name))
        weekdays = [str(WEEKDAYS[day]) for day in range(7)]
        _DATE_FORMATS[key] = (parts, weekdays)
    if parts is None:
        return date_format(value, format_name)
    return "".join(part if part.__class__ is str else part(value, weekdays) for part in parts)


def _label_text():
    """str() of a lazy label, translated once per tag call however many rows repeat it (each
    str() of a lazy string translates it again)."""
    texts = {}

    def text(label):
        try:
            return texts[id(label)][1]
        except KeyError:
            texts[id(label)] = (label, str(label))  # the label kept: its id stays its own
            return texts[id(label)][1]

    return text


SESSION = (
    '\n<li class="session" id="reception-{}">\n'
    '    <p class="session__when"><time datetime="{}">{} {} {}</time>'
    '—<time datetime="{}">{}</time>\n'
    "    {}</p>\n"
    '    <dl class="session__facts">\n'
    "        <dt>{}</dt><dd>{}</dd>\n"
    "        {}\n"
    "        <dt>{}</dt><dd>{}</dd>\n"
    "        <dt>{}</dt><dd>{} {}</dd>\n"
    "        {}\n"
    "        {}\n"
    "        {}\n"
    "    </dl>\n"
    "    {}\n"
    "</li>\n"
)


@register.simple_tag(takes_context=True)
def session_items(context, sessions, booking=False, show_station=False):
    """The <li> of each reception session (接访) in `sessions`: when, where, who is on duty,
    the results once it took place and, with `booking`, the places left for 约访 (sessions
    annotated with `places_taken`). `show_station` links the session's station."""
    request = context.get("request")
    labels = {
        "place": _("地点"),
        "topic": _("主题"),
        "on_duty": _("接访代表"),
        "undecided": _("待定"),
        "liaison": _("联络员"),
        "received": _("接待群众"),
        "people": _("人次"),
        "issues": _("反映问题"),
        "handling": _("办理情况"),
    }
    return SafeString(
        "".join(
            _session(s, request, labels, booking, show_station, timezone.get_current_timezone())
            for s in sessions
        )
    )


def _session(session, request, labels, booking, show_station, zone):
    start = session.start.astimezone(zone)  # timezone.localtime, the zone looked up once
    end = session.end.astimezone(zone)
    on_duty = [
        _html('<a href="{}">{}</a>', page_url(delegate, request), delegate.title)
        for delegate in _on_duty(session)
    ]
    phone = session.display_phone
    return _html(
        SESSION,
        session.pk,
        start.isoformat(),
        _date(start, "DATE_FORMAT"),
        _date(start, "l"),
        _hour_minute(start),
        end.isoformat(),
        _hour_minute(end),
        _html('· <a href="{}">{}</a>', page_url(session.station, request), session.station.title)
        if show_station
        else "",
        labels["place"],
        session.display_place,
        _html("<dt>{}</dt><dd>{}</dd>", labels["topic"], session.topic) if session.topic else "",
        labels["on_duty"],
        SafeString("、".join(on_duty)) if on_duty else labels["undecided"],
        labels["liaison"],
        session.display_liaison,
        _html('<a href="tel:{}">{}</a>', phone, phone) if phone else "",
        _html(
            "<dt>{}</dt><dd>{} {}</dd>",
            labels["received"],
            session.people_received,
            labels["people"],
        )
        if session.people_received is not None
        else "",
        _html("<dt>{}</dt><dd>{}</dd>", labels["issues"], _linebreaksbr(session.issues_raised))
        if session.issues_raised
        else "",
        _html("<dt>{}</dt><dd>{}</dd>", labels["handling"], _linebreaksbr(session.handling))
        if session.handling
        else "",
        _places(session, start) if booking and session.is_bookable else "",
    )


def _on_duty(session):
    """session.delegates.all(): the rows attach_duty_roster left, read without building the
    many-to-many manager modelcluster makes at every access (unless a preview holds the
    session's own rows in memory)."""
    if "delegates" not in getattr(session, "_cluster_related_objects", ()):
        try:
            return session._prefetched_objects_cache["delegates"]
        except (AttributeError, KeyError):
            pass
    return session.delegates.all()


def _linebreaksbr(value):
    """The linebreaksbr filter, a plain string without its lazy-argument wrappers."""
    if value.__class__ is not str:
        return linebreaksbr(value)
    if "\r" in value:
        value = value.replace("\r\n", "\n").replace("\r", "\n")  # normalize_newlines
    return SafeString(html.escape(value).replace("\n", "<br>"))


def _hour_minute(value):
    """time_format(value, "H:i") without the format machinery (four per session)."""
    return f"{value.hour:02d}:{value.minute:02d}"


def _places(session, start):
    """约访: the places left and the booking link, or 已约满."""
    left = session.places_left
    if not left:
        return _html('<p class="session__booking"><strong>{}</strong></p>\n', _("已约满"))
    return _html(
        '<p class="session__booking">{} <a href="{}">{}<span class="visually-hidden">{}{}</span>'
        "</a></p>\n",
        ngettext("可预约，余 %(n)s 个名额", "可预约，余 %(n)s 个名额", left) % {"n": left},
        reverse("appointments:book", args=[session.pk]),
        _("预约"),
        _date(start, "n月j日"),
        _("接访"),
    )


@register.simple_tag
def disclosure_heading(d):
    """The heading of one of a station's five disclosures (五上墙): number, title, status, last
    update and, when it is flagged, why."""
    if d.updated:
        updated = _html(
            '<span>{} <time datetime="{}">{}</time></span>',
            _("更新于"),
            _date(d.updated, "Y-m-d"),
            _date(d.updated, "DATE_FORMAT"),
        )
    else:
        updated = _html("<span>{}</span>", _("暂无更新记录"))
    return _html(
        '\n<header class="disclosure__header">\n'
        '    <h2 id="disclosure-{}"><span class="disclosure__number">{}</span>{}</h2>\n'
        '    <p class="disclosure__meta">\n'
        '        <span class="status status--{}">{}</span>\n'
        "        {}\n"
        "    </p>\n"
        "    {}\n"
        "</header>\n",
        d.key,
        d.number,
        d.title,
        d.status,
        d.status_label,
        updated,
        _html('<p class="disclosure__flag" role="note">{}</p>', d.note)
        if d.flagged and d.note
        else "",
    )


@register.simple_tag
def disclosure_toc_items(facts):
    """The station page's table of contents: a link to each disclosure with its status."""
    return _html_join(
        "",
        '\n            <li><a href="#disclosure-{}">{}</a> '
        '<span class="status status--{}">{}</span></li>\n            ',
        ((d.key, d.title, d.status, d.status_label) for d in facts.disclosures),
    )


@register.simple_tag(takes_context=True)
def member_rows(context, memberships, station):
    """The rows of a station's member table (代表名录); a member without a phone of their own
    is reached through the station's contact phone."""
    request = context.get("request")
    labels = (_("站内职务"), _("代表层级"), _("单位及职务"), _("联系方式"))
    rows = []
    for m in memberships:
        delegate = m.delegate
        phone = delegate.contact_phone or station.contact_phone
        rows.append(
            _html(
                "\n            <tr>\n"
                '                <th scope="row"><a href="{}">{}</a></th>\n'
                '                <td data-label="{}">{}</td>\n'
                '                <td data-label="{}">{}</td>\n'
                '                <td data-label="{}">{}</td>\n'
                '                <td data-label="{}">{}</td>\n'
                "            </tr>\n            ",
                page_url(delegate, request),
                delegate.title,
                labels[0],
                label_of(StationRole, m.role),
                labels[1],
                delegate.level_labels or "—",
                labels[2],
                delegate.unit_position or "—",
                labels[3],
                _html('<a href="tel:{}">{}</a>', phone, phone) if phone else "—",
            )
        )
    return mark_safe("".join(rows))


@register.simple_tag(takes_context=True)
def performance_rows(context, performance):
    """The rows of a station's performance table: per member, the count of each kind of
    record this year and the points (`performance`: (delegate, points.Score) pairs)."""
    request = context.get("request")
    points_label = _("积分")
    text = _label_text()
    return mark_safe(
        "".join(
            _html(
                '\n            <tr><th scope="row"><a href="{}">{}</a></th>{}'
                '<td data-label="{}"><strong>{}</strong></td></tr>\n            ',
                page_url(delegate, request),
                delegate.title,
                _html_join(
                    "",
                    '<td data-label="{}">{}</td>',
                    ((text(item.label), item.count) for item in score.breakdown),
                ),
                points_label,
                floatformat(score.total, "-1"),
            )
            for delegate, score in performance
        )
    )


@register.simple_tag
def station_facts(station, head, communities):
    """The station's facts at the top of its page: address, opening hours, phones, head,
    liaison and the communities it covers (those it has)."""
    facts = [_html("<dt>{}</dt><dd>{}</dd>", _("地址"), station.address)]
    contact_phone = station.contact_phone
    for label, value, phone in (
        (_("开放时间"), station.opening_hours, False),
        (_("联系电话"), contact_phone, True),
        (_("站点电话"), station.phone, True),
        (_("站长"), head, False),
        (_("联络员"), station.liaison_name, False),
        (_("联络员电话"), station.liaison_phone, True),
    ):
        if not value:
            facts.append("")
        elif phone:
            facts.append(_html('<dt>{}</dt><dd><a href="tel:{}">{}</a></dd>', label, value, value))
        else:
            facts.append(_html("<dt>{}</dt><dd>{}</dd>", label, value))
    if communities:
        names = "、".join(_escape(c.name) for c in communities)
        facts.append(_html("<dt>{}</dt><dd>{}</dd>", _("覆盖社区（村）"), SafeString(names)))
    else:
        facts.append("")
    return SafeString("\n            ".join(facts))


@register.simple_tag
def record_kind_headers(record_kinds):
    """The column headers of the performance table: one per kind of record."""
    text = _label_text()
    return _html_join(
        "", '<th scope="col">{}</th>', ((text(label),) for _kind, label in record_kinds)
    )


@register.simple_tag
def six_haves_items(station):
    """The items of the station's “六有” checklist: each standard, met or not."""
    met_text, unmet_text = _("已达标"), _("未达标")
    return _html_join(
        "",
        '\n            <li class="checklist__item checklist__item--{}">{}：{}</li>\n            ',
        (
            ("yes", label, met_text) if met else ("no", label, unmet_text)
            for label, met in station.six_haves
        ),
    )


@register.simple_tag
def rule_document_items(rule_documents):
    """The station's rule documents (制度上墙): a link to each file, with its type."""
    return _html_join(
        "",
        '<li><a href="{}">{}</a> <span class="attachments__type">（{}）</span></li>',
        (
            (doc.document.url, doc.display_title, doc.document.file_extension.upper())
            for doc in rule_documents
        ),
    )


_FILTERS = {}


@register.simple_tag
def photo_figures(photos, spec):
    """A <figure> for each station photo: the image in `spec` (as {% image %} writes it) and
    its caption. The renditions come prefetched (attach_renditions): one found there is used
    as it is, without the cache write of Image.get_rendition at every use."""
    figures = []
    for photo in photos:
        image = photo.image
        if not image:
            rendered = ""
        else:
            try:
                filter = _FILTERS[spec]
            except KeyError:  # parsed once per process: its operations are read per image
                filter = _FILTERS[spec] = Filter(spec=spec)
            try:
                rendition = image.find_existing_rendition(filter)
            except image.get_rendition_model().DoesNotExist:
                rendition = get_rendition_or_not_found(image, filter)
            rendered = rendition.img_tag({})
        figures.append(
            _html(
                "<figure>{}{}</figure>",
                rendered,
                _html("<figcaption>{}</figcaption>", photo.caption) if photo.caption else "",
            )
        )
    return SafeString("".join(figures))


@register.simple_tag
def star_history_rows(assessments):
    """The rows of a station's star ratings, newest first, each with its change from the one
    before (`StationPage.star_history`)."""
    labels = (_("星级"), _("变化"), _("评定理由"))
    rows = []
    for index, a in enumerate(assessments):
        if a.change > 0:
            change = _html(
                '<span class="change change--up">{}</span>', _("升 %(n)s 星") % {"n": a.change}
            )
        elif a.change < 0:
            change = _html(
                '<span class="change change--down">{}</span>', _("降 %(n)s 星") % {"n": -a.change}
            )
        else:
            change = _("首次评定") if index == len(assessments) - 1 else _("保持")
        rows.append(
            _html(
                '\n            <tr><th scope="row">{}</th><td data-label="{}">{}</td>\n'
                '                <td data-label="{}">{}</td>\n'
                '                <td data-label="{}">{}</td></tr>\n            ',
                _date(a.date, "DATE_FORMAT"),
                labels[0],
                stars(a.stars),
                labels[1],
                change,
                labels[2],
                a.reason or "—",
            )
        )
    return mark_safe("".join(rows))


def _points(value) -> str:
    """``floatformat(value, "-1")`` of a number of points: whole numbers (nearly all of them)
    written at once, the others by floatformat (some thirty numbers a delegate page)."""
    if value % 1 == 0:
        return str(int(value))
    return floatformat(value, "-1")


@register.simple_tag
def score_rows(score):
    """The rows of one year's points table on a delegate's page: per kind of record, the
    count, the points each, the yearly cap and the points (`points.Score`)."""
    labels = (_("次数"), _("每次积分"), _("年度上限"), _("得分"))
    capped = _("已达上限")
    return _html_join(
        "",
        '<tr><th scope="row">{}</th><td data-label="{}">{}</td><td data-label="{}">{}</td>'
        '<td data-label="{}">{}</td><td data-label="{}">{}{}</td></tr>',
        (
            (
                item.label,
                labels[0],
                item.count,
                labels[1],
                _points(item.points_each),
                labels[2],
                _points(item.cap) if item.cap is not None else "—",
                labels[3],
                _points(item.points),
                _html(" <small>（{}）</small>", capped) if item.capped else "",
            )
            for item in score.breakdown
        ),
    )


@register.simple_tag(takes_context=True)
def record_items(context, records):
    """The <li> of each performance record (履职档案) of a year on a delegate's page, linking
    the page it came from (a report, a suggestion) when there is one."""
    request = context.get("request")
    return _html_join(
        "",
        '\n                <li><time datetime="{}">{}</time> <span class="tag">{}</span> {}{}</li>'
        "\n                ",
        (
            (
                _date(r.date, "Y-m-d"),
                _date(r.date, "n月j日"),
                label_of(RecordKind, r.kind),
                _html('<a href="{}">{}</a>', page_url(r.link_page, request), r.title)
                if r.link_page
                else r.title,
                _html("<br><small>{}</small>", r.description) if r.description else "",
            )
            for r in records
        ),
    )


@register.simple_tag(takes_context=True)
def station_cards(context, stations):
    """The <li> of each station in the station list: name, stars (the `stars` annotation),
    address, opening hours and contact phone."""
    request = context.get("request")
    hours_label = _("开放时间")
    phone_label = _("联系电话")
    cards = []
    for station in stations:
        phone = station.contact_phone
        cards.append(
            _html(
                '\n            <li class="station-card">\n'
                '                <h3><a href="{}">{}</a></h3>\n'
                "                <p>{}</p>\n"
                "                <p>{}</p>\n"
                "                {}\n"
                "                {}\n"
                "            </li>\n            ",
                page_url(station, request),
                station.title,
                stars(station.stars),
                station.address,
                _html("<p>{}：{}</p>", hours_label, station.opening_hours)
                if station.opening_hours
                else "",
                _html('<p>{}：<a href="tel:{}">{}</a></p>', phone_label, phone, phone)
                if phone
                else "",
            )
        )
    return SafeString("".join(cards))


@register.simple_tag(takes_context=True)
def duty_report_items(context, reports, station=False):
    """The <li> of each duty report (述职报告) in `reports`: the station page's list
    (`station`: with the delegate's name and the date as <time>, one item a line) or the
    delegate page's (the date only)."""
    request = context.get("request")
    if not station:
        return _html_join(
            "",
            '<li class="publication-list__item"><a class="publication-list__title" href="{}">'
            '{}</a><span class="publication-list__meta">{}</span></li>',
            (
                (
                    page_url(r, request),
                    r.title,
                    _date(timezone.localtime(r.date), "DATE_FORMAT"),
                )
                for r in reports
            ),
        )
    items = []
    for r in reports:
        when = timezone.localtime(r.date)
        items.append(
            (
                page_url(r, request),
                r.title,
                r.delegate.title,
                when.isoformat(),
                _date(when, "DATE_FORMAT"),
            )
        )
    return _html_join(
        "",
        '\n            <li class="publication-list__item"><a class="publication-list__title"'
        ' href="{}">{}</a><span class="publication-list__meta">{} · <time datetime="{}">{}'
        "</time></span></li>\n            ",
        items,
    )
