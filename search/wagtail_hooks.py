from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import admin_views


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path(
            "reports/search-terms/",
            admin_views.search_terms_report,
            name="portal_search_terms_report",
        )
    ]


class SearchTermsMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("wagtailsearchpromotions.add_searchpromotion")


@hooks.register("register_reports_menu_item")
def register_search_terms_report():
    return SearchTermsMenuItem(
        _("搜索词统计"), reverse("portal_search_terms_report"), icon_name="search", order=900
    )
