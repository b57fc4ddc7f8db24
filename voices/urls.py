from django.urls import path

from . import public_views, views
from .feeds import AnswerFeed

app_name = "voices"

urlpatterns = [
    path("write/", views.write, name="write"),
    path("confirm/<str:token>/", views.confirm, name="confirm"),
    path("track/<str:token>/", views.track, name="track"),
    path("qr/station-<int:station>.<str:kind>", public_views.write_qr, name="write_qr"),
    path("answers/", public_views.answer_list, name="answers"),
    path("answers/rss.xml", AnswerFeed(), name="answers_rss"),
    path("answers/station/<int:station>/rss.xml", AnswerFeed(), name="station_answers_rss"),
    path("answers/<str:number>/", public_views.answer_detail, name="answer"),
]
