"""What residents may see of suggestions, as queryset methods (see home/visibility.py)."""

from home.visibility import VisiblePageQuerySet

from .status import status_expression


class SuggestionQuerySet(VisiblePageQuerySet):
    def with_status(self, today=None):
        """Annotate `status_code` (motions/status.py) on each row."""
        return self.annotate(status_code=status_expression(today))
