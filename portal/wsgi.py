import os

from django.core.wsgi import get_wsgi_application

from portal.heap import freeze_startup_heap

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.production")

application = get_wsgi_application()
freeze_startup_heap()
