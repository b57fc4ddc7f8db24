from django.apps import AppConfig
from django.db.models.signals import post_migrate


class DelegatesConfig(AppConfig):
    name = "delegates"
    verbose_name = "人大代表与联络站"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import cache, signals
        from .roles import grant_editor_permissions

        signals.connect()
        cache.connect()
        # After home's handler (home is listed first), which creates the groups.
        post_migrate.connect(grant_editor_permissions, dispatch_uid="delegates_editor_permissions")
