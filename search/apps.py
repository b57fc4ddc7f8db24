from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules


class SearchConfig(AppConfig):
    name = "search"
    label = "portal_search"
    verbose_name = "全文检索"

    def ready(self):
        # Each app says what it puts in the index in its own documents.py.
        autodiscover_modules("documents")
        from . import signals

        signals.connect()
