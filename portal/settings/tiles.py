"""Map tile settings: the `{s}` subdomains of a tile URL template and the hosts the browser
loads tiles from (the Content-Security-Policy allows exactly those, nothing else)."""

from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

TILE_CRS = ("wgs84", "gcj02")


def tile_subdomains(value: str) -> list[str]:
    """Leaflet's `subdomains`: "abc" → a, b, c; a comma-separated list for longer names."""
    value = value.strip()
    if "," in value:
        return [item.strip() for item in value.split(",") if item.strip()]
    return list(value)


def tile_crs(value: str) -> str:
    crs = value.strip().lower()
    if crs not in TILE_CRS:
        raise ImproperlyConfigured(
            f"MAP_TILE_CRS must be one of {', '.join(TILE_CRS)} (got {value!r})."
        )
    return crs


def tile_sources(urls: list[str], subdomains: list[str]) -> list[str]:
    """CSP img-src sources for the tile URL templates: each host spelled out (`{s}` replaced by
    every subdomain), with its scheme. Relative URLs are our own host ('self')."""
    sources = []
    for url in urls:
        if not url:
            continue
        parts = urlsplit(url)
        if not parts.netloc:
            continue
        if parts.scheme not in ("http", "https", ""):
            raise ImproperlyConfigured(f"A map tile URL must use http(s): {url!r}")
        prefix = f"{parts.scheme}://" if parts.scheme else ""
        hosts = [parts.netloc]
        if "{s}" in parts.netloc:
            if not subdomains:
                raise ImproperlyConfigured(f"{url!r} has {{s}} but MAP_TILE_SUBDOMAINS is empty.")
            hosts = [parts.netloc.replace("{s}", s) for s in subdomains]
        if any("{" in host or "}" in host for host in hosts):
            raise ImproperlyConfigured(f"A map tile host may only contain {{s}}: {url!r}")
        for host in hosts:
            if prefix + host not in sources:
                sources.append(prefix + host)
    return sources
