"""Rebuild the public search index from the database, switching over atomically."""

from django.core.management.base import BaseCommand, CommandError

from search.backends import SearchUnavailable, get_backend
from search.documents import registry


class Command(BaseCommand):
    help = (
        "Build a new search index from all live, public content, check its document count "
        "against the database and switch to it in one step (Elasticsearch: alias swap; "
        "embedded: one transaction)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--chunk-size", type=int, default=500)

    def handle(self, *args, chunk_size, **options):
        backend = get_backend()
        expected = len(registry.expected_keys())
        self.stdout.write(f"Rebuilding the {backend.name} index: {expected} documents expected.")
        try:
            stats = backend.rebuild(registry.iter_all(), expected=expected, chunk_size=chunk_size)
        except (SearchUnavailable, RuntimeError) as exc:
            raise CommandError(
                f"Rebuild failed, the previous index is still in use: {exc}"
            ) from exc
        rate = stats["count"] / stats["seconds"] if stats["seconds"] else 0
        self.stdout.write(
            self.style.SUCCESS(
                f"Index {stats['index']} now serves {stats['count']} documents "
                f"({stats['seconds']:.1f}s, {rate:.0f} docs/s)."
            )
        )
