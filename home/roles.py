"""Editorial groups and the "审核发布" moderation workflow.

Created after every `migrate` (idempotently), so a fresh database — including the test
database — always has them. Per-station liaisons get their page permissions from the
delegates app; here they only get access to the admin."""

from django.apps import apps
from django.conf import settings
from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.management import create_contenttypes
from django.db import transaction
from django.db.models import Q
from django.utils import translation
from django.utils.translation import gettext
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Task,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

EDITORS = "编辑"
REVIEWERS = "审核"
LIAISONS = "联络员"
WORKFLOW_NAME = "审核发布"

PAGE_PERMISSIONS = {
    EDITORS: ["add_page", "change_page", "lock_page"],
    REVIEWERS: ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"],
}
# Wagtail checks image permissions against the base wagtailimages.Image model, also for a
# custom image model (home.PortalImage): home's own add/change_portalimage grant nothing.
MEDIA_PERMISSIONS = [
    ("wagtailimages", "add_image"),
    ("wagtailimages", "change_image"),
    ("wagtailimages", "choose_image"),
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "change_document"),
    ("wagtaildocs", "choose_document"),
]


def _permission(app_label: str, codename: str) -> Permission:
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


@transaction.atomic
def ensure_editorial_roles(**kwargs) -> None:
    # post_migrate reaches this app before the apps listed after it have their permissions.
    for app_config in apps.get_app_configs():
        create_contenttypes(app_config, verbosity=0)
        create_permissions(app_config, verbosity=0)
    root_page = Page.get_first_root_node()
    root_collection = Collection.get_first_root_node()
    if root_page is None or root_collection is None:
        return
    admin_access = _permission("wagtailadmin", "access_admin")

    groups = {}
    for name in (EDITORS, REVIEWERS, LIAISONS):
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(admin_access)
        groups[name] = group

    for name, codenames in PAGE_PERMISSIONS.items():
        for codename in codenames:
            GroupPagePermission.objects.get_or_create(
                group=groups[name], page=root_page, permission=_permission("wagtailcore", codename)
            )
        for app_label, codename in MEDIA_PERMISSIONS:
            GroupCollectionPermission.objects.get_or_create(
                group=groups[name],
                collection=root_collection,
                permission=_permission(app_label, codename),
            )

    task = GroupApprovalTask.objects.filter(name=REVIEWERS).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=REVIEWERS)
    task.groups.add(groups[REVIEWERS])

    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW_NAME)
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    WorkflowPage.objects.update_or_create(page=root_page, defaults={"workflow": workflow})
    Workflow.objects.exclude(pk=workflow.pk).filter(workflow_pages__isnull=True).update(
        active=False
    )
    name_wagtail_defaults_in_chinese(root_page, root_collection)


# Wagtail's initial data is in English: the root page and the root collection are called "Root"
# (shown in the explorer, breadcrumbs, choosers and collection menus), and it brings the groups
# "Editors" and "Moderators" with the workflow and task "Moderators approval", which the groups
# and workflow above replace. Permission names are stored as written ("Can add street").
ROOT_PAGE_TITLE = "根目录"
ROOT_COLLECTION_NAME = "全站"
WAGTAIL_DEFAULT_GROUPS = ["Editors", "Moderators"]
WAGTAIL_DEFAULT_WORKFLOW = "Moderators approval"
PERMISSION_ACTIONS = {
    "add": "添加",
    "change": "修改",
    "delete": "删除",
    "view": "查看",
    "choose": "选择",
}


def name_wagtail_defaults_in_chinese(root_page, root_collection) -> None:
    """Give Wagtail's English initial data Chinese names, and remove its default groups and
    workflow while nobody uses them (a site that put users in them keeps them)."""
    if root_page.title == "Root":
        Page.objects.filter(pk=root_page.pk).update(
            title=ROOT_PAGE_TITLE, draft_title=ROOT_PAGE_TITLE
        )
    if root_collection.name == "Root":
        Collection.objects.filter(pk=root_collection.pk).update(name=ROOT_COLLECTION_NAME)
    Workflow.objects.filter(
        name=WAGTAIL_DEFAULT_WORKFLOW,
        workflow_states__isnull=True,
        workflow_pages__isnull=True,
        workflow_content_types__isnull=True,
    ).delete()
    Task.objects.filter(
        name=WAGTAIL_DEFAULT_WORKFLOW, task_states__isnull=True, workflow_tasks__isnull=True
    ).delete()
    Group.objects.filter(name__in=WAGTAIL_DEFAULT_GROUPS, user__isnull=True).delete()
    with translation.override(settings.LANGUAGE_CODE):
        english = Q(name__startswith="Can ") | Q(name__regex=r"^[ -~]+$")
        for permission in Permission.objects.filter(english).select_related("content_type"):
            name = chinese_permission_name(permission)
            if name != permission.name:
                Permission.objects.filter(pk=permission.pk).update(name=name)


def chinese_permission_name(permission: Permission) -> str:
    """Chinese for a permission named in English: "Can add street" → "可以添加街道乡镇";
    Wagtail's own ("Publish any page") through its catalog; else the name unchanged."""
    translated = gettext(permission.name)
    if translated != permission.name:
        return translated[:255]
    action, _, model_name = permission.codename.partition("_")
    model = permission.content_type.model_class()
    if (
        action in PERMISSION_ACTIONS
        and model is not None
        and model._meta.model_name.endswith(model_name)
    ):
        # Some models' verbose_name is a plain English string (wagtailcore.Locale: "locale").
        return f"可以{PERMISSION_ACTIONS[action]}{gettext(str(model._meta.verbose_name))}"[:255]
    return permission.name
