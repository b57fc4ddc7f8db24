"""Marker data for the station maps, converted to the tile provider's datum."""

from django.conf import settings

from .geo import for_map


def map_config():
    available = getattr(settings, "LEAFLET_AVAILABLE", True)
    return {
        "tileUrl": settings.MAP_TILE_URL if available else "",
        "attribution": settings.MAP_TILE_ATTRIBUTION,
        "subdomains": settings.MAP_TILE_SUBDOMAINS,
    }


def map_points(stations, request, distances=None):
    points = []
    for station in stations:
        lat, lng = for_map(station.latitude, station.longitude, settings.MAP_TILE_CRS)
        item = {
            "name": station.title,
            "url": station.get_url(request),
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
