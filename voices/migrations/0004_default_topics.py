"""The 意见类别 a new site starts with (editors change them under 网上联络站 → 意见类别): without
any, the residents' form could not be sent."""

from django.db import migrations

TOPICS = (
    "城市建设",
    "交通出行",
    "环境卫生",
    "物业管理",
    "教育医疗",
    "养老服务",
    "社会保障",
    "就业创业",
    "平安法治",
    "其他",
)


def add_topics(apps, schema_editor):
    OpinionTopic = apps.get_model("voices", "OpinionTopic")
    if OpinionTopic.objects.exists():
        return
    OpinionTopic.objects.bulk_create(
        OpinionTopic(name=name, sort_order=10 * (i + 1)) for i, name in enumerate(TOPICS)
    )


class Migration(migrations.Migration):
    dependencies = [("voices", "0003_reminders")]

    operations = [migrations.RunPython(add_topics, migrations.RunPython.noop)]
