"""RSS of the consultations open for comments (征求意见中), newest first: what a resident or a
news desk subscribes to. Only visible consultations (home/visibility.py)."""

from django.conf import settings
from django.utils.feedgenerator import Rss201rev2Feed
from django.utils.html import strip_tags
from django.utils.translation import gettext as _

from home.feeds import RequestLocalFeed

from .models import ConsultationIndexPage, ConsultationPage, beijing_today


class OpenConsultationsFeed(RequestLocalFeed):
    feed_type = Rss201rev2Feed

    def title(self):
        return _("立法意见征集（征求意见中）")

    def link(self):
        index = ConsultationIndexPage.objects.visible().first()
        return index.url if index else "/"

    def description(self):
        return _("正在公开征求意见的法规草案")

    def items(self):
        today = beijing_today()
        return (
            ConsultationPage.objects.visible()
            .filter(opens_on__lte=today, closes_on__gte=today)
            .order_by("-opens_on", "-pk")[: settings.PORTAL_FEED_ITEMS]
        )

    def item_title(self, consultation):
        return consultation.title

    def item_description(self, consultation):
        facts = _("征求意见单位：%(asked_by)s；截止日期：%(closes_on)s") % {
            "asked_by": consultation.asked_by,
            "closes_on": consultation.closes_on.isoformat(),
        }
        summary = consultation.summary or strip_tags(consultation.explanation)[:200]
        return f"{summary}\n\n{facts}" if summary else facts

    def item_link(self, consultation):
        return consultation.url

    def item_pubdate(self, consultation):
        return consultation.first_published_at
