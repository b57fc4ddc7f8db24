"""Recompute the directory's sort key with surnames read as surnames (曾 under z)."""

from django.db import migrations


def recompute(apps, schema_editor):
    from delegates.models.delegate import pinyin_key

    DelegatePage = apps.get_model("delegates", "DelegatePage")
    changed = []
    for delegate in DelegatePage.objects.only("pk", "title", "name_pinyin").iterator():
        key = pinyin_key(delegate.title)
        if key != delegate.name_pinyin:
            delegate.name_pinyin = key
            changed.append(delegate)
    DelegatePage.objects.bulk_update(changed, ["name_pinyin"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [("delegates", "0003_station_assessment_permission")]

    operations = [migrations.RunPython(recompute, migrations.RunPython.noop)]
