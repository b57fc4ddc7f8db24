"""Per-station liaison accounts.

Each station has its own group (`联络员：<站名>（<编号>）`) and its own media collection (a child
of the root collection, named like the group). The group may:

- edit that station page (its sessions, roster, rules and photos): `change_page` on the page
  only. Without `publish_page` their edits are saved as drafts and go through the 审核发布
  workflow (home/roles.py), and they can neither unpublish the page nor set its privacy (both
  need publish rights in Wagtail); deleting or moving it is refused too, even while it is not
  live (StationPermissionTester). No `add_page`: a station has no subpages.
- add, change and choose images and documents in the station's own collection, and nothing in
  the root collection: collection permissions extend to every descendant collection, so even
  `choose` on the root would list every file of the site (including those uploaded for
  unpublished notices) and those of the other stations.
- not assess the station (the 六有 boxes, the rules review date): that needs
  `delegates.assess_station`, held by the editorial groups.

`ensure_liaison_group` sets exactly these permissions and removes any others the group holds
(older versions granted more), so re-running it migrates an existing group; it runs whenever a
station is published and after every `migrate` (`refresh_liaison_groups`)."""

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.models import (
    Collection,
    GroupCollectionPermission,
    GroupPagePermission,
    PagePermissionTester,
)

from home.roles import MEDIA_PERMISSIONS

PREFIX = "联络员："
STATION_PAGE_PERMISSIONS = ["change_page"]
# The editorial groups' media permissions (add, change, choose images and documents), here
# on the station's own collection instead of the root.
COLLECTION_PERMISSIONS = MEDIA_PERMISSIONS


def liaison_group_name(station) -> str:
    return f"{PREFIX}{station.title}（{station.code}）"[:150]


def liaison_collection_name(station) -> str:
    return f"{station.title}（{station.code}）"[:255]


def _permission(app_label, codename):
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def _station_collection(group, station):
    """The station's own collection: the one the group already holds permissions on (so a
    renamed station keeps it), else one found or made under the root by name."""
    root = Collection.get_first_root_node()
    if root is None:
        return None
    name = liaison_collection_name(station)
    collection = (
        Collection.objects.filter(group_permissions__group=group)
        .exclude(pk=root.pk)
        .order_by("path")
        .first()
    )
    if collection is None:
        collection = root.get_children().filter(name=name).first() or root.add_child(name=name)
    elif collection.name != name:
        collection.name = name
        collection.save(update_fields=["name"])
    return collection


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
    group.permissions.add(_permission("wagtailadmin", "access_admin"))

    page_permissions = [_permission("wagtailcore", c) for c in STATION_PAGE_PERMISSIONS]
    GroupPagePermission.objects.filter(group=group).exclude(
        page=station, permission__in=page_permissions
    ).delete()
    for permission in page_permissions:
        GroupPagePermission.objects.get_or_create(group=group, page=station, permission=permission)

    collection = _station_collection(group, station)
    if collection is not None:
        media_permissions = [_permission(*p) for p in COLLECTION_PERMISSIONS]
        GroupCollectionPermission.objects.filter(group=group).exclude(
            collection=collection, permission__in=media_permissions
        ).delete()
        for permission in media_permissions:
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=collection, permission=permission
            )
    return group


def refresh_liaison_groups(**kwargs) -> int:
    """Re-apply the liaison permissions to every station that has a liaison group (after
    `migrate`: groups made by older versions lose what they should not have)."""
    from .models import StationPage

    stations = StationPage.objects.filter(
        group_permissions__group__name__startswith=PREFIX
    ).distinct()
    count = 0
    for station in stations:
        ensure_liaison_group(station)
        count += 1
    return count


class StationPermissionTester(PagePermissionTester):
    """Wagtail lets anyone with `change_page` delete (and so move) a page that is not live.
    A liaison group's `change_page` does not extend to that: deleting or moving a station
    needs publish rights on it or editing rights from an editorial (non-liaison) group."""

    def can_delete(self, ignore_bulk=False):
        if not super().can_delete(ignore_bulk=ignore_bulk):
            return False
        if self.user.is_superuser or "publish" in self.permissions:
            return True
        group_ids = {
            perm.group_id
            for perm in self.permission_policy.get_cached_permissions_for_user(self.user)
            if self.page.path.startswith(perm.page.path)
        }
        return Group.objects.filter(pk__in=group_ids).exclude(name__startswith=PREFIX).exists()
