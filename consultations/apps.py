from django.apps import AppConfig


class ConsultationsConfig(AppConfig):
    name = "consultations"
    verbose_name = "立法意见征集"
    default_auto_field = "django.db.models.BigAutoField"
