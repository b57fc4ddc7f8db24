"""Admin: a 代表与联络站 menu with the reference data snippets and the roster import."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .admin_views import can_import, export_roster_view, import_roster_view
from .cache import paths_for_page
from .models import DelegationGroup, PointsRule, StarAssessment, Street


class StreetViewSet(SnippetViewSet):
    model = Street
    icon = "site"
    menu_label = _("街道乡镇")
    list_display = ["name", "kind", "body_name", "sort_order"]


class DelegationGroupViewSet(SnippetViewSet):
    model = DelegationGroup
    icon = "group"
    menu_label = _("代表团（联组）")
    list_display = ["name", "street"]


class PointsRuleViewSet(SnippetViewSet):
    model = PointsRule
    icon = "tasks"
    menu_label = _("履职积分规则")
    list_display = ["kind", "points", "yearly_cap", "note", "updated_at"]


class StarAssessmentViewSet(SnippetViewSet):
    model = StarAssessment
    icon = "pick"
    menu_label = _("星级评定")
    list_display = ["station", "date", "stars", "reason"]
    list_filter = ["stars"]
    ordering = ["-date"]


class DelegatesGroup(SnippetViewSetGroup):
    menu_label = _("代表与联络站")
    menu_icon = "group"
    menu_order = 250
    submenu_hook = "register_delegates_menu_item"
    items = (PointsRuleViewSet, StarAssessmentViewSet, StreetViewSet, DelegationGroupViewSet)


@hooks.register("register_admin_viewset")
def register_viewsets():
    return DelegatesGroup()


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path("delegates/import/", import_roster_view, name="delegates_import"),
        path("delegates/export/", export_roster_view, name="delegates_export"),
    ]


class ImportMenuItem(MenuItem):
    def is_shown(self, request):
        return can_import(request.user)


@hooks.register("register_delegates_menu_item")
def register_import_menu_item():
    return ImportMenuItem(_("导入名册"), reverse("delegates_import"), icon_name="upload", order=900)


hooks.register("portal_cache_paths", paths_for_page)
