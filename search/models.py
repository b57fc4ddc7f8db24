"""Tables of the search app: the embedded backend's index and the query statistics."""

from django.db import connection, models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class IndexedDocument(models.Model):
    """One document of the embedded backend. On SQLite an FTS5 table (``portal_search_fts``,
    created in the migrations) mirrors the ``*_words`` and ``*_chars`` columns through triggers;
    on PostgreSQL the same columns are searched through tsvectors stored in generated columns
    (``found_vector``, ``words_vector``, ``chars_vector``: migration 0011), not on the model."""

    key = models.CharField(max_length=100, unique=True)
    kind = models.CharField(max_length=20, db_index=True)
    date = models.DateTimeField(null=True, db_index=True)
    year = models.IntegerField(null=True, db_index=True)
    street = models.CharField(max_length=100, blank=True, db_index=True)
    station = models.CharField(max_length=200, blank=True)
    valid_until = models.DateField(null=True)
    title_words = models.TextField(blank=True)
    summary_words = models.TextField(blank=True)
    body_words = models.TextField(blank=True)
    names_words = models.TextField(blank=True)
    extra_words = models.TextField(blank=True)
    # Template sentences (``search.boilerplate``): found, but weighing little.
    template_words = models.TextField(blank=True, null=True)
    title_chars = models.TextField(blank=True)
    summary_chars = models.TextField(blank=True)
    body_chars = models.TextField(blank=True)
    extra_chars = models.TextField(blank=True)
    display = models.JSONField(default=dict)
    # ``SearchDoc.repost_group``: results show one document per value. Nullable (no default)
    # so that adding it keeps the SQLite table and its full-text triggers; null until reindexed.
    repost_group = models.CharField(max_length=300, null=True)
    # How many tokens each ``*_words`` column holds ({"title_words": 3, ...}): the field
    # lengths of the SQLite re-rank's statistics (``search.backends.rescore``). Nullable, as
    # above (filled for existing rows by migration 0010).
    word_counts = models.JSONField(null=True)

    def __str__(self):
        return self.key


class BoilerplateSentence(models.Model):
    """A sentence that many documents repeat (``search.boilerplate``): its digest and in how
    many documents it was counted at the last refresh."""

    digest = models.CharField(max_length=16, unique=True)
    documents = models.PositiveIntegerField()

    def __str__(self):
        return self.digest


class SuggestEntry(models.Model):
    """A prefix under which a document is suggested (same inputs as the ES completion field)."""

    document = models.ForeignKey(IndexedDocument, on_delete=models.CASCADE, related_name="+")
    text = models.CharField(max_length=50, db_index=True)

    def __str__(self):
        return self.text


class QueryStat(models.Model):
    """Searches by residents, counted per normalised query, with how many found nothing.

    Wagtail's own query log (search promotions) records popular queries; this table adds the
    zero-result count that editors need to see what residents look for and do not find."""

    query_string = models.CharField(max_length=100, unique=True, verbose_name=_("搜索词"))
    searches = models.PositiveIntegerField(default=0, verbose_name=_("搜索次数"))
    zero_results = models.PositiveIntegerField(default=0, verbose_name=_("无结果次数"))
    last_searched = models.DateTimeField(default=timezone.now, verbose_name=_("最近搜索"))

    class Meta:
        verbose_name = _("搜索词统计")
        verbose_name_plural = _("搜索词统计")

    def __str__(self):
        return self.query_string

    @classmethod
    def record(cls, query_string: str, found: int) -> None:
        """Count one search of ``query_string`` (normalised as Wagtail's query log does it) in
        Wagtail's log (today's ``QueryDailyHits`` of its ``Query``, which the promoted-results
        admin reads) and in this table: two upserts (a third statement the first time a query
        is seen). Each is one atomic increment in the database, its own transaction, so
        concurrent searches never lose a count; the two counters are independent, so they
        need no transaction around both (a search page pays for no BEGIN and COMMIT)."""
        from wagtail.contrib.search_promotions.models import Query, QueryDailyHits
        from wagtail.search.utils import normalise_query_string

        query_string = normalise_query_string(query_string)
        now = timezone.now()
        quote = connection.ops.quote_name
        query_table, hits_table = quote(Query._meta.db_table), quote(QueryDailyHits._meta.db_table)
        stat_table = quote(cls._meta.db_table)
        count_hit = (
            f"INSERT INTO {hits_table} (query_id, date, hits) "
            f"SELECT id, %s, 1 FROM {query_table} WHERE query_string = %s "
            f"ON CONFLICT (query_id, date) DO UPDATE SET hits = {hits_table}.hits + 1"
        )
        hit_params = [connection.ops.adapt_datefield_value(now.date()), query_string]
        with connection.cursor() as cursor:
            cursor.execute(count_hit, hit_params)
            if not cursor.rowcount:  # a query never logged before
                cursor.execute(
                    f"INSERT INTO {query_table} (query_string) VALUES (%s) "
                    "ON CONFLICT (query_string) DO NOTHING",
                    [query_string],
                )
                cursor.execute(count_hit, hit_params)
            cursor.execute(
                f"INSERT INTO {stat_table} (query_string, searches, zero_results, last_searched) "
                "VALUES (%s, 1, %s, %s) ON CONFLICT (query_string) DO UPDATE SET "
                f"searches = {stat_table}.searches + 1, "
                f"zero_results = {stat_table}.zero_results + excluded.zero_results, "
                "last_searched = excluded.last_searched",
                [
                    query_string[:100],
                    0 if found else 1,
                    connection.ops.adapt_datetimefield_value(now),
                ],
            )


class SynonymGroup(models.Model):
    """Words that mean the same thing to residents and in official texts (捐款 / 捐赠 / 善款).

    Applied when a query is run, never when indexing: an edit takes effect on the next search.
    The groups shipped in ``search/dictionary/synonyms.txt`` are loaded by a data migration."""

    terms = models.TextField(
        verbose_name=_("同义词"),
        help_text=_("同一组的词语，用空格、逗号或换行分隔。第一个词用于显示。"),
    )
    note = models.CharField(max_length=200, blank=True, verbose_name=_("备注"))

    class Meta:
        ordering = ["pk"]
        verbose_name = _("同义词组")
        verbose_name_plural = _("同义词组")

    def __str__(self):
        return " / ".join(self.term_list()[:4])

    def term_list(self) -> list[str]:
        from .synonyms import parse_terms

        return parse_terms(self.terms)
