"""PostgreSQL: the embedded backend's tsvectors stored in generated columns.

Before, every statement computed ``to_tsvector`` over each matched row's text four to nine
times (found, cover, originals, rank, each character column for closeness): 1.5 s for a word
matching 500 of 10,000 documents. Stored once at write time, a statement only reads them.

- ``found_vector``: what finds a document (its words and its template sentences);
- ``words_vector``: its own words (cover, originals and rank);
- ``chars_vector``: its character columns, each with its own weight (title A, summary B,
  body C, extra D), so a closeness check can ask for two runs within one column.

The GIN indexes move from the expressions to the columns. SQLite: nothing (FTS5 already
stores its index).
"""

from django.db import migrations

WORDS = ["title_words", "summary_words", "body_words", "names_words", "extra_words"]
FOUND = [*WORDS, "template_words"]
CHARS = ["title_chars", "summary_chars", "body_chars", "extra_chars"]
WEIGHTS = "ABCD"
TABLE = "portal_search_indexeddocument"


def _text(columns, separator=" "):
    return f" || '{separator}' || ".join(f"coalesce({c}, '')" for c in columns)


def _chars():
    return " || ".join(
        f"setweight(to_tsvector('simple', coalesce({c}, '')), '{w}')"
        for c, w in zip(CHARS, WEIGHTS, strict=True)
    )


FORWARD = [
    "DROP INDEX IF EXISTS portal_search_words_gin",
    "DROP INDEX IF EXISTS portal_search_chars_gin",
    f"ALTER TABLE {TABLE} "
    f"ADD COLUMN found_vector tsvector GENERATED ALWAYS AS "
    f"(to_tsvector('simple', {_text(FOUND)})) STORED, "
    f"ADD COLUMN words_vector tsvector GENERATED ALWAYS AS "
    f"(to_tsvector('simple', {_text(WORDS)})) STORED, "
    f"ADD COLUMN chars_vector tsvector GENERATED ALWAYS AS ({_chars()}) STORED",
    f"CREATE INDEX portal_search_words_gin ON {TABLE} USING gin (found_vector)",
    f"CREATE INDEX portal_search_chars_gin ON {TABLE} USING gin (chars_vector)",
]

BACKWARD = [
    "DROP INDEX IF EXISTS portal_search_words_gin",
    "DROP INDEX IF EXISTS portal_search_chars_gin",
    f"ALTER TABLE {TABLE} DROP COLUMN found_vector, DROP COLUMN words_vector, "
    "DROP COLUMN chars_vector",
    f"CREATE INDEX portal_search_words_gin ON {TABLE} "
    f"USING gin (to_tsvector('simple', {_text(FOUND)}))",
    f"CREATE INDEX portal_search_chars_gin ON {TABLE} "
    f"USING gin (to_tsvector('simple', {_text(CHARS, ' | ')}))",
]


def run(statements):
    def apply(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        with schema_editor.connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)

    return apply


class Migration(migrations.Migration):
    dependencies = [("portal_search", "0010_word_counts")]

    operations = [migrations.RunPython(run(FORWARD), run(BACKWARD))]
