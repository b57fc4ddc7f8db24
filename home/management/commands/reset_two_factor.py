"""Reset a user's two-factor devices (lost or replaced phone): a superuser's operation.

Deletes every authenticator of the user; at the next sign-in they enrol a new one. The reset
is logged and e-mailed to the user (portal/two_factor.py)."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from portal.two_factor import reset_devices


class Command(BaseCommand):
    help = "Delete a user's two-factor devices so that they enrol a new one at the next sign-in."

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username, **options):
        User = get_user_model()
        try:
            user = User.objects.get(**{User.USERNAME_FIELD: username})
        except User.DoesNotExist as exc:
            raise CommandError(f"找不到用户：{username}") from exc
        count = reset_devices(user)
        self.stdout.write(f"已删除 {username} 的 {count} 个验证器；下次登录时需重新绑定。")
