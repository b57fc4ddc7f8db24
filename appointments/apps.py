from django.apps import AppConfig


class AppointmentsConfig(AppConfig):
    name = "appointments"
    verbose_name = "约访"
    default_auto_field = "django.db.models.BigAutoField"
