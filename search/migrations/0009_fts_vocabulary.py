"""The embedded index's vocabulary (SQLite): an ``fts5vocab`` table over ``portal_search_fts``
giving each term's document frequency per column, read by ``search.backends.rescore`` (one
lookup per query word). A view of the index: nothing to rebuild."""

from django.db import migrations

FTS = "portal_search_fts"
VOCAB = "portal_search_fts_col"


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        with schema_editor.connection.cursor() as cursor:
            cursor.execute(
                f"CREATE VIRTUAL TABLE IF NOT EXISTS {VOCAB} USING fts5vocab({FTS}, 'col')"
            )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        with schema_editor.connection.cursor() as cursor:
            cursor.execute(f"DROP TABLE IF EXISTS {VOCAB}")


class Migration(migrations.Migration):
    dependencies = [("portal_search", "0008_boilerplate")]

    operations = [migrations.RunPython(create, drop)]
