"""The one place that answers "which stations are nearest to this point?".

`nearest_stations` is the interface the rest of the portal uses; the search app may back it
with Elasticsearch `geo_distance` behind the same signature. This implementation narrows the
candidates with a bounding box in SQL (index-friendly, so it scales to many thousands of
stations) and ranks them by exact great-circle distance in Python, widening the box until
enough stations are certainly found."""

from .geo import bounding_box, haversine_m

START_RADIUS_M = 3_000
MAX_RADIUS_M = 20_100_000  # half the Earth's circumference: everything


def nearest_stations(lat: float, lng: float, limit: int = 5, queryset=None):
    """[(station, distance_m)] — the `limit` live stations nearest to (lat, lng), nearest
    first; ties broken by title. Coordinates are WGS-84.

    With Elasticsearch configured, its `geo_distance` sort answers (search.locator); otherwise,
    or when it cannot, the exact computation below on the database does."""
    from search.locator import nearest_pages

    from .models import StationPage

    if queryset is None:
        queryset = StationPage.objects.visible()
    if limit <= 0:
        return []
    found = nearest_pages(lat, lng, limit, queryset)
    if found is not None:
        return found
    return nearest_in_database(lat, lng, limit, queryset)


def nearest_in_database(lat: float, lng: float, limit: int, queryset):
    """Exact great-circle distances, candidates narrowed by a growing bounding box."""
    radius = START_RADIUS_M
    while True:
        min_lat, max_lat, min_lng, max_lng = bounding_box(lat, lng, radius)
        candidates = queryset.filter(
            latitude__gte=min_lat,
            latitude__lte=max_lat,
            longitude__gte=min_lng,
            longitude__lte=max_lng,
        )
        ranked = sorted(
            ((s, haversine_m(lat, lng, s.latitude, s.longitude)) for s in candidates),
            key=lambda pair: (pair[1], pair[0].title),
        )
        # Only stations inside the circle are certain: one outside it but inside the box
        # may be farther than a station just outside the box.
        within = [pair for pair in ranked if pair[1] <= radius]
        if len(within) >= limit or radius >= MAX_RADIUS_M:
            return (within if radius < MAX_RADIUS_M else ranked)[:limit]
        radius = min(radius * 4, MAX_RADIUS_M)
