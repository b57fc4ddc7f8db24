"""What the search index holds, and how each app says what to put in it.

One document shape serves every kind of content (notice, news, report, page, delegate, station,
reception): ``SearchDoc`` is the plain record the apps build. Each concern has its module:
``search.text`` extracts text from StreamFields, ``search.backends.mapping`` is the
Elasticsearch mapping, the embedded backend stores the same record in a database table, and
``search.rebuild`` builds every document (in several processes) for a rebuild. Both backends
index the output of ``search.analysis``.

Apps register *sources* from their own ``documents.py`` (autodiscovered when the search app is
ready), e.g. ``news/documents.py``::

    @registry.register_page(ArticlePage)
    class ArticleDocument(PublicationDocument):
        kind = "news"

A source says which objects are public (``queryset``) and turns one into a ``SearchDoc``
(``build``). Pages are keyed ``page:<id>``; other models use their own prefix
(``reception:<id>``), so the indexing queue can carry plain strings.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from django.db.models.functions import Mod

from home.visibility import visible_through

from . import boilerplate
from .analysis import analyze, generic_words, name_variants, normalize
from .plan import REPOST_KINDS, repost_title

# Builders' text helper (StreamField, rich text), kept importable from here for the apps.
from .text import plain_text  # noqa: F401

KINDS = {
    "notice": "通知公告",
    "news": "新闻动态",
    "report": "工作报告",
    "page": "栏目页面",
    "delegate": "人大代表",
    "station": "联络站",
    "reception": "接访安排",
    "answer": "群众意见答复",
    "suggestion": "代表建议",
    "consultation": "立法意见征集",
}

BODY_MAX_CHARS = 20_000  # enough for any article; keeps index size and highlighting bounded
SUGGEST_MAX_CHARS = 50  # Elasticsearch's completion field default max_input_length


@dataclass
class SearchDoc:
    """One entry of the public search index, before analysis (display text, as published)."""

    key: str
    kind: str
    title: str
    url: str
    summary: str = ""
    body: str = ""
    date: datetime.datetime | None = None
    tags: list[str] = field(default_factory=list)
    street: str = ""
    station: str = ""
    level: list[str] = field(default_factory=list)
    names: list[str] = field(default_factory=list)  # also indexed as pinyin and initials
    # Searchable but never shown (a station's communities): snippets come from summary and body,
    # the human text, never from keyword lists.
    keywords: list[str] = field(default_factory=list)
    breadcrumb: list[str] = field(default_factory=list)
    valid_until: datetime.date | None = None  # notices: still found after it, marked 已过期
    # Digests of the template sentences (``search.boilerplate``), set by the registry when it
    # builds the document: the body's sentences among them are indexed as ``template``.
    boilerplate: frozenset[str] = frozenset()

    @property
    def year(self) -> int | None:
        return self.date.year if self.date else None

    @property
    def repost_group(self) -> str:
        """Results show one document per value (``search.plan.REPOST_KINDS``): kind and title
        (``repost_title``: a yearly series is one) for publications, the document itself for
        anything else."""
        if self.kind in REPOST_KINDS:
            return f"{self.kind}:{repost_title(self.title)}"
        return self.key

    # -- analysed forms, shared by both backends -------------------------------------------

    def analyzed(self) -> dict[str, str]:
        """Segmented text per searchable field (the whitespace-analyzed form)."""
        cached = self.__dict__.get("_analyzed")
        if cached is not None:
            return cached
        pinyin = [variant for name in self.names for variant in name_variants(name)]
        # A document named after its subject (a delegate, a station) has its name's pinyin in
        # the title too, so that zxj finds 曾学军's own page before the pages that mention her.
        own = name_variants(self.title) if self.title in self.names else []
        body, template = boilerplate.split(self.body[:BODY_MAX_CHARS], self.boilerplate)
        template = analyze(template)
        # The template's words are indexed apart; the body keeps its length (placeholders).
        body = " ".join(w for w in (analyze(body), boilerplate.placeholders(template)) if w)
        return {
            "title": " ".join([analyze(self.title), *own]).strip(),
            "summary": analyze(self.summary),
            "body": body,
            "names": " ".join([analyze(" ".join(self.names)), *pinyin]).strip(),
            "extra": self.keyword_words(),
            "template": template,
        }

    def keyword_words(self) -> str:
        """The segmented keyword fields (tags, street, level, communities, and the station a
        document belongs to), the station's name without the words that name a kind of page
        (``analysis.generic_words``): every answer sent to a station carries 人大代表联络站 in
        its station's name, which says where it was sent, not what it is about, so
        人大代表联络站 (or its synonym 代表之家) must not find the answers. The name's own
        words stay (兴塘 finds the answers of 兴塘社区人大代表联络站)."""
        generic = generic_words()
        # A placeholder for each word left out: the field keeps its length (and so the
        # weight of its other words in text relevance).
        station = " ".join(
            boilerplate.PLACEHOLDER if w in generic else w for w in analyze(self.station).split()
        )
        other = analyze(" ".join([*self.tags, self.street, *self.level, *self.keywords]))
        return " ".join(part for part in (other, station) if part)

    def suggest_inputs(self) -> list[str]:
        """Prefixes that offer this document as a suggestion: the normalised title, the title
        from each of its first words on, and names with their pinyin forms."""
        cached = self.__dict__.get("_suggest")
        if cached is not None:
            return cached
        title = normalize(self.title)
        inputs = [title]
        position = 0
        for word in analyze(self.title).split()[:12]:
            found = title.find(word, position)
            if found > 0:
                inputs.append(title[found:])
                position = found
        for name in self.names:
            inputs.append(normalize(name))
            inputs.extend(name_variants(name))
        return list(dict.fromkeys(i[:SUGGEST_MAX_CHARS] for i in inputs if i))


def display_fields(doc: SearchDoc) -> dict:
    return {
        "title": doc.title,
        "summary": doc.summary,
        "body": doc.body[:BODY_MAX_CHARS],
        "url": doc.url,
        "breadcrumb": doc.breadcrumb,
        "street": doc.street,
        "station": doc.station,
    }


# -- registry -------------------------------------------------------------------------------


class DocumentSource:
    """Base class of what an app registers: a set of public objects and how to index one."""

    prefix = "object"
    kind = "page"
    model = None

    def queryset(self):
        return self.model._default_manager.all()

    def key(self, obj) -> str:
        return f"{self.prefix}:{obj.pk}"

    def build(self, obj, context: BuildContext) -> SearchDoc | None:
        raise NotImplementedError

    def get(self, pk):
        """The object if the public may see it (``queryset`` holds the visibility rule)."""
        return self.queryset().filter(pk=pk).first()

    def related_keys(self, obj) -> list[str]:
        """Other documents that show this object (e.g. a station page lists its sessions)."""
        return []

    # Non-page sources whose objects belong to a page (public only with it) name its model
    # and list the keys of a page's objects, so that hiding or moving the page re-indexes them.
    page_model = None

    def keys_for_page(self, page) -> list[str]:
        return []


class PageDocument(DocumentSource):
    """A source for one page type (and its subclasses unless they register their own)."""

    prefix = "page"

    def queryset(self):
        return visible_through(self.model.objects.all()).specific()

    def base_doc(self, page, context: BuildContext, **fields) -> SearchDoc:
        return SearchDoc(
            key=self.key(page),
            kind=self.kind,
            title=page.title,
            url=page.get_url() or page.url_path,
            breadcrumb=context.breadcrumb(page),
            **fields,
        )

    def build(self, page, context: BuildContext) -> SearchDoc | None:
        return self.base_doc(
            page,
            context,
            summary=getattr(page, "summary", "") or page.search_description,
            body=plain_text(getattr(page, "body", None)),
            date=page.last_published_at or page.first_published_at,
        )


class BuildContext:
    """Caches shared by many builds (ancestor titles), so a rebuild does not ask the database
    for the same parents again and again."""

    def __init__(self, templates: bool = True):
        self._titles: dict[str, str] = {}
        self._boilerplate = None if templates else frozenset()

    @property
    def boilerplate(self) -> frozenset[str]:
        """The template sentences' digests, read once per context."""
        if self._boilerplate is None:
            self._boilerplate = boilerplate.known()
        return self._boilerplate

    def build(self, source, obj) -> SearchDoc | None:
        doc = source.build(obj, self)
        if doc is not None:
            doc.boilerplate = self.boilerplate
        return doc

    def breadcrumb(self, page) -> list[str]:
        from wagtail.models import Page

        # Ancestors below the site root (depth 2 is the home page).
        paths = [page.path[: i * Page.steplen] for i in range(3, page.depth)]
        missing = [p for p in paths if p not in self._titles]
        if missing:
            for path, title in Page.objects.filter(path__in=missing).values_list("path", "title"):
                self._titles[path] = title
        return [self._titles[p] for p in paths if p in self._titles]


class Registry:
    def __init__(self):
        self._pages: list[PageDocument] = []
        self._sources: dict[str, DocumentSource] = {}

    def register_page(self, model):
        """Class decorator: index live, public pages of ``model`` with this source."""

        def decorator(source_class):
            source = source_class()
            source.model = model
            self._pages = [s for s in self._pages if s.model is not model] + [source]
            # Most specific first, so subclasses win over their parents.
            self._pages.sort(key=lambda s: -len(s.model.__mro__))
            return source_class

        return decorator

    def register(self, source_class):
        """Class decorator for non-page sources (their ``model`` and ``prefix`` set)."""
        source = source_class()
        self._sources[source.prefix] = source
        return source_class

    def page_source(self, page) -> PageDocument | None:
        return self.page_source_for_model(type(page))

    def page_source_for_model(self, model) -> PageDocument | None:
        for source in self._pages:
            if issubclass(model, source.model):
                return source
        return None

    def models_with_related_documents(self) -> list:
        """Page types whose documents are shown by other documents (``related_keys``)."""
        models = [
            source.model
            for source in self._pages
            if type(source).related_keys is not DocumentSource.related_keys
        ]
        models += [s.page_model for s in self._sources.values() if s.page_model is not None]
        return list(dict.fromkeys(models))

    def keys_belonging_to(self, page) -> list[str]:
        """Keys of non-page documents that belong to `page` (see ``page_model``)."""
        return [
            key
            for source in self._sources.values()
            if source.page_model is not None and isinstance(page, source.page_model)
            for key in source.keys_for_page(page)
        ]

    def watched_models(self) -> list:
        """Non-page models whose saves and deletes are indexed (they have no drafts)."""
        return [source.model for source in self._sources.values()]

    def sources_for_model(self, model) -> list[DocumentSource]:
        return [s for s in self._sources.values() if issubclass(model, s.model)]

    def sources(self) -> list[DocumentSource]:
        return [*self._pages, *self._sources.values()]

    def resolve(self, key: str) -> tuple[DocumentSource | None, object | None]:
        """The source and the current public object for a key (None, None if gone/hidden)."""
        prefix, _, pk = key.partition(":")
        if prefix == "page":
            from wagtail.models import Page

            page = Page.objects.filter(pk=pk).only("content_type").first()
            model = page.specific_class if page is not None else None
            source = self.page_source_for_model(model) if model is not None else None
        else:
            source = self._sources.get(prefix)
        if source is None:
            return None, None
        return source, source.get(pk)

    def build(self, key: str, context: BuildContext | None = None) -> SearchDoc | None:
        source, obj = self.resolve(key)
        if obj is None:
            return None
        return (context or BuildContext()).build(source, obj)

    def iter_all(
        self, chunk_size: int = 500, share: tuple[int, int] = (0, 1), templates: bool = True
    ) -> Iterator[SearchDoc]:
        """Every document that should be in the index, built from the database.

        ``share=(k, n)`` restricts it to the objects whose primary key is k modulo n, so that n
        processes can each build their part of a rebuild. Without ``templates``, the documents
        know no template sentences (for counting them: ``search.boilerplate.refresh``).
        """
        context = BuildContext(templates)
        seen_pages: set[int] = set()
        part, parts = share
        for source in self.sources():
            queryset = source.queryset()
            if parts > 1:
                queryset = queryset.alias(_share=Mod("pk", parts)).filter(_share=part)
            if isinstance(source, PageDocument):
                queryset = queryset.exclude(pk__in=seen_pages) if seen_pages else queryset
            for obj in queryset.order_by("pk").iterator(chunk_size=chunk_size):
                if isinstance(source, PageDocument):
                    if self.page_source(obj) is not source:
                        continue  # a subclass with its own source builds it
                    seen_pages.add(obj.pk)
                doc = context.build(source, obj)
                if doc is not None:
                    yield doc

    def expected_keys(self) -> set[str]:
        """The keys of every document that should be in the index (pages read as ids only)."""
        from django.contrib.contenttypes.models import ContentType

        keys: set[str] = set()
        for source in self.sources():
            if not isinstance(source, PageDocument):
                keys.update(source.key(obj) for obj in source.queryset().iterator(2000))
                continue
            rows = source.queryset().prefetch_related(None).values_list("pk", "content_type_id")
            for pk, content_type_id in rows.iterator(chunk_size=2000):
                model = ContentType.objects.get_for_id(content_type_id).model_class()
                if model is not None and self.page_source_for_model(model) is source:
                    keys.add(f"{source.prefix}:{pk}")
        return keys


registry = Registry()


def chunked(iterable: Iterable, size: int) -> Iterator[list]:
    batch = []
    for item in iterable:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def iter_prepared(workers: int = 1, batch_size: int = 200):
    """Every document of the index, built and analysed (see ``search.rebuild``)."""
    from .rebuild import iter_prepared as prepared

    return prepared(workers, batch_size)
