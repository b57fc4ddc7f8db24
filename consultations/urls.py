from django.urls import path

from . import views
from .feeds import OpenConsultationsFeed

app_name = "consultations"

urlpatterns = [
    path("comment/<int:pk>/", views.comment, name="comment"),
    path("confirm/<str:token>/", views.confirm, name="confirm"),
    path("rss.xml", OpenConsultationsFeed(), name="rss"),
]
