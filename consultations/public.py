"""What the public pages of a consultation show, from the shown comments only
(`Comment.objects.shown()`): never a contact, a pending or a rejected comment."""

from dataclasses import dataclass, field

from django.db.models import Count

from home.pagination import paginate

from .choices import Phase
from .models import Comment

COMMENTS_PER_PAGE = 20


@dataclass
class Chapter:
    title: str
    anchor: str  # the first article's anchor (the chapter list links there)
    articles: list = field(default_factory=list)


def comment_counts(consultation) -> dict:
    """Shown comments per article id (None: on the whole draft)."""
    rows = (
        Comment.objects.shown()
        .filter(consultation=consultation)
        .values_list("article")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return dict(rows)


def chapters(articles) -> list[Chapter]:
    grouped: list[Chapter] = []
    for article in articles:
        if not grouped or grouped[-1].title != article.chapter:
            grouped.append(Chapter(article.chapter, article.anchor))
        grouped[-1].articles.append(article)
    return grouped


def page_context(page, request) -> dict:
    articles = list(page.articles.all())
    counts = comment_counts(page)
    for article in articles:
        article.shown_count = counts.get(article.pk, 0)
    wanted = request.GET.get("article", "")
    selected = next((a for a in articles if a.anchor == wanted), None)
    comments = (
        Comment.objects.shown()
        .filter(consultation=page)
        .select_related("article")
        .order_by("-created_at", "-pk")
    )
    if selected is not None:
        comments = comments.filter(article=selected)
    return {
        "chapters": chapters(articles),
        "articles": articles,
        "whole_count": counts.get(None, 0),
        "total_count": sum(counts.values()),
        "selected_article": selected,
        "comments": paginate(request, comments, COMMENTS_PER_PAGE),
        "phase": page.phase(),
    }


def index_context(index) -> dict:
    items = list(index.consultations())
    counts = dict(
        Comment.objects.shown()
        .filter(consultation__in=[c.pk for c in items])
        .values_list("consultation")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for item in items:
        item.shown_count = counts.get(item.pk, 0)
    return {
        "open_items": [c for c in items if c.phase() == Phase.OPEN],
        "upcoming_items": [c for c in items if c.phase() == Phase.UPCOMING],
        "closed_items": [c for c in items if c.phase() == Phase.CLOSED],
    }
