"""The query-string filters of a column list: ?tag=…&year=…&kind=…"""

from django.db.models import Count, Q, Value
from django.utils.translation import gettext_lazy as _
from taggit.models import Tag

from home.params import int_param

from .choices import ReportKind

POPULAR_TAGS = 12
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
        return [d.year for d in years_query(self.base)]

    def kinds(self):
        """The kinds present in this list, with their labels and counts (one query)."""
        return kinds_from(list(kind_counts_query(self.base)))

    def popular_tags(self, count=POPULAR_TAGS) -> list[str]:
        return list(popular_tags_query(self.base, count))

    def choices(self) -> dict:
        """What the filter form offers: the kinds, years and popular tags of the whole list
        (whatever is chosen), so pages of a column can share them until it changes."""
        return {"kinds": self.kinds(), "years": self.years(), "tags": self.popular_tags()}


# The queries behind the choices, as QuerySets of the list's rows (`base`), so that a list
# whose rows are always built alike (a column's) can run them prepared (news.models).


def years_query(base):
    return base.dates("date", "year", order="DESC")


def kind_counts_query(base):
    """One row: the number of rows of each kind of KINDS, in its order."""
    return (
        base.order_by()
        .values(one=Value(1))
        .annotate(
            **{key: Count("pk", filter=Q(**lookup)) for key, (_label, lookup) in KINDS.items()}
        )
        .values_list(*KINDS)
    )


def kinds_from(rows) -> list:
    """(key, label, count) of the kinds present, from `kind_counts_query`'s row."""
    counts = dict(zip(KINDS, rows[0], strict=True)) if rows else {}
    return [(key, KINDS[key][0], counts[key]) for key in KINDS if counts.get(key)]


def popular_tags_query(base, count=POPULAR_TAGS):
    return (
        Tag.objects.filter(news_publicationtag_items__content_object__in=base)
        .annotate(uses=Count("news_publicationtag_items"))
        .order_by("-uses", "name")
        .values_list("name", flat=True)[:count]
    )
