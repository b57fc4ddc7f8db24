"""{% delegate_suggestions delegate %}: the suggestions a delegate led or co-signed, for the
profile page (templates/delegates/delegate_page.html). Visible suggestions only."""

from django import template
from django.db.models import Q

from home.visibility import visible_through

from ..listing import visible_suggestions
from ..models import SuggestionCosigner, SuggestionIndexPage

register = template.Library()

PROFILE_LIMIT = 20


@register.inclusion_tag("motions/includes/delegate_suggestions.html", takes_context=True)
def delegate_suggestions(context, delegate):
    cosigned = SuggestionCosigner.objects.filter(delegate=delegate).values("suggestion_id")
    suggestions = visible_suggestions().filter(Q(lead_delegate=delegate) | Q(pk__in=cosigned))
    items = list(suggestions.order_by("-submitted_on", "-pk")[: PROFILE_LIMIT + 1])
    index = visible_through(SuggestionIndexPage.objects.all()).first() if items else None
    return {
        "request": context.get("request"),
        "delegate": delegate,
        "items": items[:PROFILE_LIMIT],
        "more": len(items) > PROFILE_LIMIT,
        "index": index,
    }
