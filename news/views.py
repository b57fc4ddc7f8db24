from django.shortcuts import render

from home.visibility import visible_through

from .models import ColumnPage


def feed_index(request):
    """The page that lists every feed a resident can subscribe to."""
    columns = visible_through(ColumnPage.objects.in_menu()).order_by("path")
    return render(request, "news/feed_index.html", {"columns": columns})
