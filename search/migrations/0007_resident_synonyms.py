from django.db import migrations

# Groups added to search/dictionary/synonyms.txt after 0005: residents' everyday words beside
# the words the texts use (约见/约访, 兼任/担任, 上访/信访). Only words specific enough that
# their other terms do not fill boilerplate text (不够/不足 was tried: every page of a kind says
# 资金保障不足). A group is added unless one of the editors' groups already holds all of its
# terms; existing rows are left as they are (a term may be in several groups).
ADDED = [
    "工资 报酬 薪酬 补贴 补助",
    "老人 老年人 长者",
    "孩子 儿童 未成年人",
    "街道办 街道办事处",
    "上访 信访",
    "热线 热线电话 电话",
    "约见 约访 预约",
    "兼任 担任",
]


def add_groups(apps, schema_editor):
    from search.synonyms import add_shipped

    add_shipped(apps, ADDED)


def remove_groups(apps, schema_editor):
    from search.synonyms import remove_shipped

    remove_shipped(apps, ADDED)


class Migration(migrations.Migration):
    dependencies = [("portal_search", "0006_repost_group")]

    operations = [migrations.RunPython(add_groups, remove_groups)]
