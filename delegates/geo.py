"""Coordinate maths: WGS-84 → GCJ-02 ("Mars coordinates") for Chinese tile providers, and the
great-circle distance. Coordinates are stored in WGS-84 everywhere; conversion happens only
when a map whose tiles are in GCJ-02 (AMap, Tencent) draws them.

The GCJ-02 transform is the widely published reverse-engineered formula (eviltransform,
coordtransform); it is only defined inside mainland China — points outside are unchanged."""

import math

EARTH_RADIUS_M = 6_371_008.8  # mean Earth radius (IUGG), used for great-circle distances
_A = 6378245.0  # Krasovsky 1940 semi-major axis used by GCJ-02
_EE = 0.00669342162296594323  # its eccentricity squared


def out_of_china(lat: float, lng: float) -> bool:
    return not (72.004 <= lng <= 137.8347 and 0.8293 <= lat <= 55.8271)


def _transform_lat(x: float, y: float) -> float:
    ret = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * math.sqrt(abs(x))
    ret += (20.0 * math.sin(6.0 * x * math.pi) + 20.0 * math.sin(2.0 * x * math.pi)) * 2.0 / 3.0
    ret += (20.0 * math.sin(y * math.pi) + 40.0 * math.sin(y / 3.0 * math.pi)) * 2.0 / 3.0
    ret += (160.0 * math.sin(y / 12.0 * math.pi) + 320 * math.sin(y * math.pi / 30.0)) * 2.0 / 3.0
    return ret


def _transform_lng(x: float, y: float) -> float:
    ret = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * math.sqrt(abs(x))
    ret += (20.0 * math.sin(6.0 * x * math.pi) + 20.0 * math.sin(2.0 * x * math.pi)) * 2.0 / 3.0
    ret += (20.0 * math.sin(x * math.pi) + 40.0 * math.sin(x / 3.0 * math.pi)) * 2.0 / 3.0
    ret += (150.0 * math.sin(x / 12.0 * math.pi) + 300.0 * math.sin(x / 30.0 * math.pi)) * 2.0 / 3.0
    return ret


def wgs84_to_gcj02(lat: float, lng: float) -> tuple[float, float]:
    """(lat, lng) in WGS-84 → (lat, lng) in GCJ-02; unchanged outside China."""
    if out_of_china(lat, lng):
        return lat, lng
    d_lat = _transform_lat(lng - 105.0, lat - 35.0)
    d_lng = _transform_lng(lng - 105.0, lat - 35.0)
    rad_lat = lat / 180.0 * math.pi
    magic = math.sin(rad_lat)
    magic = 1 - _EE * magic * magic
    sqrt_magic = math.sqrt(magic)
    d_lat = (d_lat * 180.0) / ((_A * (1 - _EE)) / (magic * sqrt_magic) * math.pi)
    d_lng = (d_lng * 180.0) / (_A / sqrt_magic * math.cos(rad_lat) * math.pi)
    return lat + d_lat, lng + d_lng


def gcj02_to_wgs84(lat: float, lng: float, tolerance: float = 1e-7) -> tuple[float, float]:
    """Inverse by fixed-point iteration (accurate to about a centimetre)."""
    if out_of_china(lat, lng):
        return lat, lng
    w_lat, w_lng = lat, lng
    for _ in range(30):
        g_lat, g_lng = wgs84_to_gcj02(w_lat, w_lng)
        d_lat, d_lng = g_lat - lat, g_lng - lng
        if abs(d_lat) < tolerance and abs(d_lng) < tolerance:
            break
        w_lat, w_lng = w_lat - d_lat, w_lng - d_lng
    return w_lat, w_lng


def for_map(lat: float, lng: float, crs: str) -> tuple[float, float]:
    """The coordinates to draw on a map whose tiles use `crs` ("wgs84" or "gcj02")."""
    return wgs84_to_gcj02(lat, lng) if crs == "gcj02" else (lat, lng)


def haversine_m(lat1: float, lng1: float, lat2: float, lng2: float) -> float:
    """Great-circle distance in metres between two WGS-84 points."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    d_lat = p2 - p1
    d_lng = math.radians(lng2 - lng1)
    h = math.sin(d_lat / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(d_lng / 2) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(min(1.0, math.sqrt(h)))


def bounding_box(lat: float, lng: float, radius_m: float) -> tuple[float, float, float, float]:
    """(min_lat, max_lat, min_lng, max_lng) containing every point within radius_m."""
    d_lat = math.degrees(radius_m / EARTH_RADIUS_M)
    cos_lat = math.cos(math.radians(lat))
    if abs(lat) + d_lat >= 90 or cos_lat < 1e-6:
        return max(-90.0, lat - d_lat), min(90.0, lat + d_lat), -180.0, 180.0
    d_lng = math.degrees(math.asin(min(1.0, math.sin(radius_m / EARTH_RADIUS_M) / cos_lat)))
    if d_lng >= 180:
        return lat - d_lat, lat + d_lat, -180.0, 180.0
    return lat - d_lat, lat + d_lat, lng - d_lng, lng + d_lng
