"""Many pages at once, for benchmarks: 10,000 pages through Wagtail's ``add_child`` take many
minutes, through these bulk inserts seconds.

Rows are real, live pages without revisions: tree paths are computed here (treebeard's
materialised path), base ``Page`` rows go through ``bulk_create`` and each concrete subclass
table through one multi-row INSERT per batch. Signals do not fire (rebuild the search index
afterwards); child rows (inline panels) are the caller's to add once the pages have ids.
"""

from __future__ import annotations

import uuid

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.utils import timezone
from wagtail.models import Locale, Page


def add_pages(batch: list[tuple[Page, Page]]) -> None:
    """Insert unsaved pages (``(parent, page)`` pairs) as live children of their parents. A
    page's ``first_published_at`` is kept when set (else now); the pages get their ids."""
    locale = Locale.get_default()
    now = timezone.now()
    with transaction.atomic():
        by_parent: dict[int, list[Page]] = {}
        for parent, page in batch:
            by_parent.setdefault(parent.pk, []).append(page)
        base_rows, specific = [], []
        for parent_pk, pages in by_parent.items():
            parent = Page.objects.select_for_update().get(pk=parent_pk)
            last = parent.get_last_child()
            step = Page._str2int(last.path[-Page.steplen :]) if last else 0
            for page in pages:
                step += 1
                slug = f"bulk-{uuid.uuid4().hex[:12]}"
                page.slug = slug
                page.path = Page._get_path(parent.path, parent.depth + 1, step)
                page.depth = parent.depth + 1
                page.numchild = 0
                page.url_path = f"{parent.url_path}{slug}/"
                page.live = True
                page.draft_title = page.title
                page.locale = locale
                page.translation_key = uuid.uuid4()
                page.first_published_at = page.last_published_at = page.first_published_at or now
                page.content_type = ContentType.objects.get_for_model(type(page))
                base_rows.append(
                    Page(
                        **{
                            f.attname: getattr(page, f.attname)
                            for f in Page._meta.concrete_fields
                            if f.attname != "id"
                        }
                    )
                )
                specific.append(page)
            Page.objects.filter(pk=parent_pk).update(numchild=parent.numchild + len(pages))
        Page.objects.bulk_create(base_rows)
        tables: dict[type, list[Page]] = {}
        for base, page in zip(base_rows, specific, strict=True):
            page.id = base.pk
            for model in [type(page), *type(page)._meta.get_parent_list()]:
                for link in model._meta.parents.values():
                    if link is not None:
                        setattr(page, link.attname, base.pk)
        for page in specific:
            for model in [*reversed(type(page)._meta.get_parent_list()), type(page)]:
                if model is not Page and not model._meta.abstract:
                    tables.setdefault(model, []).append(page)
        for model, pages in tables.items():
            _insert_rows(model, pages)


def _insert_rows(model, objs) -> None:
    fields = list(model._meta.local_concrete_fields)
    qn = connection.ops.quote_name
    columns = ", ".join(qn(f.column) for f in fields)
    placeholders = ", ".join(["%s"] * len(fields))
    sql = f"INSERT INTO {qn(model._meta.db_table)} ({columns}) VALUES ({placeholders})"
    rows = [
        [f.get_db_prep_save(f.pre_save(obj, add=True), connection) for f in fields] for obj in objs
    ]
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)
