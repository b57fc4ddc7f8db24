"""Give the editorial groups (created by home.roles) the motions app's admin permissions:
editing the list of sessions (会议). Suggestions themselves are pages: the page permissions
and the 审核发布 workflow of home.roles apply."""

from django.contrib.auth.models import Group, Permission

from home.roles import EDITORS, REVIEWERS

EDITOR_PERMISSIONS = ["add_congresssession", "change_congresssession"]


def grant_editor_permissions(**kwargs):
    permissions = Permission.objects.filter(
        content_type__app_label="motions", codename__in=EDITOR_PERMISSIONS
    )
    for group in Group.objects.filter(name__in=[EDITORS, REVIEWERS]):
        group.permissions.add(*permissions)
