from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.views.snippets import SnippetViewSet

from . import admin_views
from .models import SynonymGroup


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


class SynonymGroupViewSet(SnippetViewSet):
    """设置 → 同义词组, beside 推荐结果: edits apply to the next search, without reindexing."""

    model = SynonymGroup
    icon = "search"
    menu_label = _("同义词组")
    add_to_settings_menu = True
    list_display = ["__str__", "note"]
    search_fields = ["terms", "note"]


@hooks.register("register_admin_viewset")
def register_synonym_viewset():
    return SynonymGroupViewSet()
