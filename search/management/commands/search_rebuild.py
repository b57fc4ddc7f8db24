"""Rebuild the public search index from the database, switching over atomically."""

import os

from django.core.management.base import BaseCommand, CommandError

from search.backends import SearchUnavailable, get_backend, get_fallback_backend
from search.documents import prepare_in_parallel, registry


class Command(BaseCommand):
    help = (
        "Build a new search index from all live, public content, check its document count "
        "against the database and switch to it in one step (Elasticsearch: alias swap; "
        "embedded: one transaction)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--chunk-size", type=int, default=500)
        parser.add_argument(
            "--workers",
            type=int,
            default=min(4, os.cpu_count() or 1),
            help="Processes for text analysis (default: CPUs, at most 4; 1 = in-process).",
        )

    def handle(self, *args, chunk_size, workers, **options):
        expected = len(registry.expected_keys())
        docs = prepare_in_parallel(registry.iter_all(), workers)
        fallback = get_fallback_backend()
        if fallback is not None:
            docs = list(docs)  # analysed once, written to both indexes
            self._rebuild(fallback, docs, expected, chunk_size)
        self._rebuild(get_backend(), docs, expected, chunk_size)

    def _rebuild(self, backend, docs, expected, chunk_size):
        self.stdout.write(f"Rebuilding the {backend.name} index: {expected} documents expected.")
        try:
            stats = backend.rebuild(docs, expected=expected, chunk_size=chunk_size)
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
