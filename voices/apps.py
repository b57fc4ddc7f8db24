from django.apps import AppConfig


class VoicesConfig(AppConfig):
    name = "voices"
    verbose_name = "网上联络站"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import cache

        cache.connect()
