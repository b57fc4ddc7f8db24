"""The query-string filters of a column list: ?tag=…&year=…&kind=…"""

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _
from taggit.models import Tag

from home.params import int_param

from .choices import ReportKind

KINDS = {
    "news": (_("新闻"), {"articlepage__isnull": False}),
    "notice": (_("公告"), {"noticepage__isnull": False}),
    "report": (_("报告"), {"reportpage__isnull": False}),
    **{kind.value: (kind.label, {"reportpage__report_kind": kind.value}) for kind in ReportKind},
}


class PublicationFilter:
    """Applies the filters a visitor chose to a queryset of publications. Unknown or malformed
    values are ignored rather than failing, so a shared or hand-edited URL still shows a list."""

    def __init__(self, params, queryset):
        self.base = queryset
        self.tag = params.get("tag", "").strip()[:100]
        self.year = self._year(params.get("year", ""))
        kind = params.get("kind", "")
        self.kind = kind if kind in KINDS else ""

    @staticmethod
    def _year(value):
        return int_param(value, minimum=1949, maximum=2200)

    @property
    def queryset(self):
        queryset = self.base
        if self.tag:
            queryset = queryset.filter(tags__name=self.tag)
        if self.year:
            queryset = queryset.filter(date__year=self.year)
        if self.kind:
            queryset = queryset.filter(**KINDS[self.kind][1])
        return queryset

    @property
    def is_active(self):
        return bool(self.tag or self.year or self.kind)

    def years(self):
        return [d.year for d in self.base.dates("date", "year", order="DESC")]

    def kinds(self):
        """The kinds present in this list, with their labels and counts (one query)."""
        counts = self.base.order_by().aggregate(
            **{key: Count("pk", filter=Q(**lookup)) for key, (_label, lookup) in KINDS.items()}
        )
        return [(key, KINDS[key][0], counts[key]) for key in KINDS if counts[key]]

    def popular_tags(self, count=12) -> list[str]:
        return list(
            Tag.objects.filter(news_publicationtag_items__content_object__in=self.base)
            .annotate(uses=Count("news_publicationtag_items"))
            .order_by("-uses", "name")
            .values_list("name", flat=True)[:count]
        )

    def choices(self) -> dict:
        """What the filter form offers: the kinds, years and popular tags of the whole list
        (whatever is chosen), so pages of a column can share them until it changes."""
        return {"kinds": self.kinds(), "years": self.years(), "tags": self.popular_tags()}
