"""Search documents for published answers (群众意见答复): one per opinion that
`Opinion.objects.published()` lets the public see. Only the approved public summary, the answer,
the station and the topic are indexed — never the sender's own text, name or contacts.

Publishing, withdrawing and status changes save the opinion, which the search app's save
signal re-indexes (or removes, when it is no longer public); hiding or moving the station
re-indexes its opinions through ``page_model``/``keys_for_page``."""

from django.urls import reverse
from django.utils.text import Truncator

from delegates.models import StationPage
from search.documents import DocumentSource, SearchDoc, registry

from .models import Opinion


@registry.register
class AnswerDocument(DocumentSource):
    prefix = "answer"
    kind = "answer"
    model = Opinion
    page_model = StationPage

    def queryset(self):
        return Opinion.objects.published().select_related("station__street", "topic")

    def keys_for_page(self, page):
        ids = Opinion.objects.filter(station=page).exclude(published_at=None)
        return [f"{self.prefix}:{pk}" for pk in ids.values_list("pk", flat=True)]

    def build(self, opinion, context):
        station = opinion.station
        return SearchDoc(
            key=self.key(opinion),
            kind=self.kind,
            title=f"{opinion.topic.name}：{Truncator(opinion.public_summary).chars(40)}",
            url=reverse("voices:answer", args=[opinion.number]),
            summary=opinion.public_summary,
            body=opinion.public_answer,
            date=opinion.answered_at,
            tags=[opinion.topic.name, opinion.number],
            street=station.street.name if station.street_id else "",
            station=station.title,
            breadcrumb=[*context.breadcrumb(station), station.title],
        )
