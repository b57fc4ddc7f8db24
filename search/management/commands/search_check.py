"""Report drift between the database and the public search index."""

from django.core.management.base import BaseCommand, CommandError

from search.backends import SearchUnavailable, get_backend
from search.documents import registry
from search.tasks import enqueue_sync


class Command(BaseCommand):
    help = (
        "Compare what should be in the search index (live, public content) with what is; "
        "exit with status 1 on drift. --fix queues index updates for every difference."
    )

    def add_arguments(self, parser):
        parser.add_argument("--fix", action="store_true", help="Queue updates for the drift.")
        parser.add_argument("--show", type=int, default=20, help="List up to N keys per kind.")

    def handle(self, *args, fix, show, **options):
        backend = get_backend()
        expected = registry.expected_keys()
        try:
            indexed = backend.indexed_keys()
        except SearchUnavailable as exc:
            raise CommandError(f"The {backend.name} search backend is unavailable: {exc}") from exc
        missing = sorted(expected - indexed)
        extra = sorted(indexed - expected)
        self.stdout.write(
            f"{backend.name}: {len(expected)} in the database, {len(indexed)} in the index, "
            f"{len(missing)} missing, {len(extra)} not public any more."
        )
        for label, keys in (("missing", missing), ("extra", extra)):
            for key in keys[:show]:
                self.stdout.write(f"  {label}: {key}")
        if not missing and not extra:
            self.stdout.write(self.style.SUCCESS("No drift."))
            return
        if fix:
            enqueue_sync(missing + extra)
            self.stdout.write(f"Queued {len(missing) + len(extra)} index updates.")
            return
        raise CommandError("The search index has drifted from the database (use --fix).")
