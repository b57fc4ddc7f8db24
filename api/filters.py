"""Query-string filters of the list endpoints (django-filter: a malformed value is a 400 with
the field's message, never a silently different list)."""

import django_filters as filters
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from consultations.choices import Phase
from consultations.models import beijing_today
from delegates.choices import Level, StationKind
from delegates.models import DelegateRole, StationMembership
from motions.models import Kind as SuggestionKind
from motions.status import Status as SuggestionStatus
from news.filters import KINDS as PUBLICATION_KINDS


def updated_since(field="last_published_at"):
    return filters.IsoDateTimeFilter(
        field_name=field, lookup_expr="gte", label=_("只列出此时间之后更新的（ISO 8601）")
    )


class StationFilter(filters.FilterSet):
    street = filters.NumberFilter(field_name="street_id", label=_("街道乡镇 id"))
    kind = filters.ChoiceFilter(choices=StationKind.choices, label=_("类型"))
    updated_since = updated_since()


class PersonFilter(filters.FilterSet):
    level = filters.ChoiceFilter(choices=Level.choices, method="by_level", label=_("现任层级"))
    street = filters.NumberFilter(method="by_street", label=_("街道乡镇 id"))
    station = filters.NumberFilter(method="by_station", label=_("联络站 id"))
    group = filters.NumberFilter(field_name="delegation_group_id", label=_("代表团 id"))
    updated_since = updated_since()

    def by_level(self, queryset, name, value):
        today = timezone.localdate()
        current = DelegateRole.objects.filter(
            Q(end_date__isnull=True) | Q(end_date__gte=today), level=value
        )
        return queryset.filter(pk__in=current.values("delegate_id"))

    def by_street(self, queryset, name, value):
        seats = StationMembership.objects.visible().filter(station__street_id=value)
        return queryset.filter(
            Q(pk__in=seats.values("delegate_id")) | Q(delegation_group__street_id=value)
        )

    def by_station(self, queryset, name, value):
        seats = StationMembership.objects.visible().filter(station_id=value)
        return queryset.filter(pk__in=seats.values("delegate_id"))


class ReceptionFilter(filters.FilterSet):
    station = filters.NumberFilter(field_name="station_id", label=_("联络站 id"))
    street = filters.NumberFilter(field_name="station__street_id", label=_("街道乡镇 id"))
    person = filters.NumberFilter(field_name="delegates", label=_("接访代表（persons 的 id）"))
    date_from = filters.DateFilter(
        field_name="start", lookup_expr="date__gte", label=_("开始日期不早于（含过去的接访）")
    )
    date_to = filters.DateFilter(
        field_name="start", lookup_expr="date__lte", label=_("开始日期不晚于")
    )
    updated_since = updated_since("updated_at")


class PublicationFilter(filters.FilterSet):
    kind = filters.ChoiceFilter(
        choices=[(key, label) for key, (label, _lookup) in PUBLICATION_KINDS.items()],
        method="by_kind",
        label=_("类别：news、notice、report 或报告类别"),
    )
    tag = filters.CharFilter(field_name="tags__name", distinct=True, label=_("标签"))
    date_from = filters.DateFilter(field_name="date", lookup_expr="date__gte", label=_("起始日期"))
    date_to = filters.DateFilter(field_name="date", lookup_expr="date__lte", label=_("截止日期"))
    updated_since = updated_since()

    def by_kind(self, queryset, name, value):
        return queryset.filter(**PUBLICATION_KINDS[value][1])


class SuggestionFilter(filters.FilterSet):
    session = filters.NumberFilter(field_name="session_id", label=_("会议 id"))
    kind = filters.ChoiceFilter(choices=SuggestionKind.choices, label=_("类别"))
    status = filters.ChoiceFilter(
        field_name="status_code", choices=SuggestionStatus.choices, label=_("办理状态")
    )
    person = filters.NumberFilter(method="by_person", label=_("领衔或附议代表（persons 的 id）"))
    body = filters.NumberFilter(field_name="bodies__body_id", distinct=True, label=_("承办单位 id"))
    topic = filters.NumberFilter(field_name="topic_id", label=_("领域 id"))
    date_from = filters.DateFilter(
        field_name="submitted_on", lookup_expr="gte", label=_("提出日期不早于")
    )
    date_to = filters.DateFilter(
        field_name="submitted_on", lookup_expr="lte", label=_("提出日期不晚于")
    )
    updated_since = updated_since()

    def by_person(self, queryset, name, value):
        return queryset.filter(
            Q(lead_delegate_id=value, shown_lead=True) | Q(cosigners__delegate_id=value)
        ).distinct()


class ConsultationFilter(filters.FilterSet):
    phase = filters.ChoiceFilter(choices=Phase.choices, method="by_phase", label=_("阶段"))
    date_from = filters.DateFilter(
        field_name="closes_on", lookup_expr="gte", label=_("截止日期不早于")
    )
    date_to = filters.DateFilter(
        field_name="opens_on", lookup_expr="lte", label=_("开始日期不晚于")
    )
    updated_since = updated_since()

    def by_phase(self, queryset, name, value):
        today = beijing_today()
        if value == Phase.UPCOMING:
            return queryset.filter(opens_on__gt=today)
        if value == Phase.CLOSED:
            return queryset.filter(closes_on__lt=today)
        return queryset.filter(opens_on__lte=today, closes_on__gte=today)
