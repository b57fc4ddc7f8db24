from django.db import migrations, models


def fill(apps, schema_editor):
    """The documents already indexed get their group as a reindex would give it
    (``SearchDoc.repost_group``), so results keep showing reposts once."""
    from search.plan import REPOST_KINDS, repost_title

    IndexedDocument = apps.get_model("portal_search", "IndexedDocument")
    rows = IndexedDocument.objects.only("pk", "key", "kind", "display")
    changed = []
    for row in rows.iterator(chunk_size=2000):
        if row.kind in REPOST_KINDS:
            row.repost_group = f"{row.kind}:{repost_title(row.display.get('title', ''))}"[:300]
        else:
            row.repost_group = row.key
        changed.append(row)
        if len(changed) >= 2000:
            IndexedDocument.objects.bulk_update(changed, ["repost_group"])
            changed = []
    IndexedDocument.objects.bulk_update(changed, ["repost_group"])


class Migration(migrations.Migration):
    dependencies = [("portal_search", "0005_more_synonyms")]

    operations = [
        # Nullable without a default: SQLite adds the column in place, keeping the table's
        # full-text triggers.
        migrations.AddField(
            model_name="indexeddocument",
            name="repost_group",
            field=models.CharField(max_length=300, null=True),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
