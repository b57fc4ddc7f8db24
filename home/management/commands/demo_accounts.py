"""Create (or reset) the demo logins and print them: an administrator, an editor and a reviewer."""

import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand
from django.db import transaction

from home.roles import EDITORS, REVIEWERS

ACCOUNTS = [
    ("admin", "系统管理员", None),
    ("editor", "宣传处编辑", EDITORS),
    ("reviewer", "审核人", REVIEWERS),
]


class Command(BaseCommand):
    help = "Create or reset the demo admin/editor/reviewer accounts and print their password."

    def add_arguments(self, parser):
        parser.add_argument("--password", help="Use this password instead of a random one.")

    @transaction.atomic
    def handle(self, *args, password=None, **options):
        password = password or secrets.token_urlsafe(9)
        User = get_user_model()
        for username, first_name, group_name in ACCOUNTS:
            user, _ = User.objects.get_or_create(username=username)
            user.first_name = first_name
            user.email = f"{username}@example.org"
            user.is_staff = group_name is None
            user.is_superuser = group_name is None
            user.set_password(password)
            user.save()
            if group_name:
                user.groups.set([Group.objects.get(name=group_name)])
        names = ", ".join(name for name, _, _ in ACCOUNTS)
        self.stdout.write(
            f"Admin: {settings.WAGTAILADMIN_BASE_URL}/{settings.WAGTAIL_ADMIN_PATH}/  "
            f"users: {names}  password: {password}"
        )
