"""Admin: a 代表建议 menu with the suggestions (the page explorer of the list) and the sessions."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .cache import paths_for_page
from .models import CongressSession, SuggestionIndexPage


class CongressSessionViewSet(SnippetViewSet):
    model = CongressSession
    icon = "date"
    menu_label = _("会议")
    list_display = ["name", "short_name", "term", "sitting", "opened_on"]


class MotionsGroup(SnippetViewSetGroup):
    menu_label = _("代表建议")
    menu_icon = "doc-full"
    menu_order = 265
    submenu_hook = "register_motions_menu_item"
    items = (CongressSessionViewSet,)


@hooks.register("register_admin_viewset")
def register_viewsets():
    return MotionsGroup()


class SuggestionsMenuItem(MenuItem):
    """The explorer of the suggestion list page (shown once there is one)."""

    def is_shown(self, request):
        return SuggestionIndexPage.objects.exists()

    def render_component(self, request):
        index = SuggestionIndexPage.objects.only("pk").first()
        if index is not None:
            self.url = reverse("wagtailadmin_explore", args=[index.pk])
        return super().render_component(request)


@hooks.register("register_motions_menu_item")
def register_suggestions_menu_item():
    return SuggestionsMenuItem(
        _("建议与议案"), reverse("wagtailadmin_explore_root"), icon_name="doc-full", order=10
    )


hooks.register("portal_cache_paths", paths_for_page)
