from django.urls import path

from . import views
from .feeds import PublicationAtomFeed, PublicationFeed

app_name = "news"

urlpatterns = [
    path("", views.feed_index, name="feed_index"),
    path("rss.xml", PublicationFeed(), name="rss"),
    path("atom.xml", PublicationAtomFeed(), name="atom"),
    path("<slug:slug>/rss.xml", PublicationFeed(), name="column_rss"),
    path("<slug:slug>/atom.xml", PublicationAtomFeed(), name="column_atom"),
]
