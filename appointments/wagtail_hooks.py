"""Admin: the 约访预约 menu item (appointments/admin_views.py) for whoever works a station's
inbox, and the audit-log action for viewing a booking's contact details."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from voices.permissions import may_use_inbox

from . import admin_views


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path("appointments/", admin_views.sessions, name="appointments_sessions"),
        path("appointments/<int:pk>/", admin_views.session_view, name="appointments_session"),
    ]


class SessionsMenuItem(MenuItem):
    def is_shown(self, request):
        return may_use_inbox(request.user)


@hooks.register("register_admin_menu_item")
def register_sessions_menu_item():
    return SessionsMenuItem(
        _("约访预约"), reverse("appointments_sessions"), icon_name="date", order=256
    )


@hooks.register("register_log_actions")
def register_log_actions(actions):
    actions.register_action(
        admin_views.VIEW_CONTACT, _("查看约访预约人联系方式"), _("查看了约访预约人联系方式")
    )
