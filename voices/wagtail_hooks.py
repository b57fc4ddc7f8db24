"""Admin: a 网上联络站 menu with the inbox (voices/admin_views.py) and the editable lists
(意见类别, 承办单位)."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from . import admin_views
from .cache import paths_for_page
from .models import HandlingBody, Opinion, OpinionTopic
from .permissions import may_use_inbox


class OpinionTopicViewSet(SnippetViewSet):
    model = OpinionTopic
    icon = "tag"
    menu_label = _("意见类别")
    list_display = ["name", "sort_order", "active"]


class HandlingBodyViewSet(SnippetViewSet):
    model = HandlingBody
    icon = "home"
    menu_label = _("承办单位")
    list_display = ["name", "contact_name", "contact_phone", "contact_email", "active"]


class VoicesGroup(SnippetViewSetGroup):
    menu_label = _("网上联络站")
    menu_icon = "mail"
    menu_order = 260
    submenu_hook = "register_voices_menu_item"
    items = (OpinionTopicViewSet, HandlingBodyViewSet)


@hooks.register("register_admin_viewset")
def register_viewsets():
    return VoicesGroup()


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path("voices/", admin_views.inbox, name="voices_inbox"),
        path("voices/export/", admin_views.export_view, name="voices_export"),
        path("voices/overdue/", admin_views.overdue_view, name="voices_overdue"),
        path("voices/<int:pk>/", admin_views.opinion_view, name="voices_opinion"),
        path("voices/photo/<int:pk>/", admin_views.photo_view, name="voices_photo"),
    ]


class InboxMenuItem(MenuItem):
    def is_shown(self, request):
        return may_use_inbox(request.user)


@hooks.register("register_admin_menu_item")
def register_inbox_menu_item():
    return InboxMenuItem(_("群众来信"), reverse("voices_inbox"), icon_name="mail", order=255)


@hooks.register("register_admin_menu_item")
def register_overdue_menu_item():
    return InboxMenuItem(_("超期督办"), reverse("voices_overdue"), icon_name="warning", order=256)


class OverduePanel(Component):
    """On the admin dashboard: how many of the user's opinions are overdue or due soon."""

    name = "voices_overdue"
    order = 90
    template_name = "voices/admin/overdue_panel.html"

    def __init__(self, overdue, soon):
        self.overdue, self.soon = overdue, soon

    def get_context_data(self, parent_context=None):
        return {"overdue": self.overdue, "soon": self.soon}


@hooks.register("construct_homepage_panels")
def add_overdue_panel(request, panels):
    if not may_use_inbox(request.user):
        return
    opinions = Opinion.objects.for_user(request.user)
    overdue, soon = opinions.overdue().count(), opinions.due_soon().count()
    if overdue or soon:
        panels.append(OverduePanel(overdue, soon))


@hooks.register("register_log_actions")
def register_log_actions(actions):
    actions.register_action(
        admin_views.VIEW_CONTACT, _("查看来信人联系方式"), _("查看了来信人联系方式")
    )
    actions.register_action(admin_views.EXPORT, _("导出群众来信"), _("导出了群众来信列表"))
    actions.register_action(
        admin_views.EXPORT_CONTACT, _("导出来信人联系方式"), _("导出了来信人联系方式")
    )


hooks.register("portal_cache_paths", paths_for_page)
