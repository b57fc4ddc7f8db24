from urllib.parse import quote, urlsplit

from django import template
from django.contrib.contenttypes.models import ContentType
from django.core.signals import setting_changed
from django.db.models import Exists, OuterRef
from django.dispatch import receiver
from django.template.defaultfilters import linebreaksbr
from django.urls import get_script_prefix, reverse
from django.utils.dateformat import format as format_date
from django.utils.formats import date_format
from django.utils.html import conditional_escape, escape, format_html
from django.utils.safestring import SafeString
from django.utils.text import Truncator
from django.utils.timezone import template_localtime
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page, Site

from home.cache import prefetch_shared, shared
from home.page_urls import page_url, url_of_path
from home.prepared import prepared
from home.routing import ancestors_from_route
from home.visibility import visible_through

register = template.Library()

# The entries residents use most, shown on the first screen of a phone beside the menu button:
# (label, the top-level page that serves it, its route on that page). NOTICES is the column
# that holds the notices (通知公告), whatever editors named or where they placed it.
NOTICES = "news.noticepage"
SHORTCUTS = [
    (_("找联络站"), "delegates.stationindexpage", "locator"),
    (_("找代表"), "delegates.delegateindexpage", ""),
    (_("通知公告"), NOTICES, ""),
    (_("接访安排"), "delegates.stationindexpage", "receptions"),
]


@prepared
def _section_rows(root_path, depth, notice_type):
    """The visible pages at `depth` below the site root at `root_path`, in tree order, each
    marked whether notices (pages of type `notice_type`) are published in it: the columns
    the menu and the shortcuts read, compiled once per process."""
    notices = Page.objects.filter(
        content_type_id=notice_type,
        depth=OuterRef("depth") + 1,
        path__startswith=OuterRef("path"),
        live=True,
    )
    children = Page.objects.filter(path__startswith=root_path, depth=depth)
    return (
        visible_through(children)
        .annotate(holds_notices=Exists(notices))
        .order_by("path")
        .values(
            "pk", "path", "url_path", "title", "show_in_menus", "content_type_id", "holds_notices"
        )
    )


def _sections(site, request):
    """The visible top-level pages of `site` as dicts (title, path, url, their page class,
    whether they show in menus and hold notices): one query for the menu and the shortcuts
    together, and no page instances."""
    root = site.root_page
    app_label, model = NOTICES.split(".")
    notice_type = ContentType.objects.get_by_natural_key(app_label, model).pk
    rows = _section_rows(root.path, root.depth + 1, notice_type)
    for row in rows:
        row["page_class"] = ContentType.objects.get_for_id(row["content_type_id"]).model_class()
        row["url"] = url_of_path(row["url_path"], row["page_class"], request)
        if row["url"] is None:  # a case only Wagtail can answer (see home.page_urls)
            row["url"] = Page.objects.get(pk=row["pk"]).specific.get_url(request)
    return rows


def _shortcuts(sections, request):
    found = []
    for label, kind, route in SHORTCUTS:
        for section in sections:
            cls = section["page_class"]
            if kind == NOTICES:
                matches = section["holds_notices"]
            else:
                matches = cls is not None and cls._meta.label_lower == kind
            if matches:
                url = section["url"]
                if route:
                    url += cls.get_resolver().reverse(route)
                found.append({"label": label, "url": url})
                break
    return found


@register.simple_tag(takes_context=True)
def main_menu(context):
    """The shortcuts and the menu of top-level columns, the current one marked: rendered once
    per site and column and shared by every page (home.cache.shared) until the next
    site-wide purge."""
    request = context["request"]
    site = Site.find_for_request(request)
    current = context.get("page")
    current_path = current.path if current else ""
    # The menu marks the home page (depth 2, a path of 8) or the column the page is in.
    section = current_path if len(current_path) == 8 else current_path[:12]

    def render():
        sections = _sections(site, request) if site else []
        return _menu_html(
            [section for section in sections if section["show_in_menus"]],
            _shortcuts(sections, request),
            section,
            site.root_page.url if site else "/",
        )

    name = f"main-menu:{site.pk if site else 0}:{section}"
    # The footer ({% shared "footer" %} in includes/footer.html) in the same round trip.
    prefetch_shared(name, _fragment_name(site, "footer"))
    return shared(name, render)


_SHORTCUTS = (
    '\n<nav class="shortcuts container" aria-label="{}">\n    <ul>\n        {}\n    </ul>\n</nav>\n'
)
_SHORTCUT = '<li><a href="{}">{}</a></li>'
_MENU = (
    '\n{}\n<details class="menu-toggle">\n'
    '    <summary class="menu-toggle__button"><span class="container">{}</span></summary>\n'
    '    <nav class="main-menu" aria-label="{}">\n'
    '        <ul class="container">\n'
    '            <li><a href="{}"{}>{}</a></li>\n'
    "            {}\n"
    "        </ul>\n"
    "    </nav>\n"
    "</details>\n"
)
_MENU_ITEM = '\n            <li><a href="{}"{}>{}</a></li>\n            '
_CURRENT = ' aria-current="page"'


def _menu_html(items, shortcuts, current_path, home_url) -> str:
    """The shortcuts and the main menu (its items the columns shown in menus, the one at
    `current_path` marked): written here rather than by a template looping over them, as the
    header is."""
    nav = ""
    if shortcuts:
        nav = _SHORTCUTS.format(
            escape(gettext("常用入口")),
            "".join(
                _SHORTCUT.format(conditional_escape(shortcut["url"]), escape(shortcut["label"]))
                for shortcut in shortcuts
            ),
        )
    column = current_path[:12]
    return _MENU.format(
        nav,
        escape(gettext("全部栏目")),
        escape(gettext("主导航")),
        conditional_escape(home_url),
        _CURRENT if len(current_path) == 8 else "",
        escape(gettext("首页")),
        "".join(
            _MENU_ITEM.format(
                conditional_escape(item["url"]),
                _CURRENT if column == item["path"] else "",
                conditional_escape(item["title"]),
            )
            for item in items
        ),
    )


@register.simple_tag(takes_context=True)
def site_header(context, own_search_box=False):
    """The header of every page: the site's name, the reading-mode switch, the site search
    (left out on pages with a search form of their own: search, 404) and the main menu.
    Written here rather than included: it is the same on every page but for a few values."""
    request = context["request"]
    elder = context.get("elder_mode")
    parts = _header_parts()
    search = ""
    if not own_search_box:
        search = parts["search"].format(conditional_escape(context.get("search_query") or ""))
    return SafeString(
        parts["header"].format(
            conditional_escape(context["settings"]["home"]["SiteSettings"].site_name),
            parts["standard" if elder else "elder"][0],
            escape(quote(request.get_full_path(), safe="/")),
            parts["standard" if elder else "elder"][1],
            search,
            main_menu(context),
        )
    )


_HEADER = (
    '\n<header class="site-header">\n'
    '    <div class="site-header__top container">\n'
    '        <a class="site-brand" href="/">\n'
    '            <span class="site-brand__emblem" aria-hidden="true">人大</span>\n'
    '            <span class="site-brand__name">{}</span>\n'
    "        </a>\n"
    '        <div class="site-tools">\n'
    "            \n"
    '            <a class="tool-link" href="{}{}">{}</a>\n'
    "            \n"
    "            {}\n"
    "        </div>\n"
    "    </div>\n"
    "    {}\n"
    "</header>\n"
)
_SEARCH = (
    "\n"
    '            <form class="site-search" role="search" action="{}" method="get">\n'
    '                <label for="site-search-q" class="visually-hidden">{}</label>\n'
    '                <input id="site-search-q" type="search" name="q" value="{{}}" placeholder="{}"'
    ' maxlength="100" autocomplete="off" list="site-search-suggestions"'
    ' data-suggest-url="{}">\n'
    '                <datalist id="site-search-suggestions"></datalist>\n'
    '                <button type="submit">{}</button>\n'
    "            </form>\n"
    "            "
)
_HEADER_PARTS = {}


def _header_parts():
    """The header's text that depends on the deploy alone (URLs, translations), made once per
    language and script prefix."""
    key = (DeployFragmentNode.generation, get_language(), get_script_prefix())
    try:
        return _HEADER_PARTS[key]
    except KeyError:
        pass
    mode = escape(reverse("reading_mode"))
    parts = {
        "header": _HEADER,
        "standard": (f"{mode}?elder=0&amp;next=", escape(gettext("标准模式"))),
        "elder": (f"{mode}?elder=1&amp;next=", escape(gettext("长者模式（大字号）"))),
        "search": _SEARCH.format(
            escape(reverse("search:search")),
            escape(gettext("站内搜索")),
            escape(gettext("搜索")),
            escape(reverse("search:suggest")),
            escape(gettext("搜索")),
        ),
    }
    _HEADER_PARTS.clear()
    _HEADER_PARTS[key] = parts
    return parts


_FOOTER = (
    '\n\n<footer class="site-footer">\n'
    '    <div class="container">\n'
    '        <p class="site-footer__links">\n'
    '            <a href="{feeds}">{subscribe}</a>\n'
    '            <a href="{site_map}">{site_map_label}</a>\n'
    "        </p>\n"
    "        {footer_text}\n"
    "        <address>\n"
    "            {address}\n"
    "            {phone}\n"
    "            {email}\n"
    "        </address>\n"
    "        <p>{copyright}：{holder}\n"
    "            {icp}\n"
    "            {security}\n"
    "        </p>\n"
    '        <p class="site-footer__body">{body}　{host}</p>\n'
    "    </div>\n"
    "</footer>\n\n"
)


@register.simple_tag(takes_context=True)
def site_footer(context):
    """The footer of every page (网站设置's contacts, copyright and filing numbers): rendered
    once per site and shared by every page like the menu (read in the same round trip);
    written here rather than by a template, as the header is."""
    settings = context["settings"]["home"]["SiteSettings"]
    return SafeString(_shared_fragment(context, "footer", lambda: _footer_html(settings)))


def _footer_html(s) -> str:
    phone = s.contact_phone
    return _FOOTER.format(
        feeds=escape(reverse("news:feed_index")),
        subscribe=escape(gettext("订阅本站")),
        site_map=escape(reverse("site_map")),
        site_map_label=escape(gettext("网站地图")),
        footer_text=f"<p>{linebreaksbr(s.footer_text, autoescape=True)}</p>"
        if s.footer_text
        else "",
        address=f"{escape(gettext('地址'))}：{escape(s.contact_address)}"
        if s.contact_address
        else "",
        phone=format_html(
            '　{}：<a href="tel:{}">{}</a>',
            gettext("电话"),
            phone.replace("-", "").replace(" ", ""),
            phone,
        )
        if phone
        else "",
        email=format_html(
            '　{}：<a href="mailto:{}">{}</a>', gettext("邮箱"), s.contact_email, s.contact_email
        )
        if s.contact_email
        else "",
        copyright=escape(gettext("版权所有")),
        holder=escape(s.copyright_holder),
        icp=format_html(
            '　<a href="https://beian.miit.gov.cn/" rel="noopener">{}</a>', s.icp_number
        )
        if s.icp_number
        else "",
        security=f"　{escape(s.public_security_number)}" if s.public_security_number else "",
        body=escape(s.body_name),
        host=escape(gettext("主办")),
    )


@register.tag("shared")
def shared_fragment(parser, token):
    """``{% shared "name" [url] %}…{% endshared %}``: the enclosed HTML, rendered once per site
    and shared by every request (home.cache.shared) until the next site-wide purge or, with a
    URL, the next purge of its path. Only for HTML that depends on published content alone,
    never on the visitor; previews (drafts) are always rendered and never stored."""
    bits = token.split_contents()
    if len(bits) not in (2, 3):
        raise template.TemplateSyntaxError("{% shared %} takes a name and an optional URL")
    nodelist = parser.parse(("endshared",))
    parser.delete_first_token()
    path = parser.compile_filter(bits[2]) if len(bits) == 3 else None
    return SharedFragmentNode(nodelist, parser.compile_filter(bits[1]), path)


class SharedFragmentNode(template.Node):
    def __init__(self, nodelist, name, path):
        self.nodelist, self.name, self.path = nodelist, name, path

    def render(self, context):
        path = urlsplit(str(self.path.resolve(context))).path if self.path else None
        return _shared_fragment(
            context, self.name.resolve(context), lambda: self.nodelist.render(context), path
        )


def _shared_fragment(context, name, render, path=None):
    """`render()`, shared by every request for the site (home.cache.shared) under `name`,
    except for previews (drafts), always rendered and never stored."""
    request = context.get("request")
    if request is None or getattr(request, "is_preview", False):
        return render()
    site = Site.find_for_request(request)
    return shared(_fragment_name(site, name), render, path=path)


def _fragment_name(site, name) -> str:
    return f"fragment:{site.pk if site else 0}:{name}"


@register.tag("deploy_fragment")
def deploy_fragment(parser, token):
    """``{% deploy_fragment %}…{% enddeploy_fragment %}``: HTML that depends on the deploy
    alone (static file URLs, reversed URLs, translations), never on content or the visitor:
    rendered once per process, language and script prefix, then reused by every request."""
    nodelist = parser.parse(("enddeploy_fragment",))
    parser.delete_first_token()
    return DeployFragmentNode(nodelist)


class DeployFragmentNode(template.Node):
    # Bumped when a setting changes (tests override STATIC_URL, storages, languages).
    generation = 0

    def __init__(self, nodelist):
        self.nodelist, self.rendered = nodelist, {}

    def render(self, context):
        key = (DeployFragmentNode.generation, get_language(), get_script_prefix())
        try:
            return self.rendered[key]
        except KeyError:
            self.rendered = {key: self.nodelist.render(context)}
            return self.rendered[key]


@receiver(setting_changed)
def _forget_deploy_fragments(**kwargs):
    DeployFragmentNode.generation += 1


@register.simple_tag(takes_context=True)
def breadcrumbs(context):
    """当前位置: the page's ancestors below the tree root, top first (as routing read them, else
    from the database), then the page. Written here rather than by a template looping over
    them: every page shows it, and the loop's nodes cost more than the rest of it."""
    page = context.get("page")
    if page is None or page.depth <= 2:
        return SafeString("\n\n")
    items = ancestor_crumbs(page, context.get("request"))
    if not items:
        return SafeString("\n\n")
    return SafeString(
        '\n\n<nav class="breadcrumbs container" aria-label="{}">\n    <ol>\n        {}'
        '\n        <li><span aria-current="page">{}</span></li>\n    </ol>\n</nav>\n\n'.format(
            escape(gettext("当前位置")), items, conditional_escape(page.title)
        )
    )


BREADCRUMB = '\n        <li><a href="{}">{}</a></li>\n        '


def ancestor_crumbs(page, request) -> str:
    """The breadcrumb items of the page's ancestors below the tree root, top first: those
    routing read for this request (home.routing), else read from the database."""
    ancestors = ancestors_from_route(request, page) if request is not None else None
    if ancestors is None:
        ancestors = page.get_ancestors().filter(depth__gt=1)
    home = escape(gettext("首页"))
    return "".join(
        BREADCRUMB.format(
            escape(page_url(ancestor, request)),
            home if ancestor.depth == 2 else conditional_escape(ancestor.title),
        )
        for ancestor in ancestors
    )


@register.simple_tag(takes_context=True)
def page_href(context, page):
    """``{% pageurl page %}`` for rows of a list: the same URL from the page's url_path
    (home.page_urls), without Wagtail's reverse() per link."""
    return page_url(page, context.get("request"))


_PUBLICATION = (
    '\n    <li class="publication-list__item">\n'
    '        <a class="publication-list__title" href="{}">{}</a>\n'
    '        <span class="publication-list__meta">\n'
    '            <span class="tag tag--kind">{}</span>\n'
    "            {}\n"
    "        </span>\n"
    "        {}\n"
    "    </li>\n"
    "    "
)
_SUMMARY = '<p class="publication-list__summary">{}</p>'


@register.simple_tag(takes_context=True)
def publication_list(context, items, show_summary=False):
    """The list of publications (title, kind, date and, with `show_summary`, the summary) of
    columns, the home page's blocks and related reading: written here rather than by a
    template looping over them, as the breadcrumbs are."""
    request = context.get("request")
    rows = "".join(
        _PUBLICATION.format(
            conditional_escape(page_url(item, request)),
            conditional_escape(item.title),
            conditional_escape(item.specific_kind_label),
            time_element(template_localtime(item.date)),
            _SUMMARY.format(escape(Truncator(item.summary).chars(90)))
            if show_summary and item.summary
            else "",
        )
        for item in items
    )
    if not rows:
        rows = '\n    <li class="publication-list__empty">{}</li>\n    '.format(
            escape(gettext("暂无内容。"))
        )
    return SafeString(f'\n<ul class="publication-list">\n    {rows}\n</ul>\n')


@register.simple_tag
def page_meta(page):
    """What the head of any page shows that only some kinds of page have (a summary, a date,
    a lead image), read in Python: a template's lookup of a missing attribute on a page fails
    through ``dir(page)``, a tenth of a millisecond each time."""
    return {
        "description": getattr(page, "search_description", "") or getattr(page, "summary", ""),
        "date": getattr(page, "date", None),
        "lead_image": getattr(page, "lead_image", None),
    }


@register.simple_tag(takes_context=True)
def configured_site_name(context):
    """The site name of 网站设置 (site settings) for the current site; SITE_NAME otherwise."""
    from django.conf import settings
    from wagtail.models import Site

    from home.models import SiteSettings

    request = context.get("request")
    site = (Site.find_for_request(request) if request else None) or Site.objects.filter(
        is_default_site=True
    ).first()
    name = SiteSettings.for_site(site).site_name if site else ""
    return name or settings.WAGTAIL_SITE_NAME


@register.filter(expects_localtime=True)
def time_element(value, display="DATE_FORMAT"):
    """``<time datetime="2026-12-01">2026年12月1日</time>``: the day of a date or datetime (in
    the current time zone) for machines and, in the `display` format, for people; the same as
    two ``date`` filters at half the cost, for lists that show one per row."""
    if value in (None, ""):
        return ""
    return format_html(
        '<time datetime="{}">{}</time>', format_date(value, "Y-m-d"), date_format(value, display)
    )


@register.filter
def keep_tail(title):
    """A title whose last two characters may not be split between lines, so that no line
    holds one character alone where the browser cannot balance lines (text-wrap: balance)."""
    title = str(title)
    if len(title) < 4:
        return title
    return format_html('{}<span class="keep">{}</span>', title[:-2], title[-2:])
