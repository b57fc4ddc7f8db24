from django.conf import settings


def visitor_preferences(request):
    """The visitor's reading preferences, kept in a cookie so that they work without JS."""
    return {"elder_mode": request.COOKIES.get(settings.ELDER_MODE_COOKIE) == "1"}
