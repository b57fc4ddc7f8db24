"""Admin: the 立法意见 moderation list, its comment pages, exports and summaries
(consultations/admin_views.py); the audit log's actions; the cache-purge hook."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import admin_views, moderation
from .cache import paths_for_page
from .permissions import may_read


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path("consultations/comments/", admin_views.comment_list, name="consultations_comments"),
        path(
            "consultations/comments/moderate/",
            admin_views.moderate_selected,
            name="consultations_moderate",
        ),
        path(
            "consultations/comments/<int:pk>/",
            admin_views.comment_detail,
            name="consultations_comment",
        ),
        path(
            "consultations/<int:pk>/export.xlsx",
            admin_views.export_xlsx,
            name="consultations_export",
        ),
        path("consultations/<int:pk>/summary/", admin_views.summary, name="consultations_summary"),
    ]


class CommentsMenuItem(MenuItem):
    def is_shown(self, request):
        return may_read(request.user)


@hooks.register("register_admin_menu_item")
def register_comments_menu_item():
    return CommentsMenuItem(
        _("立法意见"), reverse("consultations_comments"), icon_name="doc-full", order=257
    )


@hooks.register("register_log_actions")
def register_log_actions(actions):
    actions.register_action(moderation.APPROVE, _("公开立法意见"), _("公开了立法意见"))
    actions.register_action(moderation.REJECT, _("不予公开立法意见"), _("不予公开立法意见"))
    actions.register_action(
        moderation.WHOLE_DRAFT, _("改为针对草案整体"), _("把意见改为针对草案整体")
    )
    actions.register_action(
        moderation.VIEW_CONTACT, _("查看意见人联系方式"), _("查看了意见人联系方式")
    )
    actions.register_action(moderation.EXPORT, _("导出立法意见"), _("导出了立法意见"))


hooks.register("portal_cache_paths", paths_for_page)
