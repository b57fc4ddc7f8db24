"""Marker data for the station maps, converted to the tile provider's datum, and the map's
configuration: the tile layers from settings and the control texts in the active language
(static JavaScript is not translated, so they travel with the data)."""

from django.conf import settings
from django.utils.html import format_html
from django.utils.translation import gettext as _

from home.page_urls import page_url

from .geo import for_map


def map_config():
    return {
        # Leaflet and the cluster plugin are installed (npm ci): without them no map at all.
        "enabled": getattr(settings, "LEAFLET_AVAILABLE", True),
        "tileUrl": settings.MAP_TILE_URL,
        "labelUrl": settings.MAP_TILE_LABEL_URL if settings.MAP_TILE_URL else "",
        # Operator-configured HTML (a provider's copyright link and 审图号), as Leaflet takes it.
        "attribution": settings.MAP_TILE_ATTRIBUTION,
        "subdomains": settings.MAP_TILE_SUBDOMAINS,
        "maxZoom": settings.MAP_TILE_MAX_ZOOM,
        "text": {
            # Leaflet's default prefix carries a national flag; ours names the library plainly.
            "prefix": format_html(
                '{} <a href="https://leafletjs.com/" hreflang="en">Leaflet</a>', _("地图库")
            ),
            "zoomIn": _("放大"),
            "zoomOut": _("缩小"),
            "close": _("关闭"),
            "cluster": _("此处有 {count} 个联络站，点击放大查看"),
        },
    }


def map_points(stations, request, distances=None):
    points = []
    for station in stations:
        lat, lng = for_map(station.latitude, station.longitude, settings.MAP_TILE_CRS)
        item = {
            "name": station.title,
            "url": page_url(station, request),
            "address": station.address,
            "lat": round(lat, 6),
            "lng": round(lng, 6),
        }
        if distances and station.pk in distances:
            item["distance"] = distances[station.pk]
        points.append(item)
    return {"config": map_config(), "points": points}


def with_origin(map_data, origin, label):
    lat, lng = for_map(origin[0], origin[1], settings.MAP_TILE_CRS)
    map_data["origin"] = {"lat": round(lat, 6), "lng": round(lng, 6), "label": str(label)}
    return map_data
