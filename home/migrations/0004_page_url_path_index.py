from django.db import migrations

INDEX = "home_page_url_path"


def create_index(apps, schema_editor):
    """Every request routes by url_path (home/routing.py reads the pages whose url_path is a
    prefix of the path asked for), and Wagtail leaves the column unindexed: without this each
    request scans the whole page table. A hash index on PostgreSQL, whose B-tree entries are
    limited to about 2.7 kB and a url_path of Chinese slugs can be longer."""
    method = "USING hash " if schema_editor.connection.vendor == "postgresql" else ""
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {INDEX} ON wagtailcore_page {method}(url_path)"
    )


def drop_index(apps, schema_editor):
    schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0003_home_without_search_box"),
    ]

    operations = [migrations.RunPython(create_index, drop_index, elidable=False)]
