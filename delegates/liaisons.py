"""Per-station liaison accounts: each station has its own group whose page permissions cover
that station page (and so its reception sessions, roster and rules) and nothing else."""

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission

from home.roles import MEDIA_PERMISSIONS

PREFIX = "联络员："
STATION_PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page"]


def liaison_group_name(station) -> str:
    return f"{PREFIX}{station.title}（{station.code}）"[:150]


@transaction.atomic
def ensure_liaison_group(station) -> Group:
    name = liaison_group_name(station)
    group = (
        Group.objects.filter(name__startswith=PREFIX, page_permissions__page=station)
        .distinct()
        .first()
    )
    if group is None:
        group, _created = Group.objects.get_or_create(name=name)
    elif group.name != name:
        group.name = name
        group.save(update_fields=["name"])
    group.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    for codename in STATION_PAGE_PERMISSIONS:
        GroupPagePermission.objects.get_or_create(
            group=group,
            page=station,
            permission=Permission.objects.get(
                content_type__app_label="wagtailcore", codename=codename
            ),
        )
    root_collection = Collection.get_first_root_node()
    if root_collection is not None:
        for app_label, codename in MEDIA_PERMISSIONS:
            GroupCollectionPermission.objects.get_or_create(
                group=group,
                collection=root_collection,
                permission=Permission.objects.get(
                    content_type__app_label=app_label, codename=codename
                ),
            )
    return group
