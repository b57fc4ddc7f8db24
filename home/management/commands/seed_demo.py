"""Build the demo portal from nothing; running it again changes nothing."""

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction
from wagtail.models import Site

from consultations import demo as consultations_demo
from delegates import demo as delegates_demo
from delegates.models import StationPage
from delegates.records import record_all
from home.demo.site import ensure_home, ensure_settings, home_blocks
from motions import demo as motions_demo
from news import demo as news_demo
from news.models import ReportPage
from voices import demo as voices_demo


class Command(BaseCommand):
    help = "Create the demo site: page tree, columns, publications, images and attachments."

    def add_arguments(self, parser):
        parser.add_argument(
            "--scale",
            type=int,
            default=1,
            help="Generate N times the base amount of content (for benchmarks).",
        )
        parser.add_argument(
            "--no-index", action="store_true", help="Skip rebuilding the search index."
        )
        parser.add_argument(
            "--bulk",
            type=int,
            default=0,
            help="Also add N publications through the bulk-insert path (benchmarks).",
        )

    def handle(self, *args, scale, no_index, bulk=0, **options):
        if scale < 1:
            self.stderr.write("--scale must be at least 1")
            return
        with transaction.atomic():
            home = ensure_home()
            ensure_settings(Site.objects.get(is_default_site=True))
            columns = news_demo.ensure_columns(home)
        with transaction.atomic():
            created = news_demo.populate(columns, scale=scale)
        with transaction.atomic():
            people = delegates_demo.populate(home, columns)
            # What happened (held receptions, published duty reports) enters the records.
            record_all()
        with transaction.atomic():
            # 网上联络站: letters in every state at the first stations (figures, public answers).
            voices_demo.populate(list(StationPage.objects.visible().order_by("path")[:4]))
        with transaction.atomic():
            # 立法意见征集: one draft open for comments, one closed with its 采纳情况.
            consultations_demo.populate(home)
            # 代表建议: suggestions in every status, led and co-signed by the demo delegates.
            motions_demo.populate(home)
        with transaction.atomic():
            links = delegates_demo.home_links()
            if not home.body:
                featured = list(ReportPage.objects.live().child_of(columns["work-reports"])[:3])
                home.body = home_blocks(columns, featured, links)
                home.save_revision().publish()
        if bulk:
            created += news_demo.bulk_populate(columns, bulk)
        self.stdout.write(f"Demo content ready: {created} publications created (scale {scale}).")
        self.stdout.write(
            "Delegates and stations: {stations} stations, {delegates} delegates created.".format(
                **people
            )
        )
        if not no_index:
            call_command("update_index", verbosity=0)
            call_command("search_rebuild", verbosity=0)
            self.stdout.write("Search index rebuilt.")
