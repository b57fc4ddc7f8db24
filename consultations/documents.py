"""Search documents for consultations (kind "consultation"): the title, who asks, the summary
and explanation, and the draft's articles. Comments and contacts are never indexed. The page
type's visibility is the search app's (PageDocument.queryset: visible pages only)."""

from django.utils.html import strip_tags

from search.documents import PageDocument, registry

from .models import ConsultationIndexPage, ConsultationPage


@registry.register_page(ConsultationPage)
class ConsultationDocument(PageDocument):
    kind = "consultation"

    def queryset(self):
        return super().queryset().prefetch_related("articles")

    def build(self, page, context):
        explanation = strip_tags(page.explanation or "")
        articles = "\n".join(f"{a.label} {a.text}" for a in page.articles.all())
        return self.base_doc(
            page,
            context,
            summary=page.summary or explanation[:200],
            body=f"{explanation}\n{articles}",
            date=page.first_published_at,
            tags=[page.asked_by, *([page.contact_point] if page.contact_point else [])],
        )


@registry.register_page(ConsultationIndexPage)
class ConsultationIndexDocument(PageDocument):
    kind = "page"

    def build(self, page, context):
        return self.base_doc(
            page,
            context,
            summary=strip_tags(page.intro or "") or page.search_description,
            date=page.last_published_at or page.first_published_at,
        )
