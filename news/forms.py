from django.utils import timezone
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.models import Page


def dated_slug(parent, date, page=None):
    """A short, readable slug from the publication date: 2025-09-17, then 2025-09-17-2, …

    Chinese titles have no useful ASCII slug, and percent-encoded Chinese URLs are unreadable
    when shared, so publications default to their date."""
    base = timezone.localtime(date or timezone.now()).strftime("%Y-%m-%d")
    candidate, suffix = base, 1
    while not Page._slug_is_available(candidate, parent, page):
        suffix += 1
        candidate = f"{base}-{suffix}"
    return candidate


class PublicationForm(WagtailAdminPageForm):
    """Editors may leave the slug empty; it is then derived from the publication date."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "slug" in self.fields:
            self.fields["slug"].required = False

    def clean(self):
        cleaned_data = super().clean()
        if "slug" in self.fields and not cleaned_data.get("slug"):
            cleaned_data["slug"] = dated_slug(
                self.parent_page, cleaned_data.get("date"), self.instance
            )
        return cleaned_data
