"""Who may work on which opinions: exactly the Wagtail page permissions. A station's liaison
group holds `change_page` on its own station (delegates/liaisons.py), the editorial groups on
the whole tree; an opinion belongs to its station (or, without one, to its delegate's page).
No second rule: whoever may edit a station page works its inbox."""

from wagtail.permission_policies.pages import PagePermissionPolicy

from delegates.models import StationPage


def editable_pages(user):
    return PagePermissionPolicy().instances_user_has_any_permission_for(user, {"change"})


def stations_for(user):
    return StationPage.objects.filter(pk__in=editable_pages(user).values("pk"))


def may_use_inbox(user) -> bool:
    return user.is_active and (user.is_superuser or stations_for(user).exists())
