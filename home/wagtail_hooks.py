"""Admin hooks of the portal as a whole: labels for its own entries in Wagtail's history, and
the page chooser limited to what the user may see."""

from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.models import Page
from wagtail.permission_policies.pages import PagePermissionPolicy

from portal.two_factor import ENROLLED, RESET


@hooks.register("register_log_actions")
def register_two_factor_actions(actions):
    actions.register_action(ENROLLED, _("绑定双因素验证器"), _("绑定了新的双因素验证器"))
    actions.register_action(RESET, _("重置双因素验证器"), _("双因素验证器已被管理员重置"))


@hooks.register("construct_page_chooser_queryset")
def hide_drafts_of_others(pages, request):
    """Wagtail's page chooser (browse and search) lists every page with its draft title. A
    user sees there only the pages they may edit, and live pages whose title is not changed
    by a pending draft: a liaison linking to a notice must not read unpublished titles."""
    user = request.user
    if user.is_superuser:
        return pages
    editable = PagePermissionPolicy().instances_user_has_any_permission_for(
        user, {"change", "publish"}
    )
    published_title = Q(draft_title=F("title")) | Q(draft_title="")
    visible = Page.objects.filter(
        Q(pk__in=editable.values("pk")) | (Q(live=True) & published_title)
    )
    # As a pk subquery: the chooser's search may run on the queryset, and search backends
    # filter only on indexed fields (and the primary key).
    return pages.filter(pk__in=visible.values("pk"))
