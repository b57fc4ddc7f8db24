"""RSS 2.0 and Atom feeds of the suggestion list, honouring the list's filters
(/suggestions/rss.xml?kind=motion&body=3 …): only visible suggestions, never drafts."""

from django.conf import settings
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from home.feeds import RequestLocalFeed

from .listing import SuggestionFilter, visible_suggestions


class SuggestionFeed(RequestLocalFeed):
    feed_type = Rss201rev2Feed

    def get_object(self, request, index):
        self.listing = SuggestionFilter(request.GET, visible_suggestions(index))
        return index

    def title(self, index):
        return index.title

    def link(self, index):
        return index.get_url(self.request)

    def description(self, index):
        return _("人大代表建议、议案及其办理答复")

    def items(self, index):
        return self.listing.queryset[: settings.PORTAL_FEED_ITEMS]

    def item_title(self, item):
        return f"{item.number} {item.title}"

    def item_description(self, item):
        status = item.status.label
        text = Truncator(strip_tags(item.text)).chars(300)
        return f"{item.lead_delegate_name} · {status}\n\n{text}"

    def item_link(self, item):
        return item.get_url(self.request)

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at or item.first_published_at

    def item_author_name(self, item):
        return item.lead_delegate_name or None

    def item_categories(self, item):
        return [item.get_kind_display(), item.session.short_name]


class SuggestionAtomFeed(SuggestionFeed):
    feed_type = Atom1Feed

    def subtitle(self, index):
        return self.description(index)
