from django.db.models import Q
from django.utils import timezone

from home.visibility import VisiblePageQuerySet


class PublicationQuerySet(VisiblePageQuerySet):
    def listed(self):
        """What residents see in lists and feeds: live, public, newest first, and without
        notices whose validity has ended (those stay reachable by URL)."""
        today = timezone.localdate()
        return (
            self.visible()
            .filter(Q(noticepage__valid_until__isnull=True) | Q(noticepage__valid_until__gte=today))
            .select_related("lead_image")
            .order_by("-date", "-pk")
        )
