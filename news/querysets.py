from django.db.models import Q
from django.utils import timezone
from wagtail.query import PageQuerySet


class PublicationQuerySet(PageQuerySet):
    def listed(self):
        """What residents see in lists and feeds: live, public, newest first, and without
        notices whose validity has ended (those stay reachable by URL)."""
        today = timezone.localdate()
        return (
            self.live()
            .public()
            .filter(Q(noticepage__valid_until__isnull=True) | Q(noticepage__valid_until__gte=today))
            .select_related("lead_image")
            .order_by("-date", "-pk")
        )
