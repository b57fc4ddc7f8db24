"""Admin hooks of the portal as a whole: labels for its own entries in Wagtail's history."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from portal.two_factor import ENROLLED, RESET


@hooks.register("register_log_actions")
def register_two_factor_actions(actions):
    actions.register_action(ENROLLED, _("绑定双因素验证器"), _("绑定了新的双因素验证器"))
    actions.register_action(RESET, _("重置双因素验证器"), _("双因素验证器已被管理员重置"))
