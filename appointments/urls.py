from django.urls import path

from . import views

app_name = "appointments"

urlpatterns = [
    path("book/<int:pk>/", views.book, name="book"),
    path("manage/<str:token>/", views.manage, name="manage"),
    path("manage/<str:token>/reception.ics", views.calendar, name="calendar"),
]
