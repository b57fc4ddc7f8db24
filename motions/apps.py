from django.apps import AppConfig


class MotionsConfig(AppConfig):
    name = "motions"
    verbose_name = "代表建议"
    default_auto_field = "django.db.models.BigAutoField"
