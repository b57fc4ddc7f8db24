from django.conf import settings
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from home import views as home_views
from home.sitemap import PortalSitemap
from portal import health, media, two_factor

urlpatterns = [
    path(f"{settings.WAGTAIL_ADMIN_PATH}/2fa/", include(two_factor.urlpatterns)),
    path(f"{settings.WAGTAIL_ADMIN_PATH}/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("search/", include("search.urls")),
    path("", include("delegates.urls")),
    path("feeds/", include("news.urls")),
    path("voices/", include("voices.urls")),
    path("appointments/", include("appointments.urls")),
    path("consultations/", include("consultations.urls")),
    path("api/", include("api.urls")),
    path("reading-mode/", home_views.reading_mode, name="reading_mode"),
    path("sitemap/", home_views.site_map, name="site_map"),
    path("sitemap.xml", sitemap, {"sitemaps": {"pages": PortalSitemap}}, name="sitemap"),
    path("robots.txt", home_views.robots_txt, name="robots_txt"),
    path("favicon.ico", home_views.favicon, name="favicon"),
    path("healthz/", health.liveness, name="liveness"),
    path("readyz/", health.readiness, name="readiness"),
    # Images only, and only with DEBUG or SERVE_MEDIA; documents go through /documents/.
    path("media/<path:path>", media.serve_media, name="media"),
    path("", include(wagtail_urls)),
]

handler500 = "home.views.server_error"
