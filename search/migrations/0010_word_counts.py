"""Each document's token count per word column (``IndexedDocument.word_counts``): the field
lengths of the SQLite re-rank's statistics. Filled here for the rows already indexed (one pass
over the table), then by the indexer: no rebuild needed."""

from django.db import migrations, models

TABLE = "portal_search_indexeddocument"
COLUMNS = [
    "title_words",
    "summary_words",
    "body_words",
    "names_words",
    "extra_words",
    "template_words",
]


def fill(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":

        def count(c):
            return (
                f"(CASE WHEN coalesce({c}, '') = '' THEN 0 "
                f"ELSE length({c}) - length(replace({c}, ' ', '')) + 1 END)"
            )

        pairs = ", ".join(f"'{c}', {count(c)}" for c in COLUMNS)
        sql = f"UPDATE {TABLE} SET word_counts = json_object({pairs})"
    elif vendor == "postgresql":

        def count(c):
            return f"coalesce(array_length(string_to_array(nullif({c}, ''), ' '), 1), 0)"

        pairs = ", ".join(f"'{c}', {count(c)}" for c in COLUMNS)
        sql = f"UPDATE {TABLE} SET word_counts = json_build_object({pairs})"
    else:
        return
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("portal_search", "0009_fts_vocabulary")]

    operations = [
        migrations.AddField(
            model_name="indexeddocument",
            name="word_counts",
            field=models.JSONField(null=True),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
