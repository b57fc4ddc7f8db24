"""RSS feeds of published answers (公开答复): all stations, or one visible station. Items
carry the approved public summary and the answer — never the sender's text or contacts."""

from django.conf import settings
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Rss201rev2Feed
from django.utils.translation import gettext as _

from delegates.models import StationPage
from home.feeds import RequestLocalFeed

from .models import Opinion


class AnswerFeed(RequestLocalFeed):
    feed_type = Rss201rev2Feed

    def get_object(self, request, station=None):
        if station is None:
            return None
        return get_object_or_404(StationPage.objects.visible(), pk=station)

    def title(self, station):
        if station is None:
            return _("网上联络站 群众意见答复")
        return _("%(station)s 群众意见答复") % {"station": station.title}

    def link(self, station):
        url = reverse("voices:answers")
        return f"{url}?station={station.pk}" if station else url

    def description(self, station):
        return _("经来信人同意并审核后公开的群众意见及答复")

    def items(self, station):
        opinions = Opinion.objects.published().select_related("station", "topic")
        if station is not None:
            opinions = opinions.filter(station=station)
        return opinions.order_by("-answered_at", "-pk")[: settings.PORTAL_FEED_ITEMS]

    def item_title(self, opinion):
        return f"{opinion.number} {opinion.topic.name}（{opinion.station.title}）"

    def item_description(self, opinion):
        return "\n\n".join(
            [
                _("意见：%(summary)s") % {"summary": opinion.public_summary},
                _("答复：%(answer)s") % {"answer": opinion.public_answer},
            ]
        )

    def item_link(self, opinion):
        return reverse("voices:answer", args=[opinion.number])

    def item_pubdate(self, opinion):
        return opinion.answered_at

    def item_updateddate(self, opinion):
        return opinion.published_at
