from django.apps import AppConfig
from django.db.models.signals import post_migrate


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = "网站首页与公共设置"

    def ready(self):
        from . import instantiation, pgtimestamps, signal_handlers
        from .roles import ensure_editorial_roles

        post_migrate.connect(ensure_editorial_roles, sender=self)
        signal_handlers.connect()
        instantiation.install()
        pgtimestamps.install()
