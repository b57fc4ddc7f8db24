from django import template
from wagtail.models import Site

from home.visibility import visible_through

register = template.Library()


@register.inclusion_tag("includes/main_menu.html", takes_context=True)
def main_menu(context):
    request = context["request"]
    site = Site.find_for_request(request)
    current = context.get("page")
    items = visible_through(site.root_page.get_children().in_menu()) if site else []
    return {
        "items": items,
        "current_path": current.path if current else "",
        "home_url": site.root_page.url if site else "/",
    }


@register.inclusion_tag("includes/breadcrumbs.html", takes_context=True)
def breadcrumbs(context):
    page = context.get("page")
    if page is None or page.depth <= 2:
        return {"ancestors": [], "page": page}
    return {"ancestors": page.get_ancestors().filter(depth__gt=1), "page": page}


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
