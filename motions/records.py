"""履职 points from suggestions: publishing a suggestion records a 建议/议案 entry
(RecordKind.SUGGESTION, counted by the points rule table) in its lead delegate's performance
record; unpublishing it (or restricting who may view it) withdraws the entry, as the public
record shows only what residents can check. The rule table has one line for suggestions, so
co-signers (附议) are not credited. Same shape as delegates/records.py: a stable `source` key
per suggestion, so recording twice changes nothing."""

from django.utils.translation import gettext as _
from wagtail.signals import page_published, page_unpublished

from delegates.choices import RecordKind
from delegates.records import _ensure
from home.visibility import is_visible


def suggestion_source(suggestion) -> str:
    return f"suggestion:{suggestion.pk}"


def withdraw_suggestion(suggestion) -> int:
    from delegates.models import PerformanceRecord

    deleted, _rows = PerformanceRecord.objects.filter(source=suggestion_source(suggestion)).delete()
    return deleted


def record_suggestion(suggestion) -> bool:
    """Record the suggestion for its lead delegate (once); drop a stale record if the lead
    delegate changed or the suggestion is not live."""
    from delegates.models import PerformanceRecord

    source = suggestion_source(suggestion)
    if not suggestion.lead_delegate_id or not is_visible(suggestion):
        withdraw_suggestion(suggestion)
        return False
    PerformanceRecord.objects.filter(source=source).exclude(
        delegate_id=suggestion.lead_delegate_id
    ).delete()
    title = _("领衔提出%(kind)s：%(title)s") % {
        "kind": suggestion.get_kind_display(),
        "title": suggestion.title,
    }
    return _ensure(
        suggestion.lead_delegate_id,
        source,
        date=suggestion.submitted_on,
        kind=RecordKind.SUGGESTION,
        title=title[:200],
        link_page_id=suggestion.pk,
    )


def record_for_delegate(delegate) -> int:
    """Re-create what publishing an older revision of the delegate's page may have dropped."""
    from .models import SuggestionPage

    return sum(
        record_suggestion(s) for s in SuggestionPage.objects.live().filter(lead_delegate=delegate)
    )


def suggestion_published(sender, instance, **kwargs):
    record_suggestion(instance)


def suggestion_unpublished(sender, instance, **kwargs):
    withdraw_suggestion(instance)


def delegate_published(sender, instance, **kwargs):
    record_for_delegate(instance)


def restriction_changed(sender, instance, **kwargs):
    """A view restriction added or removed on a suggestion or above it."""
    from wagtail.models import Page

    from .models import SuggestionPage

    page = Page.objects.filter(pk=instance.page_id).first()
    if page is None:  # the page is being deleted with its restriction
        return
    for suggestion in SuggestionPage.objects.filter(path__startswith=page.path, live=True):
        record_suggestion(suggestion)


def connect():
    from django.db.models.signals import post_delete, post_save
    from wagtail.models import PageViewRestriction

    from delegates.models import DelegatePage

    from .models import SuggestionPage

    page_published.connect(
        suggestion_published, sender=SuggestionPage, dispatch_uid="suggestion_record"
    )
    page_unpublished.connect(
        suggestion_unpublished, sender=SuggestionPage, dispatch_uid="suggestion_withdrawn"
    )
    page_published.connect(
        delegate_published, sender=DelegatePage, dispatch_uid="delegate_suggestion_records"
    )
    for signal in (post_save, post_delete):
        signal.connect(
            restriction_changed,
            sender=PageViewRestriction,
            dispatch_uid=f"suggestion_records_restriction_{signal is post_save}",
        )
