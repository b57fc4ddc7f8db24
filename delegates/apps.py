from django.apps import AppConfig
from django.db.models.signals import post_migrate


class DelegatesConfig(AppConfig):
    name = "delegates"
    verbose_name = "人大代表与联络站"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import cache, signals
        from .liaisons import refresh_liaison_groups
        from .roles import grant_editor_permissions

        signals.connect()
        cache.connect()
        # After home's handler (home is listed first), which creates the groups.
        post_migrate.connect(grant_editor_permissions, dispatch_uid="delegates_editor_permissions")
        # Liaison groups made by older versions lose the permissions they should not have.
        post_migrate.connect(
            refresh_liaison_groups, sender=self, dispatch_uid="delegates_liaison_groups"
        )
