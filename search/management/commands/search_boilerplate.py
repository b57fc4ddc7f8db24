"""Count the sentences every document repeats and store the template ones (no reindex)."""

import os
import time

from django.core.management.base import BaseCommand

from search import boilerplate


class Command(BaseCommand):
    help = (
        "Find the template sentences (in at least "
        f"{boilerplate.MIN_DOCUMENTS} documents and {boilerplate.SHARE:.1%} of all) and store "
        "them for indexing; search_rebuild does this first. Documents indexed afterwards, and "
        "the next rebuild, index those sentences as template text."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--workers",
            type=int,
            default=min(4, os.cpu_count() or 1),
            help="Processes that read the documents (as search_rebuild).",
        )

    def handle(self, *args, workers, **options):
        started = time.monotonic()
        found = boilerplate.refresh(workers)
        self.stdout.write(f"{found} template sentences stored ({time.monotonic() - started:.1f}s).")
