from django.db import migrations

# Groups added to search/dictionary/synonyms.txt after 0003 loaded the file. A group is added
# unless one of the editors' groups already holds all of its terms; existing rows are left as
# they are (a term may be in several groups).
ADDED = [
    "述职报告 履职报告 履职情况报告",
    "脱产 脱离工作岗位 脱离岗位 专职",
    "回音 回复 答复 反馈 回应",
    "联系选民 联系群众 联系居民",
]


def add_groups(apps, schema_editor):
    from search.synonyms import parse_terms

    SynonymGroup = apps.get_model("portal_search", "SynonymGroup")
    existing = [set(parse_terms(text)) for text in SynonymGroup.objects.values_list("terms", flat=True)]
    for group in ADDED:
        if not any(set(parse_terms(group)) <= terms for terms in existing):
            SynonymGroup.objects.create(terms=group)


def remove_groups(apps, schema_editor):
    SynonymGroup = apps.get_model("portal_search", "SynonymGroup")
    SynonymGroup.objects.filter(terms__in=ADDED).delete()


class Migration(migrations.Migration):
    dependencies = [("portal_search", "0004_drop_document_location")]

    operations = [migrations.RunPython(add_groups, remove_groups)]
