"""Elasticsearch backend: versioned physical indices behind an alias, DSL documents, bulk loads.

Layout for prefix ``portal``:
- ``portal-documents``            the alias every read and write goes to;
- ``portal-documents-<stamp>``    the physical indices (one normally; two during a rebuild);
- ``portal-documents-building``   an alias on the index being rebuilt, so that index updates
                                  arriving during a rebuild are written to both indices.
"""

from __future__ import annotations

import datetime
import functools
import time

from django.utils import timezone
from elasticsearch import ApiError, Elasticsearch, NotFoundError, TransportError, helpers

from .. import boilerplate
from ..documents import SearchDoc, chunked
from ..plan import (
    NEAR_WINDOW,
    RECENCY_WEIGHT,
    RECENT_KINDS,
    RESCORE_WINDOW,
    TEMPLATE_KINDS,
    QueryPlan,
)
from .base import (
    SearchBackend,
    SearchRequest,
    SearchResults,
    SearchUnavailable,
    Suggestion,
    facet_buckets,
    make_hit,
)
from .mapping import PortalDocument

# Score added per query group matched: larger than any text relevance, so documents with more
# of the query's words (or their synonyms) always rank first. The bonuses below are tiers of
# the same kind, each larger than all the lower ones together (the embedded backend orders by
# the same counts one after the other): template pages the query names or other documents
# (OWN_BONUS), neighbouring query words close together (NEAR_BONUS, at most plan.NEAR_PAIRS),
# original words rather than synonyms (ORIGINAL_BONUS per group), then text relevance.
COVER = 100000.0
OWN_BONUS = 50000.0
NEAR_BONUS = 10000.0
ORIGINAL_BONUS = 1000.0
OWN_FIELDS = ["title", "names"]
WORD_FIELDS = ["title^3", "summary^2", "body", "names^3", "extra^1.5"]
NEAR_FIELDS = ["title.chars", "summary.chars", "body.chars", "extra.chars"]
CHAR_FIELDS = ["title.chars^1.5", "summary.chars", "body.chars^0.5", "extra.chars^0.5"]
# Template sentences (``search.boilerplate``): a group found there only is matched (the
# document is found) with this much relevance and none of the tiers above.
TEMPLATE_FIELD = "template"
RELEVANCE_ORDER = ["_score", {"date": {"order": "desc", "missing": "_last"}}]
SOURCE_FIELDS = ["key", "kind", "date", "valid_until", "display"]
INDEX_SETTINGS = {"number_of_shards": 1, "number_of_replicas": 0}


def make_client(config: dict) -> Elasticsearch:
    kwargs = {
        "request_timeout": config.get("ELASTICSEARCH_TIMEOUT") or 10,
        "max_retries": 0,  # the queue retries; a web request should fail fast
        "retry_on_timeout": False,
    }
    if config.get("ELASTICSEARCH_API_KEY"):
        kwargs["api_key"] = config["ELASTICSEARCH_API_KEY"]
    elif config.get("ELASTICSEARCH_USERNAME"):
        kwargs["basic_auth"] = (
            config["ELASTICSEARCH_USERNAME"],
            config.get("ELASTICSEARCH_PASSWORD", ""),
        )
    if config.get("ELASTICSEARCH_CA_CERTS"):
        kwargs["ca_certs"] = config["ELASTICSEARCH_CA_CERTS"]
    return Elasticsearch(config["ELASTICSEARCH_URL"], **kwargs)


def _unavailable(func):
    """Turn connection and server errors into SearchUnavailable (callers degrade gracefully)."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        try:
            return func(*args, **kwargs)
        except (TransportError, ApiError, helpers.BulkIndexError) as exc:
            raise SearchUnavailable(str(exc)[:500]) from exc

    return wrapper


def bool_(**clauses) -> dict:
    """A ``bool`` query of the clauses given (empty lists left out, as Elasticsearch's DSL
    left them out)."""
    return {"bool": {name: value for name, value in clauses.items() if value != []}}


def multi_match(query: str, fields: list, **options) -> dict:
    return {"multi_match": {"query": query, "fields": fields, **options}}


def terms(field: str, values) -> dict:
    return {"terms": {field: list(values)}}


def constant(query: dict, points: float) -> dict:
    """``points`` for every document ``query`` matches (its relevance ignored)."""
    return {"constant_score": {"filter": query, "boost": points}}


def plus(query: dict, points: float) -> dict:
    """``query`` scored as its own relevance plus ``points`` where it matches: the same score
    as ``constant_score(filter=query, boost=points)`` beside ``query`` in a bool, with the
    query evaluated once instead of twice (phrases over the character fields of tens of
    thousands of matches are what a common word costs)."""
    return {
        "function_score": {
            "query": query,
            "functions": [{"weight": points}],
            "score_mode": "sum",
            "boost_mode": "sum",
        }
    }


def today() -> str:
    """The recency bonus's origin: today, not ``now``. A request naming ``now`` cannot be
    kept in Elasticsearch's request cache; one naming the day can, until the index changes
    (a refresh after a write) or the day does."""
    return timezone.localdate().isoformat()


class ElasticsearchQuery:
    """Builds the Elasticsearch request bodies for a SearchRequest (query, filters, facets,
    sort), as plain dicts (building them as elasticsearch-dsl objects cost several times the
    Python time of the rest of a search; ``tests/search/test_es_requests.py`` holds the
    requests the two ways build the same).

    The text query follows ``search.plan``: each group of the plan adds ``COVER`` times its
    weight to the score of the documents it matches (a constant, so the number of groups
    matched decides first), plus its BM25 relevance (original word weight 1, synonyms less);
    the query as a phrase of characters counts as every group once more; news kinds get a
    gentle recency bonus.
    """

    def __init__(
        self,
        request: SearchRequest,
        require_all: bool = True,
        without_kinds: tuple = (),
        least: int = 1,
    ):
        self.request = request
        self.plan = request.plan
        self.require_all = require_all
        # Without every group required: how many groups the ranked page's documents must match
        # (the facets and the total count every document matching one). Documents matching
        # fewer groups rank below all those matching more (``COVER``), so when the documents
        # matching ``least`` fill the page, it is the page of all matches (``execute``).
        self.least = least
        self.without_kinds = without_kinds  # left out of the hits (not of the aggregations)

    @staticmethod
    def alternative_query(alternative) -> dict:
        if alternative.chars:  # a run of characters, in the character-level sub-fields
            return multi_match(
                " ".join(alternative.tokens),
                CHAR_FIELDS,
                type="phrase",
                boost=alternative.weight,
            )
        # cross_fields: a word's rarity is measured once over all the fields (blended
        # document frequencies), so a word common in bodies does not turn rare, and decisive,
        # the one time it is in a summary.
        if len(alternative.tokens) == 1:
            return multi_match(
                alternative.tokens[0],
                WORD_FIELDS,
                type="cross_fields",
                boost=alternative.weight,
            )
        queries = [
            multi_match(token, WORD_FIELDS, type="cross_fields") for token in alternative.tokens
        ]
        return bool_(must=queries, boost=alternative.weight)

    def group_query(self, group) -> dict:
        alternatives = [self.alternative_query(a) for a in group.alternatives]
        if group.synonyms:  # the original word counts a little more than a synonym
            alternatives[0] = plus(alternatives[0], ORIGINAL_BONUS)
        # A group scores its best alternative, not their sum (a page repeating several synonyms
        # must not outscore the page with the word itself), and the other alternatives score
        # only the documents without the word: they are there to find those (a synonym in a
        # title must not outscore the word in a text about it).
        best = alternatives[0]
        if len(alternatives) > 1:
            others = {"dis_max": {"queries": alternatives[1:]}}
            best = {
                "dis_max": {
                    "queries": [best, bool_(must=[others], must_not=[alternatives[0]])],
                }
            }
        scored = plus(best, COVER * group.weight)
        words = [a for a in group.alternatives if not a.chars]
        if not words:
            return scored
        template = {
            "dis_max": {
                "queries": [
                    bool_(must=[{"match": {TEMPLATE_FIELD: t}} for t in a.tokens]) for a in words
                ],
                "boost": boilerplate.WEIGHT * group.weight,
            }
        }
        return bool_(should=[scored, template], minimum_should_match=1)

    def text_query(self, near: bool = True, least: int = 1) -> dict:
        """The query; without ``near``, the close-pairs tier is left to a rescore of the best
        candidates (``near_clauses``); ``least``: the groups a document must match at least
        when not all are required."""
        plan = self.plan
        should = []
        if plan.groups:
            groups = [self.group_query(g) for g in plan.groups]
            needed = len(groups) if self.require_all else least
            should.append(bool_(should=groups, minimum_should_match=needed))
        if plan.chars:
            # The query as a run of characters: a safety net for words the dictionary lacks,
            # and an adjacency boost (it counts as matching every group once more).
            phrase = multi_match(plan.chars, CHAR_FIELDS, type="phrase")
            points = COVER * plan.cover
            if plan.phrase_is_word:
                # The query is one dictionary word: its documents hold its characters as a
                # run, so they count as matching the phrase without checking it; the
                # phrase's positions are read only for documents without the word (a filter's
                # disjunction stops at its first match). A common word matches tens of
                # thousands of documents: checking the phrase in each was most of its cost.
                word = self.alternative_query(plan.groups[0].original)
                phrase = bool_(should=[word, phrase], minimum_should_match=1)
            if plan.groups:
                # Its text relevance only when there are no words to score: otherwise the
                # words' relevance counts once (a phrase's statistics are per field, so a
                # word rare in summaries would outweigh the text that is about it).
                should.append(constant(phrase, points))
            else:
                should.append(plus(phrase, points))
        own = [constant(self.own_filter(), OWN_BONUS)] if plan.groups else []
        # News kinds: a gentle recency bonus, at most RECENCY_WEIGHT, halved after a year
        # (as the embedded backend's factor); other kinds get none (reference texts do not age).
        recency = bool_(
            filter=[terms("kind", RECENT_KINDS)],
            must=[
                {
                    "distance_feature": {
                        "field": "date",
                        "origin": today(),
                        "pivot": "365d",
                        "boost": RECENCY_WEIGHT,
                    }
                }
            ],
        )
        return bool_(
            must=[bool_(should=should, minimum_should_match=1)],
            should=[*own, *(self.near_clauses() if near else []), recency],
        )

    def near_clauses(self) -> list:
        """``NEAR_BONUS`` for each pair of neighbouring words found close together and each
        run of the question found whole (``QueryPlan.pairs``, ``QueryPlan.runs``)."""
        plan = self.plan
        near = [constant(self.near_filter(combos), NEAR_BONUS) for combos in plan.pairs]
        near += [
            constant(multi_match(" ".join(run), CHAR_FIELDS, type="phrase"), NEAR_BONUS)
            for run in plan.runs
        ]
        return near

    @staticmethod
    def near_filter(combos) -> dict:
        """Any of the pairs of character runs at most ``NEAR_WINDOW`` characters apart (either
        order) in one character-level field. Interval queries, not span queries: the same
        matches (the same top 20 for the bench's queries) for about 15% less of
        Elasticsearch's time on the queries with close pairs; the characters are terms as
        they are (the keyword analyzer), as span terms took them."""

        def run(chars):
            rules = [{"match": {"query": c, "analyzer": "keyword"}} for c in chars]
            if len(rules) == 1:
                return rules[0]
            return {"all_of": {"ordered": True, "max_gaps": 0, "intervals": rules}}

        return bool_(
            should=[
                {
                    "intervals": {
                        field: {
                            "all_of": {
                                "ordered": False,
                                "max_gaps": NEAR_WINDOW,
                                "intervals": [run(a), run(b)],
                            }
                        }
                    }
                }
                for a, b in combos
                for field in NEAR_FIELDS
            ],
            minimum_should_match=1,
        )

    def own_filter(self) -> dict:
        """Documents that are not template pages, or whose title or names carry every group's
        original word (the query names this station or delegate; ``QueryPlan.names_pages``)."""
        others = bool_(must_not=[terms("kind", TEMPLATE_KINDS)])
        if not self.plan.names_pages:
            return others
        named = [
            bool_(must=[multi_match(t, OWN_FIELDS) for t in g.original.tokens])
            for g in self.plan.groups
        ]
        return bool_(should=[others, bool_(must=named)], minimum_should_match=1)

    @staticmethod
    def filter_clauses(filters: dict) -> list:
        clauses = []
        if "kind" in filters:
            clauses.append(terms("kind", filters["kind"]))
        if "year" in filters:
            clauses.append({"term": {"year": filters["year"]}})
        if "street" in filters:
            clauses.append({"term": {"street": filters["street"]}})
        return clauses

    def post_filter(self) -> dict | None:
        """What the hits (and their total) are narrowed to, after the facets are counted."""
        post = self.filter_clauses(self.request.filters())
        if self.without_kinds:
            post.append(bool_(must_not=[terms("kind", self.without_kinds)]))
        return bool_(filter=post) if post else None

    def build(self, counted: bool = False) -> dict:
        """The ranked page's request body, with its facet counts and sampled titles unless
        they are ``counted`` apart (``counts`` and ``samples``, asked beside it in the same
        multi search). Every body is asked with the request cache (``ElasticsearchBackend``):
        common words asked again (the same query, page and filters) are answered from the
        shard's request cache until the index changes."""
        request = self.request
        # Close pairs (span queries over the character fields) are the costliest tier: in
        # relevance order they are added in a rescore of the best RESCORE_WINDOW candidates
        # instead of being evaluated for every match (a common word matches tens of
        # thousands). A rescore allows no sort but the score (dates no longer break ties).
        near = self.near_clauses() if request.sort != "date" else []
        body = {"query": self.text_query(near=not near, least=self.least)}
        post = self.post_filter()
        if post is not None:
            body["post_filter"] = post
        aggs = {}
        if counted and request.facets:  # the total comes with the facets
            body["track_total_hits"] = False
        elif request.facets:
            aggs.update(self.facet_aggs())
        if request.samples and not counted:
            clauses = [terms("kind", request.samples)]
            clauses += self.filter_clauses(request.filters(exclude="kind"))
            aggs["samples"] = {"filter": bool_(filter=clauses), "aggs": self.sample_aggs()}
        if aggs:
            body["aggs"] = aggs
        if request.sort == "date":
            body["sort"] = [{"date": {"order": "desc", "missing": "_last"}}, "_score"]
        elif near:
            body["sort"] = ["_score"]
            body["rescore"] = {
                "window_size": max(RESCORE_WINDOW, request.offset + request.per_page),
                "query": {
                    "rescore_query": bool_(should=near, minimum_should_match=1),
                    "score_mode": "total",
                },
            }
        else:
            body["sort"] = list(RELEVANCE_ORDER)
        body["_source"] = SOURCE_FIELDS
        body["collapse"] = {"field": "repost_group"}
        body["from"] = request.offset
        body["size"] = request.per_page
        return body

    def facet_aggs(self) -> dict:
        """Matches per kind, year and street, each under the other facets' filters."""
        aggs = {}
        for name in ("kind", "year", "street"):
            counts = {"terms": {"field": name, "size": 30}}
            others = self.filter_clauses(self.request.filters(exclude=name))
            if others:  # the other facets' filters apply to this facet's counts
                aggs[f"f_{name}"] = {"filter": bool_(filter=others), "aggs": {"values": counts}}
            else:  # no filter to wrap the counts in (a match_all filter costs per match)
                aggs[f"f_{name}"] = counts
        return aggs

    def sample_aggs(self) -> dict:
        """The best few titles per sampled kind (``SearchRequest.samples``)."""
        request = self.request
        best = {
            "top_hits": {
                "size": request.sample_size,
                "sort": RELEVANCE_ORDER,
                "_source": ["display.title"],
            }
        }
        return {
            "kinds": {
                "terms": {"field": "kind", "size": len(request.samples)},
                "aggs": {"best": best},
            }
        }

    def counts(self) -> dict:
        """The facet counts and the total (capped as Elasticsearch counts a page's total, at
        10,000) of every match, for a page asked of fewer (``least``): a filter, unscored."""
        body = {"query": bool_(filter=[self.text_query(near=False)])}
        post = self.post_filter()
        if post is not None:  # the total, as the page's; the facets are counted before it
            body["post_filter"] = post
        body["aggs"] = self.facet_aggs()
        body["from"], body["size"] = 0, 0
        return body

    def samples(self) -> dict:
        """The best titles of each sampled kind among every match, for a page asked of fewer
        (``least``), scored as the page's first pass (the same query, narrowed to those
        kinds by a filter, which scores nothing)."""
        request = self.request
        near = request.sort != "date" and bool(self.near_clauses())
        query = self.text_query(near=not near)["bool"]
        clauses = [terms("kind", request.samples)]
        clauses += self.filter_clauses(request.filters(exclude="kind"))
        return {
            "query": bool_(must=query["must"], should=query["should"], filter=clauses),
            "aggs": self.sample_aggs(),
            "from": 0,
            "size": 0,
        }


class ElasticsearchBackend(SearchBackend):
    name = "elasticsearch"

    def __init__(self, config: dict, client: Elasticsearch | None = None):
        self.config = config
        self.client = client or make_client(config)
        self.prefix = config.get("INDEX_PREFIX") or "portal"
        self.alias = f"{self.prefix}-documents"
        self.building_alias = f"{self.alias}-building"
        # Tests make every write visible at once; production relies on the 1s refresh.
        self.refresh_on_write = bool(config.get("REFRESH_ON_WRITE"))

    # -- index management ---------------------------------------------------------------

    def _new_index_name(self) -> str:
        return f"{self.alias}-{timezone.now():%Y%m%d%H%M%S%f}"

    def _create_index(self, name: str, **settings) -> None:
        body = PortalDocument._doc_type.mapping.to_dict()
        self.client.indices.create(
            index=name, settings={**INDEX_SETTINGS, **settings}, mappings=body
        )

    def physical_indices(self) -> list[str]:
        found = self.client.indices.get(index=f"{self.alias}-*", ignore_unavailable=True)
        return sorted(name for name in found if name != self.building_alias)

    def current_index(self) -> str | None:
        if not self.client.indices.exists_alias(name=self.alias):
            return None
        return next(iter(self.client.indices.get_alias(name=self.alias)))

    @_unavailable
    def ensure_index(self) -> str:
        current = self.current_index()
        if current is None:
            current = self._new_index_name()
            self._create_index(current)
            self.client.indices.update_aliases(
                actions=[{"add": {"index": current, "alias": self.alias}}]
            )
        return current

    def _write_targets(self) -> list[str]:
        self.ensure_index()
        targets = [self.alias]
        if self.client.indices.exists_alias(name=self.building_alias):
            targets.append(self.building_alias)
        return targets

    @_unavailable
    def health(self) -> bool:
        status = self.client.cluster.health(timeout="2s")["status"]
        return status in ("green", "yellow")

    # -- writes ---------------------------------------------------------------------------

    @staticmethod
    def _actions(docs, index: str):
        for doc in docs:
            yield {
                "_op_type": "index",
                "_index": index,
                "_id": doc.key,
                "_source": PortalDocument.from_doc(doc).to_dict(skip_empty=False),
            }

    @_unavailable
    def index(self, docs: list[SearchDoc]) -> int:
        if not docs:
            return 0
        written = 0
        for target in self._write_targets():
            written, _ = helpers.bulk(
                self.client,
                self._actions(docs, target),
                chunk_size=500,
                refresh=self.refresh_on_write,
            )
        return written

    @_unavailable
    def delete(self, keys: list[str]) -> None:
        if not keys:
            return
        for target in self._write_targets():
            actions = ({"_op_type": "delete", "_index": target, "_id": key} for key in keys)
            helpers.bulk(self.client, actions, raise_on_error=False, refresh=self.refresh_on_write)

    @_unavailable
    def rebuild(self, docs, expected: int | None = None, chunk_size: int = 500) -> dict:
        """New physical index, bulk-loaded and checked, then one atomic alias swap.

        Searches keep using the old index (through the alias) until the swap; updates that
        arrive meanwhile go to both (the building alias). If the count does not match, the
        new index is dropped and the alias is left alone.
        """
        started = time.monotonic()
        new = self._new_index_name()
        self._create_index(new, refresh_interval="-1")
        self.client.indices.update_aliases(
            actions=[{"add": {"index": new, "alias": self.building_alias}}]
        )
        try:
            loaded = 0
            for ok, _item in helpers.streaming_bulk(
                self.client,
                self._actions(docs, new),
                chunk_size=chunk_size,
                max_chunk_bytes=20 * 1024 * 1024,
                raise_on_error=True,
            ):
                loaded += ok
            self.client.indices.put_settings(index=new, settings={"refresh_interval": "1s"})
            self.client.indices.refresh(index=new)
            count = self.client.count(index=new)["count"]
            if expected is not None and count < expected:
                raise RuntimeError(f"index {new} has {count} documents, expected {expected}")
            old = [name for name in self.physical_indices() if name != new]
            serving = []
            if self.client.indices.exists_alias(name=self.alias):
                serving = list(self.client.indices.get_alias(name=self.alias))
            actions = [{"remove": {"index": name, "alias": self.alias}} for name in serving]
            actions += [
                {"add": {"index": new, "alias": self.alias}},
                {"remove": {"index": new, "alias": self.building_alias}},
            ]
            self.client.indices.update_aliases(actions=actions)  # one atomic step
        except Exception:
            self.client.indices.delete(index=new, ignore_unavailable=True)
            raise
        for name in old:
            self.client.indices.delete(index=name, ignore_unavailable=True)
        return {
            "index": new,
            "count": count,
            "loaded": loaded,
            "seconds": time.monotonic() - started,
        }

    @_unavailable
    def refresh(self) -> None:
        self.client.indices.refresh(index=self.alias, ignore_unavailable=True)

    @_unavailable
    def clear(self) -> None:
        for name in self.physical_indices():
            self.client.indices.delete(index=name, ignore_unavailable=True)

    @_unavailable
    def count(self) -> int:
        if self.current_index() is None:
            return 0
        return self.client.count(index=self.alias)["count"]

    @_unavailable
    def indexed_keys(self) -> set[str]:
        if self.current_index() is None:
            return set()
        return {
            hit["_id"]
            for hit in helpers.scan(self.client, index=self.alias, query={"_source": False})
        }

    # -- reads ----------------------------------------------------------------------------

    def _ask(self, body: dict, **params) -> dict:
        return self.client.search(index=self.alias, body=body, **params)

    def _ask_all(self, bodies: list[dict]) -> list[dict]:
        """One multi search of the bodies, each with the request cache; an error in any of
        them is raised as the client raises a search's (``ApiError``, its answer the body)."""
        header = {"index": [self.alias], "request_cache": True}
        lines = [line for body in bodies for line in (header, body)]
        answer = self.client.msearch(index=self.alias, body=lines)
        for response in answer["responses"]:
            if response.get("error", False):
                raise ApiError("N/A", meta=answer.meta, body=response)
        return answer["responses"]

    @_unavailable
    def count_upto(self, request: SearchRequest, plan: QueryPlan, limit: int) -> int:
        query = ElasticsearchQuery(request, require_all=True)
        filters = query.filter_clauses(request.filters())
        body = {
            "query": bool_(must=[query.text_query(near=False)], filter=filters),
            "size": 0,
            "terminate_after": limit,
            "track_total_hits": limit,
        }
        try:
            return min(limit, self._ask(body)["hits"]["total"]["value"])
        except NotFoundError:  # no index yet
            return 0

    @_unavailable
    def execute(self, request: SearchRequest, plan: QueryPlan, require_all: bool) -> SearchResults:
        # One round trip: the ranked page with its facet counts and the sampled kinds' best
        # titles and, for the search page's grouped results (``SearchRequest.grouped``), the
        # page of the other kinds, on the guess that every sampled kind found is grouped
        # (checked below: when it is not, the caller searches the other kinds).
        # Without every group required, the page is first asked of the documents matching
        # all groups but one (``ElasticsearchQuery.least``; most of the second step's work is
        # ranking the documents with one common word of several), and the counts and samples
        # of every match come beside it (``counts``: a filter, unscored; ``samples``).
        least = 1
        if not require_all and request.facets and request.sort != "date":
            least = max(1, len(plan.groups) - 1)
        query = ElasticsearchQuery(request, require_all, least=least)
        counted = least > 1
        searches = {"page": query.build(counted=counted)}
        if counted:
            searches["counts"] = query.counts()
            if request.samples:
                searches["samples"] = query.samples()
        if request.collapse_over and request.samples and not request.kinds:
            rest_request = request.narrowed(facets=False, samples=(), collapse_over=0)
            searches["rest"] = ElasticsearchQuery(
                rest_request, require_all, request.samples
            ).build()
        try:
            if len(searches) == 1:
                responses = {"page": self._ask(searches["page"], request_cache=True)}
            else:
                answers = self._ask_all(list(searches.values()))
                responses = dict(zip(searches, answers, strict=True))
        except NotFoundError:  # no index yet (nothing published, never rebuilt)
            return SearchResults(total=0, hits=[])
        except ApiError as exc:  # the same, reported inside a multi search
            if isinstance(exc.body, dict) and exc.body.get("status") == 404:
                return SearchResults(total=0, hits=[])
            raise
        response = responses["page"]
        if least > 1 and len(response["hits"]["hits"]) < request.per_page:
            # Too few documents match that many groups to fill the page: the page of all.
            every = ElasticsearchQuery(request, require_all)
            response = self._ask(every.build(counted=True), request_cache=True)
        terms = plan.highlight_terms(request.query)
        hits = self._hits(response, terms)
        counts = responses.get("counts", response)
        facets = {}
        if request.facets:
            for name in ("kind", "year", "street"):
                agg = counts["aggregations"][f"f_{name}"]
                buckets = agg.get("values", agg)["buckets"]
                facets[name] = facet_buckets(
                    name, [(b["key"], b["doc_count"]) for b in buckets], request
                )
        samples = {}
        if request.samples:
            if "samples" in responses:
                kinds = responses["samples"]["aggregations"]["kinds"]
            else:
                kinds = response["aggregations"]["samples"]["kinds"]
            for bucket in kinds["buckets"]:
                best = bucket["best"]["hits"]["hits"]
                samples[bucket["key"]] = [h["_source"]["display"]["title"] for h in best]
        results = SearchResults(
            total=counts["hits"]["total"]["value"], hits=hits, facets=facets, samples=samples
        )
        if "rest" in responses:
            rest = responses["rest"]
            per_kind = {b.value: b.count for b in facets.get("kind", [])}
            found = [kind for kind in request.samples if per_kind.get(kind)]
            if found and request.grouped(per_kind) == found:
                results.rest = SearchResults(
                    total=rest["hits"]["total"]["value"], hits=self._hits(rest, terms)
                )
        return results

    @staticmethod
    def _hits(response, terms) -> list:
        hits = []
        for hit in response["hits"]["hits"]:
            source = hit["_source"]
            hits.append(
                make_hit(
                    source["key"],
                    source["kind"],
                    source.get("display") or {},
                    terms,
                    date=_parse_dt(source.get("date")),
                    valid_until=_parse_date(source.get("valid_until")),
                    score=hit.get("_score") or 0.0,
                )
            )
        return hits

    @_unavailable
    def suggest(self, prefix: str, limit: int = 8) -> list[Suggestion]:
        from ..analysis import normalize

        prefix = normalize(prefix)[:50]
        if not prefix:
            return []
        body = {
            "suggest": {
                "titles": {
                    "prefix": prefix,
                    "completion": {"field": "suggest", "size": limit, "skip_duplicates": True},
                }
            },
            "_source": ["kind", "display.title", "display.url"],
        }
        try:
            response = self._ask(body)
        except NotFoundError:
            return []
        out = []
        for option in response["suggest"]["titles"][0]["options"]:
            source = option["_source"]
            display = source.get("display") or {}
            out.append(Suggestion(display.get("title", ""), display.get("url", ""), source["kind"]))
        return out

    def bulk_chunks(self, docs, size=500):
        return chunked(docs, size)


def _parse_dt(value):
    if not value:
        return None
    if isinstance(value, datetime.datetime):
        return value
    return datetime.datetime.fromisoformat(str(value).replace("Z", "+00:00"))


def _parse_date(value):
    if not value:
        return None
    if isinstance(value, datetime.date):
        return value if not isinstance(value, datetime.datetime) else value.date()
    return datetime.date.fromisoformat(str(value)[:10])
