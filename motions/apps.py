from django.apps import AppConfig
from django.db.models.signals import post_migrate


class MotionsConfig(AppConfig):
    name = "motions"
    verbose_name = "代表建议"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import cache, records
        from .roles import grant_editor_permissions

        cache.connect()
        records.connect()
        # After home's handler (home is listed first), which creates the groups.
        post_migrate.connect(grant_editor_permissions, dispatch_uid="motions_editor_permissions")
