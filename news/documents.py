"""Search documents for news, notices, reports and plain content pages."""

from home.models import ContentPage
from search.documents import PageDocument, plain_text, registry

from .models import ArticlePage, NoticePage, Publication, ReportPage


class PublicationDocument(PageDocument):
    kind = "news"

    def queryset(self):
        return super().queryset().prefetch_related("tags")

    def build(self, page, context):
        fields = {
            "summary": page.summary,
            "body": plain_text(page.body),
            "date": page.date,
            "tags": [tag.name for tag in page.tags.all()],
        }
        fields.update(self.extra(page))
        return self.base_doc(page, context, **fields)

    def extra(self, page) -> dict:
        return {}


@registry.register_page(ArticlePage)
class ArticleDocument(PublicationDocument):
    kind = "news"


@registry.register_page(NoticePage)
class NoticeDocument(PublicationDocument):
    """Expired notices stay searchable (their URL still works) and are marked 已过期."""

    kind = "notice"

    def extra(self, page):
        extra = {"valid_until": page.valid_until}
        if page.document_number:
            extra["body"] = f"{page.document_number} {page.issuing_body} {plain_text(page.body)}"
        return extra


@registry.register_page(ReportPage)
class ReportDocument(PublicationDocument):
    kind = "report"

    def extra(self, page):
        return {"body": f"{page.issuing_body} {plain_text(page.body)}"}


@registry.register_page(Publication)
class OtherPublicationDocument(PublicationDocument):
    kind = "news"


@registry.register_page(ContentPage)
class ContentPageDocument(PageDocument):
    kind = "page"
