"""The one place that answers "which stations are nearest to this point?".

`nearest_stations` is the interface the rest of the portal uses, and the only nearest-station
path: it reads the stations from the database, never from the search backend. Candidates are
narrowed with a bounding box in SQL (index-friendly, so it scales to many thousands of
stations) and ranked by exact great-circle distance in Python (`delegates.geo.haversine_m`),
widening the box until enough stations are certainly found."""

from .geo import bounding_box, haversine_m

START_RADIUS_M = 3_000
MAX_RADIUS_M = 20_100_000  # half the Earth's circumference: everything


def nearest_stations(lat: float, lng: float, limit: int = 5, queryset=None):
    """[(station, distance_m)] — the `limit` live stations nearest to (lat, lng), nearest
    first; ties broken by title. Coordinates are WGS-84."""
    from .models import StationPage

    if queryset is None:
        queryset = StationPage.objects.visible()
    if limit <= 0:
        return []

    def candidates(min_lat, max_lat, min_lng, max_lng):
        # No ORDER BY (the ranking is done here): ordered by the tree path, SQLite walks
        # every page of the site to find the few stations (50 ms at 100,000 pages, not 2 ms).
        box = queryset.filter(
            latitude__gte=min_lat,
            latitude__lte=max_lat,
            longitude__gte=min_lng,
            longitude__lte=max_lng,
        ).order_by()
        return ((s, s.latitude, s.longitude, s.title) for s in box)

    return nearest_by_box(lat, lng, limit, candidates)


def nearest_by_box(lat: float, lng: float, limit: int, candidates) -> list:
    """[(item, distance_m)]: the ``limit`` items nearest to (lat, lng), nearest first.

    ``candidates(min_lat, max_lat, min_lng, max_lng)`` yields ``(item, lat, lng, tie_break)``
    for the items inside a box (an indexed range query); the box grows until enough items are
    certainly the nearest."""
    radius = START_RADIUS_M
    while True:
        ranked = sorted(
            (
                (item, haversine_m(lat, lng, la, ln), tie)
                for item, la, ln, tie in candidates(*bounding_box(lat, lng, radius))
            ),
            key=lambda row: (row[1], row[2]),
        )
        # Only items inside the circle are certain: one outside it but inside the box
        # may be farther than an item just outside the box.
        within = [row for row in ranked if row[1] <= radius]
        if len(within) >= limit or radius >= MAX_RADIUS_M:
            chosen = within if radius < MAX_RADIUS_M else ranked
            return [(item, distance) for item, distance, _ in chosen[:limit]]
        radius = min(radius * 4, MAX_RADIUS_M)
