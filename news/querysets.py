from django.db.models import Q
from django.utils import timezone

from home.visibility import VisiblePageQuerySet

# What a row of a list shows (includes/publication_list.html): the title and its link, the
# kind, the date and the summary.
ROW_FIELDS = ("title", "url_path", "content_type_id", "date", "summary")


class PublicationQuerySet(VisiblePageQuerySet):
    def listed(self, today=None):
        """What residents see in lists and feeds: live, public, newest first, and without
        notices whose validity has ended on `today` (default: the current date; those stay
        reachable by URL)."""
        if today is None:
            today = timezone.localdate()
        return (
            self.visible()
            .filter(Q(noticepage__valid_until__isnull=True) | Q(noticepage__valid_until__gte=today))
            .select_related("lead_image")
            .order_by("-date", "-pk")
        )

    def as_rows(self):
        """Only the fields a list row shows (no body, no lead image): a third of the columns
        to read, convert and compile, for lists and related reading."""
        return self.select_related(None).only(*ROW_FIELDS)
