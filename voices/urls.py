from django.urls import path

from . import views

app_name = "voices"

urlpatterns = [
    path("write/", views.write, name="write"),
    path("confirm/<str:token>/", views.confirm, name="confirm"),
    path("track/<str:token>/", views.track, name="track"),
]
