"""Give the editorial groups (created by home.roles) the delegates app's admin permissions."""

from django.contrib.auth.models import Group, Permission

from home.roles import EDITORS, REVIEWERS

EDITOR_PERMISSIONS = [
    "import_roster",
    "assess_station",  # the 六有 boxes and the rules review date on a station page
    "add_pointsrule",
    "change_pointsrule",
    "add_starassessment",
    "change_starassessment",
    "add_street",
    "change_street",
    "add_delegationgroup",
    "change_delegationgroup",
]


def grant_editor_permissions(**kwargs):
    permissions = Permission.objects.filter(
        content_type__app_label="delegates", codename__in=EDITOR_PERMISSIONS
    )
    for group in Group.objects.filter(name__in=[EDITORS, REVIEWERS]):
        group.permissions.add(*permissions)
