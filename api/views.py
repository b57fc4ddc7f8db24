"""The public read-only API, /api/v1/. Each resource's rows come from api/resources.py."""

from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from drf_spectacular.renderers import OpenApiJsonRenderer, OpenApiYamlRenderer
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from drf_spectacular.views import SpectacularAPIView
from rest_framework import viewsets
from rest_framework.response import Response
from rest_framework.views import APIView

from delegates.opendata import stations_geojson

from . import filters, resources, serializers
from .http import PublicReadMixin
from .pagination import MAX_PAGE_SIZE, PAGE_SIZE


class StationViewSet(PublicReadMixin, viewsets.ReadOnlyModelViewSet):
    """人大代表联络站"""

    serializer_class = serializers.StationSerializer
    filterset_class = filters.StationFilter

    def get_queryset(self):
        return resources.stations()


class StationsGeoJSON(PublicReadMixin, APIView):
    """全部公开的联络站，GeoJSON FeatureCollection（WGS-84），字段同开放数据。"""

    @extend_schema(responses={200: serializers.FeatureCollectionSerializer})
    def get(self, request):
        return stations_geojson(request)


class PersonViewSet(PublicReadMixin, viewsets.ReadOnlyModelViewSet):
    """人大代表（Popolo person）"""

    serializer_class = serializers.PersonSerializer
    filterset_class = filters.PersonFilter

    def get_queryset(self):
        return resources.persons()


class ReceptionViewSet(PublicReadMixin, viewsets.ReadOnlyModelViewSet):
    """接访安排：默认只列出尚未结束的；给出 date_from 或 date_to 时含过去的。"""

    serializer_class = serializers.ReceptionSerializer
    filterset_class = filters.ReceptionFilter

    def get_queryset(self):
        return resources.receptions()

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        dated = {"date_from", "date_to"} & set(self.request.query_params)
        if self.action == "list" and not dated:
            queryset = resources.upcoming(queryset)
        return queryset


class PublicationViewSet(PublicReadMixin, viewsets.ReadOnlyModelViewSet):
    """通知公告、新闻动态和报告"""

    serializer_class = serializers.PublicationSerializer
    filterset_class = filters.PublicationFilter

    def get_queryset(self):
        return resources.publications(listed=self.action == "list")


class SuggestionViewSet(PublicReadMixin, viewsets.ReadOnlyModelViewSet):
    """代表建议、议案和批评意见，含办理进度和答复"""

    serializer_class = serializers.SuggestionSerializer
    filterset_class = filters.SuggestionFilter

    def get_queryset(self):
        return resources.suggestions()


class ConsultationViewSet(PublicReadMixin, viewsets.ReadOnlyModelViewSet):
    """立法意见征集：草案、逐条的已公开意见数和采纳情况（不含意见人的任何信息）"""

    serializer_class = serializers.ConsultationSerializer
    filterset_class = filters.ConsultationFilter

    def get_queryset(self):
        return resources.consultations()


class RowsViewSet(PublicReadMixin, viewsets.GenericViewSet):
    """A resource made of rows built in Python (`rows()`), filtered by exact field values."""

    filter_backends = []
    filter_fields = ()

    def rows(self):
        raise NotImplementedError

    def list(self, request):
        rows = self.rows()
        for field, convert in self.filter_fields:
            value = request.query_params.get(field)
            if value:
                rows = [row for row in rows if str(row[field]) == str(convert(value))]
        page = self.paginate_queryset(rows)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    def retrieve(self, request, pk):
        row = next((row for row in self.rows() if row["id"] == pk), None)
        if row is None:
            raise Http404
        return Response(self.get_serializer(row).data)


class OrganizationViewSet(RowsViewSet):
    """组织（Popolo organization）：代表层级、代表团和联络站"""

    serializer_class = serializers.OrganizationSerializer
    filter_fields = (("classification", str),)

    def rows(self):
        return resources.organizations(self.request)

    @extend_schema(
        parameters=[
            OpenApiParameter("classification", str, enum=["level", "delegation_group", "station"])
        ]
    )
    def list(self, request):
        return super().list(request)


class MembershipViewSet(RowsViewSet):
    """任职（Popolo membership）：代表在各级人大、代表团和联络站的职务"""

    serializer_class = serializers.MembershipSerializer
    filter_fields = (("person_id", str), ("organization_id", str))

    def rows(self):
        return resources.memberships()

    @extend_schema(
        parameters=[
            OpenApiParameter("person_id", OpenApiTypes.INT),
            OpenApiParameter("organization_id", str),
        ]
    )
    def list(self, request):
        return super().list(request)


class SchemaView(PublicReadMixin, SpectacularAPIView):
    """The OpenAPI 3 schema (JSON; ?format=yaml for YAML)."""

    renderer_classes = [OpenApiJsonRenderer, OpenApiYamlRenderer]


def docs(request):
    from django.conf import settings

    return render(
        request,
        "api/docs.html",
        {
            "page_size": PAGE_SIZE,
            "max_page_size": MAX_PAGE_SIZE,
            "rate_limit": settings.PORTAL_RATE_LIMITS.get("api"),
            "cache_seconds": settings.PAGE_CACHE_BROWSER_SECONDS,
            "endpoints": ENDPOINTS,
        },
    )


# The docs page's table: path (under /api/v1/), what it is, its filters.
ENDPOINTS = [
    ("stations/", _("人大代表联络站"), "street, kind, updated_since"),
    ("stations/{id}/", _("一个联络站"), ""),
    ("stations.geojson", _("联络站 GeoJSON（WGS-84）"), ""),
    ("persons/", _("人大代表（Popolo person）"), "level, street, station, group, updated_since"),
    ("persons/{id}/", _("一位代表"), ""),
    ("organizations/", _("代表层级、代表团和联络站（Popolo organization）"), "classification"),
    ("organizations/{id}/", _("一个组织"), ""),
    ("memberships/", _("代表的职务和所在组织（Popolo membership）"), "person_id, organization_id"),
    ("memberships/{id}/", _("一项任职"), ""),
    (
        "receptions/",
        _("接访安排（默认只列出未结束的）"),
        "station, street, person, date_from, date_to, updated_since",
    ),
    ("receptions/{id}/", _("一次接访"), ""),
    (
        "publications/",
        _("通知公告、新闻动态和报告"),
        "kind, tag, date_from, date_to, updated_since",
    ),
    ("publications/{id}/", _("一篇"), ""),
    (
        "suggestions/",
        _("代表建议、议案和批评意见（办理进度、满意度和答复）"),
        "session, kind, status, person, body, topic, date_from, date_to, updated_since",
    ),
    ("suggestions/{id}/", _("一件建议"), ""),
    (
        "consultations/",
        _("立法意见征集：草案条文、已公开意见数和采纳情况"),
        "phase, date_from, date_to, updated_since",
    ),
    ("consultations/{id}/", _("一次意见征集"), ""),
]
