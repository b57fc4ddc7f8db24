"""Full-text structures of the embedded backend, per database vendor.

SQLite: an FTS5 table with external content (the IndexedDocument table), kept in sync by
triggers. PostgreSQL: GIN indexes on the `simple` tsvectors the backend queries.
"""

from django.db import migrations

WORDS = ["title_words", "summary_words", "body_words", "names_words", "extra_words"]
CHARS = ["title_chars", "summary_chars", "body_chars", "extra_chars"]
COLUMNS = WORDS + CHARS
TABLE = "portal_search_indexeddocument"
FTS = "portal_search_fts"


def sqlite_forward():
    cols = ", ".join(COLUMNS)
    new = ", ".join(f"new.{c}" for c in COLUMNS)
    old = ", ".join(f"old.{c}" for c in COLUMNS)
    return [
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


def sqlite_backward():
    return [f"DROP TRIGGER IF EXISTS {FTS}_{s}" for s in ("ai", "ad", "au")] + [
        f"DROP TABLE IF EXISTS {FTS}"
    ]


def postgres_forward():
    words = " || ' ' || ".join(f"coalesce({c}, '')" for c in WORDS)
    chars = " || ' | ' || ".join(f"coalesce({c}, '')" for c in CHARS)
    return [
        f"CREATE INDEX portal_search_words_gin ON {TABLE} "
        f"USING gin (to_tsvector('simple', {words}))",
        f"CREATE INDEX portal_search_chars_gin ON {TABLE} "
        f"USING gin (to_tsvector('simple', {chars}))",
    ]


def postgres_backward():
    return [
        "DROP INDEX IF EXISTS portal_search_words_gin",
        "DROP INDEX IF EXISTS portal_search_chars_gin",
    ]


def run(statements_for):
    def apply(apps, schema_editor):
        vendor = schema_editor.connection.vendor
        statements = statements_for.get(vendor)
        if statements is None:
            return
        with schema_editor.connection.cursor() as cursor:
            for sql in statements():
                cursor.execute(sql)

    return apply


class Migration(migrations.Migration):
    dependencies = [("portal_search", "0001_initial")]

    operations = [
        migrations.RunPython(
            run({"sqlite": sqlite_forward, "postgresql": postgres_forward}),
            run({"sqlite": sqlite_backward, "postgresql": postgres_backward}),
        )
    ]
