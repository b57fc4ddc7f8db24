"""RSS feed of newly announced reception sessions, newest announcement first."""

from django.conf import settings
from django.utils import timezone
from django.utils.feedgenerator import Rss201rev2Feed
from django.utils.translation import gettext as _

from home.feeds import RequestLocalFeed
from home.visibility import visible_through

from .models import ReceptionSession


class ReceptionFeed(RequestLocalFeed):
    feed_type = Rss201rev2Feed

    def get_object(self, request):
        from .models import StationIndexPage

        self.request = request
        return visible_through(StationIndexPage.objects.all()).first()

    def title(self, index_page):
        return _("代表接访安排（新公布）")

    def link(self, index_page):
        if index_page is None:
            return "/"
        return index_page.url + index_page.reverse_subpage("receptions")

    def description(self, index_page):
        return _("各人大代表联络站新公布的代表接访活动安排")

    def items(self, index_page):
        return (
            ReceptionSession.objects.visible()
            .upcoming()
            .with_duty_roster()
            .select_related("station")
            .order_by("-announced_at", "-pk")[: settings.PORTAL_FEED_ITEMS]
        )

    def item_title(self, session):
        start = timezone.localtime(session.start)
        return f"{station_title(session)} {start:%Y年%m月%d日 %H:%M} 代表接访"

    def item_description(self, session):
        names = "、".join(d.title for d in session.delegates.all())
        start, end = timezone.localtime(session.start), timezone.localtime(session.end)
        parts = [
            f"时间：{start:%Y年%m月%d日 %H:%M}—{end:%H:%M}",
            f"地点：{session.display_place}",
        ]
        if names:
            parts.append(f"接访代表：{names}")
        if session.topic:
            parts.append(f"主题：{session.topic}")
        if session.display_phone:
            parts.append(f"联系电话：{session.display_phone}")
        return "；".join(parts)

    def item_link(self, session):
        return f"{session.station.url}#reception-{session.pk}"

    def item_guid(self, session):
        return self.request.build_absolute_uri(self.item_link(session))

    item_guid_is_permalink = True

    def item_pubdate(self, session):
        return session.announced_at

    def item_updateddate(self, session):
        return session.updated_at


def station_title(session):
    return session.station.title
