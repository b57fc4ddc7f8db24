"""The OpenAPI schema covers the public API only (Wagtail's admin API is DRF too)."""

PREFIX = "/api/v1/"


def public_endpoints(endpoints, **kwargs):
    """drf-spectacular preprocessing hook: keep the endpoints under /api/v1/."""
    return [endpoint for endpoint in endpoints if endpoint[0].startswith(PREFIX)]
