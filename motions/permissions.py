"""Who may import suggestions and edit their milestones in bulk: whoever has the page
permissions to add and edit pages under the suggestion list (SuggestionIndexPage). Whether their
changes are published or wait for review is decided per page (home.imports.ReviewedWrites)."""

from .models import SuggestionIndexPage


def suggestion_index():
    return SuggestionIndexPage.objects.first()


def can_manage_suggestions(user) -> bool:
    if not (user.is_authenticated and user.is_active):
        return False
    index = suggestion_index()
    if index is None:
        return False
    perms = index.permissions_for_user(user)
    return perms.can_add_subpage() and perms.can_edit()


def can_publish_suggestions(user) -> bool:
    index = suggestion_index()
    return index is not None and index.permissions_for_user(user).can_publish_subpage()
