"""Search documents for delegates' suggestions (kind "suggestion"): visible suggestion pages
only (the page source asks ``visible_through``), with their number, delegates, bodies, status
and the reply. Drafts and unpublished suggestions are never indexed."""

from django.db.models import Prefetch

from search.documents import PageDocument, plain_text, registry

from .models import SuggestionBody, SuggestionPage


@registry.register_page(SuggestionPage)
class SuggestionDocument(PageDocument):
    kind = "suggestion"

    def queryset(self):
        return (
            super()
            .queryset()
            .select_related("session", "topic")
            .prefetch_related(
                "cosigners",
                Prefetch("bodies", queryset=SuggestionBody.objects.select_related("body")),
            )
        )

    def build(self, page, context):
        bodies = [b.body.name for b in page.bodies.all()]
        cosigners = [c.name for c in page.cosigners.all()]
        summary = "；".join(
            filter(
                None,
                [
                    f"{page.get_kind_display()} {page.number}",
                    page.lead_delegate_name,
                    page.session.short_name,
                    str(page.status.label),
                ],
            )
        )
        return self.base_doc(
            page,
            context,
            summary=summary,
            body="\n".join(filter(None, [plain_text(page.text), plain_text(page.reply)])),
            date=page.last_published_at or page.first_published_at,
            tags=[page.topic.name] if page.topic else [],
            keywords=[page.number, *bodies, page.session.name],
            names=[page.lead_delegate_name, *cosigners],
        )
