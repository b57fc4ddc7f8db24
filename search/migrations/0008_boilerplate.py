"""Template sentences (``search.boilerplate``): their table, and the embedded index's
``template_words`` column, searched (SQLite: a column of the FTS5 table, recreated with it;
PostgreSQL: in the words GIN index) but not ranked like the document's own words."""

from django.db import migrations, models

WORDS = ["title_words", "summary_words", "body_words", "names_words", "extra_words"]
CHARS = ["title_chars", "summary_chars", "body_chars", "extra_chars"]
TABLE = "portal_search_indexeddocument"
FTS = "portal_search_fts"


def sqlite_fts(columns):
    cols = ", ".join(columns)
    new = ", ".join(f"new.{c}" for c in columns)
    old = ", ".join(f"old.{c}" for c in columns)
    return [
        *(f"DROP TRIGGER IF EXISTS {FTS}_{s}" for s in ("ai", "ad", "au")),
        f"DROP TABLE IF EXISTS {FTS}",
        f"CREATE VIRTUAL TABLE {FTS} USING fts5({cols}, content='{TABLE}', content_rowid='id', "
        "tokenize='unicode61 remove_diacritics 0')",
        f"CREATE TRIGGER {FTS}_ai AFTER INSERT ON {TABLE} BEGIN "
        f"INSERT INTO {FTS}(rowid, {cols}) VALUES (new.id, {new}); END",
        f"CREATE TRIGGER {FTS}_ad AFTER DELETE ON {TABLE} BEGIN "
        f"INSERT INTO {FTS}({FTS}, rowid, {cols}) VALUES ('delete', old.id, {old}); END",
        f"CREATE TRIGGER {FTS}_au AFTER UPDATE ON {TABLE} BEGIN "
        f"INSERT INTO {FTS}({FTS}, rowid, {cols}) VALUES ('delete', old.id, {old}); "
        f"INSERT INTO {FTS}(rowid, {cols}) VALUES (new.id, {new}); END",
        f"INSERT INTO {FTS}({FTS}) VALUES ('rebuild')",
    ]


def postgres_words_index(columns):
    words = " || ' ' || ".join(f"coalesce({c}, '')" for c in columns)
    return [
        "DROP INDEX IF EXISTS portal_search_words_gin",
        f"CREATE INDEX portal_search_words_gin ON {TABLE} "
        f"USING gin (to_tsvector('simple', {words}))",
    ]


STATEMENTS = {
    True: {
        "sqlite": sqlite_fts([*WORDS, *CHARS, "template_words"]),
        "postgresql": postgres_words_index([*WORDS, "template_words"]),
    },
    False: {
        "sqlite": sqlite_fts([*WORDS, *CHARS]),
        "postgresql": postgres_words_index(WORDS),
    },
}


def run(forward):
    def apply(apps, schema_editor):
        with schema_editor.connection.cursor() as cursor:
            for sql in STATEMENTS[forward].get(schema_editor.connection.vendor, []):
                cursor.execute(sql)

    return apply


class Migration(migrations.Migration):
    dependencies = [("portal_search", "0007_resident_synonyms")]

    operations = [
        migrations.CreateModel(
            name="BoilerplateSentence",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("digest", models.CharField(max_length=16, unique=True)),
                ("documents", models.PositiveIntegerField()),
            ],
        ),
        # Nullable without a default: SQLite adds the column in place (see 0006).
        migrations.AddField(
            model_name="indexeddocument",
            name="template_words",
            field=models.TextField(blank=True, null=True),
        ),
        migrations.RunPython(run(True), run(False)),
    ]
