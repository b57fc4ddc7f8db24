"""The visitor's address, as every per-client control (rate limits, login lockout, audit logs)
must see it.

Behind nginx every request comes from the proxy's address; the proxy passes the visitor's own
address in a header it sets itself (`proxy_set_header X-Real-IP $remote_addr`). Name that
header with RATELIMIT_IP_META_KEY (e.g. HTTP_X_REAL_IP). When it holds a list (X-Forwarded-For),
the right-most entry is the one the trusted proxy added; anything to its left came from the
client and is ignored. A request without a usable header (the app reached directly, or no proxy
configured) is keyed by REMOTE_ADDR."""

import ipaddress

from django.conf import settings


def _address(value: str) -> str | None:
    value = (value or "").split(",")[-1].strip()
    try:
        return str(ipaddress.ip_address(value))
    except ValueError:
        return None


def client_ip(request) -> str | None:
    """The client's IP address (axes' AXES_CLIENT_IP_CALLABLE and the rate limits' key)."""
    meta_key = getattr(settings, "RATELIMIT_IP_META_KEY", None)
    if meta_key:
        address = _address(request.META.get(meta_key, ""))
        if address:
            return address
    return _address(request.META.get("REMOTE_ADDR", "")) or request.META.get("REMOTE_ADDR")


def client_network(request) -> str:
    """The rate-limit key: the client's address; for IPv6 its /64 network (one subscriber
    usually holds a whole /64), as django-ratelimit does."""
    address = client_ip(request) or "unknown"
    if ":" in address:
        return str(ipaddress.ip_network(f"{address}/64", strict=False).network_address)
    return address
