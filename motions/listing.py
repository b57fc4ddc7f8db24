"""The query-string filters and sort orders of the public suggestion list (and of its feeds
and downloads): ?session=&kind=&delegate=&body=&topic=&status=&year=&sort=

Unknown or malformed values are ignored rather than failing, so a shared or hand-edited URL
still shows a list. Every queryset starts from ``visible()`` (home/visibility.py)."""

from urllib.parse import urlencode

from django.db.models import F, Prefetch, Q
from django.utils.translation import gettext_lazy as _

from home.params import int_param

from .models import CongressSession, Kind, SuggestionBody, SuggestionPage
from .status import Status

SORTS = {
    "newest": (_("最新提出"), [F("submitted_on").desc(), "-number"]),
    "oldest": (_("最早提出"), ["submitted_on", "number"]),
    "number": (_("按编号"), ["number"]),
    "answered": (_("最新答复"), [F("answered_on").desc(nulls_last=True), "-submitted_on"]),
}
DEFAULT_SORT = "newest"


def visible_suggestions(index=None, today=None):
    """Visible suggestions (of `index` when given) with what a list row shows, in one query
    plus one for the bodies; their status as of `today` (default: the local date)."""
    queryset = SuggestionPage.objects.visible()
    if index is not None:
        queryset = queryset.child_of(index)
    return (
        queryset.with_status(today)
        .select_related("session", "topic")
        .prefetch_related(
            Prefetch(
                "bodies",
                queryset=SuggestionBody.objects.select_related("body").order_by(
                    "role", "sort_order"
                ),
            )
        )
    )


class SuggestionFilter:
    """Applies the filters a visitor chose to the visible suggestions."""

    def __init__(self, params, base):
        self.base = base
        self.session = int_param(params.get("session", ""))
        self.delegate = int_param(params.get("delegate", ""))
        self.body = int_param(params.get("body", ""))
        self.topic = int_param(params.get("topic", ""))
        self.year = int_param(params.get("year", ""), minimum=1949, maximum=2200)
        kind = params.get("kind", "")
        self.kind = kind if kind in Kind.values else ""
        status = params.get("status", "")
        self.status = status if status in Status.values else ""
        sort = params.get("sort", "")
        self.sort = sort if sort in SORTS else DEFAULT_SORT

    @property
    def queryset(self):
        queryset = self.base
        if self.session:
            queryset = queryset.filter(session_id=self.session)
        if self.kind:
            queryset = queryset.filter(kind=self.kind)
        if self.delegate:
            cosigned = SuggestionPage.objects.filter(cosigners__delegate_id=self.delegate)
            queryset = queryset.filter(
                Q(lead_delegate_id=self.delegate) | Q(pk__in=cosigned.values("pk"))
            )
        if self.body:
            assigned = SuggestionBody.objects.filter(body_id=self.body)
            queryset = queryset.filter(pk__in=assigned.values("suggestion_id"))
        if self.topic:
            queryset = queryset.filter(topic_id=self.topic)
        if self.year:
            queryset = queryset.filter(submitted_on__year=self.year)
        if self.status:
            queryset = queryset.filter(status_code=self.status)
        return queryset.order_by(*SORTS[self.sort][1], "pk")

    @property
    def is_active(self):
        return bool(
            self.session
            or self.kind
            or self.delegate
            or self.body
            or self.topic
            or self.year
            or self.status
        )

    def params(self) -> dict:
        """The active filters as query-string values (for feed and download links)."""
        values = {
            "session": self.session,
            "kind": self.kind,
            "delegate": self.delegate,
            "body": self.body,
            "topic": self.topic,
            "year": self.year,
            "status": self.status,
        }
        return {key: value for key, value in values.items() if value}

    def query(self) -> str:
        """The active filters as a query string, e.g. ``kind=motion&body=3``."""
        return urlencode(self.params())

    # Choices for the form: only what the visible list contains -------------------------
    def sessions(self):
        return CongressSession.objects.filter(
            pk__in=self.base.order_by().values("session_id")
        ).only("pk", "short_name", "name")

    def years(self):
        return [d.year for d in self.base.order_by().dates("submitted_on", "year", order="DESC")]

    def kinds(self):
        return Kind.choices

    def statuses(self):
        return Status.choices

    def sorts(self):
        return [(key, label) for key, (label, _order) in SORTS.items()]

    def topics(self):
        from voices.models import OpinionTopic

        return OpinionTopic.objects.filter(pk__in=self.base.order_by().values("topic_id"))

    def bodies(self):
        from voices.models import HandlingBody

        assigned = SuggestionBody.objects.filter(suggestion__in=self.base.order_by().values("pk"))
        return HandlingBody.objects.filter(pk__in=assigned.values("body_id")).only("pk", "name")

    def delegates(self):
        from delegates.models import DelegatePage

        return (
            DelegatePage.objects.visible()
            .filter(pk__in=self.base.order_by().values("lead_delegate_id"))
            .order_by("name_pinyin")
            .only("pk", "title")
        )
