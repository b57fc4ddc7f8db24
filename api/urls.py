from django.urls import path

from . import views

app_name = "api"

LIST = {"get": "list"}
DETAIL = {"get": "retrieve"}

urlpatterns = [
    path("v1/", views.docs, name="docs"),
    path("v1/schema/", views.SchemaView.as_view(), name="schema"),
    path("v1/stations/", views.StationViewSet.as_view(LIST), name="stations"),
    path("v1/stations/<int:pk>/", views.StationViewSet.as_view(DETAIL), name="station"),
    path("v1/stations.geojson", views.StationsGeoJSON.as_view(), name="stations_geojson"),
    path("v1/persons/", views.PersonViewSet.as_view(LIST), name="persons"),
    path("v1/persons/<int:pk>/", views.PersonViewSet.as_view(DETAIL), name="person"),
    path("v1/organizations/", views.OrganizationViewSet.as_view(LIST), name="organizations"),
    path(
        "v1/organizations/<str:pk>/",
        views.OrganizationViewSet.as_view(DETAIL),
        name="organization",
    ),
    path("v1/memberships/", views.MembershipViewSet.as_view(LIST), name="memberships"),
    path("v1/memberships/<str:pk>/", views.MembershipViewSet.as_view(DETAIL), name="membership"),
    path("v1/receptions/", views.ReceptionViewSet.as_view(LIST), name="receptions"),
    path("v1/receptions/<int:pk>/", views.ReceptionViewSet.as_view(DETAIL), name="reception"),
    path("v1/publications/", views.PublicationViewSet.as_view(LIST), name="publications"),
    path("v1/publications/<int:pk>/", views.PublicationViewSet.as_view(DETAIL), name="publication"),
    path("v1/suggestions/", views.SuggestionViewSet.as_view(LIST), name="suggestions"),
    path("v1/suggestions/<int:pk>/", views.SuggestionViewSet.as_view(DETAIL), name="suggestion"),
    path("v1/consultations/", views.ConsultationViewSet.as_view(LIST), name="consultations"),
    path(
        "v1/consultations/<int:pk>/",
        views.ConsultationViewSet.as_view(DETAIL),
        name="consultation",
    ),
]
