"""{% delegate_suggestions delegate %}: the suggestions a delegate led or co-signed, for the
profile page (templates/delegates/delegate_page.html). Visible suggestions only."""

from django import template
from django.db.models import Q
from django.utils import timezone

from home.prepared import prepared
from home.visibility import visible_through

from ..listing import visible_suggestions
from ..models import SuggestionCosigner, SuggestionIndexPage

register = template.Library()

PROFILE_LIMIT = 20


@register.inclusion_tag("motions/includes/delegate_suggestions.html", takes_context=True)
def delegate_suggestions(context, delegate):
    items = _suggestions_of(delegate.pk, timezone.localdate())
    index = _suggestion_index() if items else None
    return {
        "request": context.get("request"),
        "delegate": delegate,
        "items": items[:PROFILE_LIMIT],
        "more": len(items) > PROFILE_LIMIT,
        "index": index[0] if index else None,
    }


# Compiled once per process (home.prepared): every delegate's profile asks them, and the ORM
# took many times longer to build and compile them than the database to answer them.


@prepared
def _suggestions_of(delegate_id, today):
    """The visible suggestions the delegate led or co-signed, newest first, one more than
    the profile shows (the list shows no handling bodies: they are not read)."""
    cosigned = SuggestionCosigner.objects.filter(delegate_id=delegate_id).values("suggestion_id")
    return (
        visible_suggestions(today=today)
        .prefetch_related(None)
        .filter(Q(lead_delegate_id=delegate_id) | Q(pk__in=cosigned))
        .order_by("-submitted_on", "-pk")[: PROFILE_LIMIT + 1]
    )


@prepared
def _suggestion_index():
    return visible_through(SuggestionIndexPage.objects.all())[:1]  # .first(): in tree order
