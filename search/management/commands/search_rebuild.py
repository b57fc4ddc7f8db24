"""Rebuild the public search index from the database, switching over atomically."""

import os
import time

from django.core.management.base import BaseCommand, CommandError

from search import boilerplate
from search.backends import SearchUnavailable, get_backend, get_fallback_backend
from search.documents import iter_prepared, registry


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
            help="Processes that read and analyse the documents (default: CPUs, at most 4; "
            "1 = in this process).",
        )

    def handle(self, *args, chunk_size, workers, **options):
        started = time.monotonic()
        expected = len(registry.expected_keys())
        # The template sentences first, so that every document is split by the same table.
        templates = boilerplate.refresh(workers)
        self.stdout.write(f"{templates} template sentences (search.boilerplate).")
        fallback = get_fallback_backend()
        # Each index reads the database afresh: keeping 100,000 analysed documents in memory to
        # write them twice would cost gigabytes, reading them again costs seconds.
        for backend in ([fallback] if fallback is not None else []) + [get_backend()]:
            self._rebuild(backend, iter_prepared(workers), expected, chunk_size)
        seconds = time.monotonic() - started
        self.stdout.write(
            f"Rebuild done in {seconds:.1f}s: {expected / seconds:.0f} documents/s from database "
            "to search (reading, analysis and writing included)."
        )

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
