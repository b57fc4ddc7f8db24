"""Milestones (办理进度) of many suggestions at once: the bulk editor of the admin
(/admin/motions/milestones/) and its XLSX export, which the importer takes back.

Saving goes through review like the import (motions/importer.py SuggestionWrites): every changed
suggestion becomes a new revision, published when the user may publish (and chose to), else
submitted to the moderation workflow; pages with a pending draft are left alone. One
transaction: a suggestion whose dates do not validate (答复日期 before 交办日期 …) and nothing
is saved."""

from django.conf import settings

from home.imports import ImportReport, run_all_or_nothing

from .importer import COLUMNS, LABELS, SuggestionWrites
from .models import Satisfaction, SuggestionPage
from .status import Status

MILESTONES = ["assigned_on", "due_on", "answered_on", "rated_on", "closed_on"]
EDITABLE = MILESTONES + ["satisfaction"]
EXPORT_FIELDS = [
    "number",
    "title",
    "session",
    "submitted_on",
    "assigned_on",
    "due_on",
    "answered_on",
    "rated_on",
    "satisfaction",
    "closed_on",
]


def suggestions(session=None, status=None, body=None):
    """The suggestions of a session, filtered by derived status and handling body."""
    queryset = SuggestionPage.objects.with_status().select_related("session")
    if session is not None:
        queryset = queryset.filter(session=session)
    if status:
        queryset = queryset.filter(status_code=status)
    if body is not None:
        queryset = queryset.filter(bodies__body=body).distinct()
    return queryset.order_by("number")


class MilestoneEditor(SuggestionWrites):
    def __init__(self, user, publish=True):
        self.user = user
        self.publish = publish
        self.report = ImportReport(max_errors=settings.ROSTER_IMPORT_MAX_ERRORS, labels=LABELS)

    def save(self, changes: dict) -> ImportReport:
        """`changes`: {page pk: {field: value}} (fields of EDITABLE). Errors are reported by
        suggestion number (RowMessage.table; row 0)."""
        return run_all_or_nothing(self.report, lambda apply: self._write(changes), apply=True)

    def _write(self, changes):
        from .importer import RowFailed

        self.start_writes()
        pages = SuggestionPage.objects.filter(pk__in=list(changes)).order_by("number")
        for page in pages:
            values = {k: v for k, v in changes[page.pk].items() if k in EDITABLE}
            try:
                changed = self.update_page(page, values, (page.number, 0), apply=True)
            except RowFailed:
                continue
            if changed == "held":
                self.report.count("suggestions", "held")
            elif changed:
                self.report.count("suggestions", "updated")
            else:
                self.report.count("suggestions", "unchanged")


def export_rows(queryset):
    """The milestone sheet: the importer's columns, one suggestion a row."""
    rows = [[COLUMNS[f] for f in EXPORT_FIELDS]]
    labels = dict(Satisfaction.choices)
    for page in queryset:
        row = []
        for name in EXPORT_FIELDS:
            value = getattr(page, name)
            if name == "session":
                value = page.session.name
            elif name == "satisfaction":
                value = str(labels.get(value, ""))
            elif value is None:
                value = ""
            row.append(value)
        rows.append(row)
    return rows


STATUS_CHOICES = Status.choices
