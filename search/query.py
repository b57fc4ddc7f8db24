"""The public search as a small class: validates what the visitor asked, runs it on the
configured backend, puts editors' promoted results first and logs the query. Views only render.
"""

from __future__ import annotations

import contextlib
import itertools
import logging
from dataclasses import dataclass, field

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from home.prepared import prepared
from home.visibility import visible_pages

from .analysis import normalize, query_tokens
from .backends import get_backend, get_fallback_backend
from .backends.base import (
    SORTS,
    Hit,
    SearchRequest,
    SearchResults,
    SearchUnavailable,
    highlight,
    highlight_terms,
)
from .documents import KINDS

logger = logging.getLogger(__name__)

MAX_QUERY_LENGTH = 100
PER_PAGE = 10
MAX_PAGE = 100  # deeper than this nobody reads; keeps from/size bounded on Elasticsearch
# Kinds built from one template (many near-identical pages): more than COLLAPSE_OVER of one of
# them in the results become one grouped result linking to that kind's results.
COLLAPSE_KINDS = ("station", "reception", "delegate")
COLLAPSE_OVER = 5
GROUP_SAMPLE = 3  # titles named in a grouped result


class SearchForm(forms.Form):
    q = forms.CharField(required=False, strip=True)
    kind = forms.MultipleChoiceField(required=False, choices=list(KINDS.items()))
    year = forms.IntegerField(required=False, min_value=1949, max_value=2100)
    street = forms.CharField(required=False, max_length=100)
    sort = forms.ChoiceField(required=False, choices=[(s, s) for s in SORTS])
    page = forms.IntegerField(required=False, min_value=1)


FIELD_MESSAGES = {
    "kind": gettext_lazy("不支持所选的内容类别，已忽略。"),
    "year": gettext_lazy("年份不正确，已忽略。"),
    "street": gettext_lazy("街道（乡镇）名称不正确，已忽略。"),
    "sort": gettext_lazy("排序方式不正确，已按相关度排序。"),
    "page": gettext_lazy("页码不正确，已显示第一页。"),
}


@dataclass
class SearchPage:
    """Everything the search page shows."""

    query: str = ""
    request: SearchRequest | None = None
    results: SearchResults | None = None
    promoted: list[Hit] = field(default_factory=list)
    messages: list[str] = field(default_factory=list)
    error: str = ""
    unavailable: bool = False
    grand_total: int | None = None  # all matches, when some kinds are grouped

    @property
    def hits(self) -> list[Hit]:
        return self.promoted + (self.results.hits if self.results else [])

    @property
    def total(self) -> int:
        if self.grand_total is not None:
            return self.grand_total
        return self.results.total if self.results else 0

    @property
    def paginate_total(self) -> int:
        """What the pages are counted over (grouped kinds do not fill pages of their own)."""
        return self.results.total if self.results else 0

    @property
    def num_pages(self) -> int:
        if not self.request or not self.results:
            return 0
        return min(MAX_PAGE, max(1, -(-self.results.total // self.request.per_page)))


class PortalSearch:
    """``PortalSearch(request.GET).run()`` → ``SearchPage``."""

    def __init__(self, params, backend=None, per_page: int = PER_PAGE):
        self.params = params
        self.backend = backend or get_backend()
        self.per_page = per_page

    def clean(self) -> tuple[SearchRequest | None, str, list[str], str]:
        """(request or None, raw query, notes about ignored parameters, error)."""
        messages: list[str] = []
        raw = str(self.params.get("q", "") or "").strip()
        if len(raw) > MAX_QUERY_LENGTH:
            return (
                None,
                raw[:MAX_QUERY_LENGTH],
                [],
                _("搜索词太长，请不超过 %(n)d 个字。") % {"n": MAX_QUERY_LENGTH},
            )
        form = SearchForm(self.params)
        form.is_valid()
        data = {}
        for name in ("kind", "year", "street", "sort", "page"):
            if name in form.errors:
                messages.append(str(FIELD_MESSAGES[name]))
            else:
                data[name] = form.cleaned_data.get(name)
        if not raw:
            return None, raw, messages, ""
        if not query_tokens(raw) and not normalize(raw).strip():
            return None, raw, messages, _("请输入要查找的字词。")
        page = data.get("page") or 1
        if page > MAX_PAGE:
            messages.append(_("最多显示前 %(n)d 页结果，请加上更多搜索词。") % {"n": MAX_PAGE})
            page = MAX_PAGE
        request = SearchRequest(
            query=raw,
            kinds=data.get("kind") or [],
            year=data.get("year"),
            street=data.get("street") or "",
            sort=data.get("sort") or "relevance",
            page=page,
            per_page=self.per_page,
        )
        if request.sort == "relevance" and not request.kinds:  # what collapse may group
            request.samples, request.sample_size = COLLAPSE_KINDS, GROUP_SAMPLE
            request.collapse_over = COLLAPSE_OVER
        return request, raw, messages, ""

    def run(self, log: bool = True) -> SearchPage:
        request, raw, messages, error = self.clean()
        page = SearchPage(query=raw, request=request, messages=messages, error=error)
        if request is None:
            return page
        if not query_tokens(raw):
            page.error = _("请输入要查找的字词。")
            page.request = None
            return page
        try:
            page.results = self.backend.search(request)
        except SearchUnavailable as exc:
            logger.warning("search unavailable: %s", exc)
            fallback = get_fallback_backend()
            if fallback is None:
                page.unavailable = True
                page.error = _("搜索服务暂时不可用，请稍后再试，或通过栏目浏览。")
                return page
            self.backend = fallback
            page.results = fallback.search(request)
            page.messages.append(
                _("全文检索服务暂时不可用，以下是简化检索的结果，排序可能不够准确。")
            )
        if request.page > 1 and not page.results.hits and page.results.total:
            page.messages.append(_("没有这一页，已显示第一页。"))
            request.page = 1
            page.results = self.backend.search(request)
        try:
            self.collapse(request, page)
        except SearchUnavailable:  # the page as found, ungrouped
            logger.warning("search unavailable while grouping results")
        if request.page == 1 and not request.filters():
            page.promoted = self.promoted(request)
            keys = {hit.key for hit in page.promoted}
            page.results.hits = [hit for hit in page.results.hits if hit.key not in keys]
        if not page.results.total and not page.promoted:
            page.results.suggestions = self.suggestions(request)
        if log and request.page == 1 and not request.filters():
            self.log(raw, page.results.total + len(page.promoted))
        return page

    # -- diversity: one grouped result for many pages of one template ---------------------------

    def collapse(self, request: SearchRequest, page: SearchPage) -> None:
        """When more than COLLAPSE_OVER results are of one templated kind (all 38 stations
        mention the word) and other kinds match too, show them as one result ("38 个联络站"),
        linking to that kind's results, where the best of them ranked; the pages list the other
        kinds. Only for the relevance order without a kind filter."""
        results = page.results
        if request.sort != "relevance" or request.kinds or not results.facets.get("kind"):
            return
        counts = {bucket.value: bucket.count for bucket in results.facets["kind"]}
        grouped = request.grouped(counts)
        if not grouped:
            return
        first_hits = results.hits
        rest = results.rest  # read with the page by the backend, when it could
        if rest is None:
            others = [k for k in counts if k not in grouped]
            rest = self.backend.search(
                request.narrowed(kinds=others, facets=False, samples=(), collapse_over=0)
            )
        rest.facets = results.facets
        page.grand_total = results.total
        page.results = rest
        if request.page != 1:
            return
        terms = highlight_terms(request.query)
        groups = {
            kind: self.group_hit(request, kind, counts[kind], results.samples.get(kind, []), terms)
            for kind in grouped
        }
        # The first page as ranked before grouping: each grouped kind's pages become its
        # grouped result, at the place of the first of them, except the pages the query names
        # (``QueryPlan.names_title``: 代表之家 names the stations called so), which stay
        # where they ranked; the other kinds' results fill the places between.
        plan = request.plan
        others = iter(rest.hits)
        hits = []
        for hit in first_hits:
            if hit.kind in grouped and plan.names_title(hit.title):
                hits.append(hit)
            elif hit.kind in groups:
                hits.append(groups.pop(hit.kind))
            else:
                hits.extend(itertools.islice(others, 1))
        rest.hits = [*hits, *others, *groups.values()]

    @staticmethod
    def group_hit(request, kind: str, count: int, sample: list[str], terms) -> Hit:
        from django.urls import reverse
        from django.utils.http import urlencode

        params = {"q": request.query, "kind": kind}
        if request.year:
            params["year"] = request.year
        if request.street:
            params["street"] = request.street
        title = _("%(count)d 个%(kind)s") % {"count": count, "kind": KINDS.get(kind, kind)}
        text = _("%(names)s等，点击查看全部。") % {"names": "、".join(sample)}
        return Hit(
            key=f"group:{kind}",
            kind=kind,
            title=title,
            url=f"{reverse('search:search')}?{urlencode(params)}",
            date=None,
            title_html=highlight(title, []),
            snippet_html=highlight(text, terms, length=120),
            breadcrumb=[],
            group_count=count,
        )

    # -- editors' promoted results ------------------------------------------------------------

    def promoted(self, request: SearchRequest) -> list[Hit]:
        from wagtail.contrib.search_promotions.models import SearchPromotion
        from wagtail.search.utils import normalise_query_string

        query_string = normalise_query_string(request.query)
        if not _any_promotion(query_string):  # most queries: a cheap question, no pages to read
            return []
        promotions = SearchPromotion.objects.filter(query__query_string=query_string)
        promotions = list(promotions.select_related("page").order_by("sort_order"))
        page_ids = {p.page_id for p in promotions if p.page_id}
        visible = set(visible_pages().filter(pk__in=page_ids).values_list("pk", flat=True))
        promotions = [p for p in promotions if not p.page_id or p.page_id in visible]
        terms = highlight_terms(request.query)
        hits = []
        for promotion in promotions:
            if promotion.page_id:
                page = promotion.page.specific
                title, url = page.title, page.get_url()
                text = promotion.description or getattr(page, "summary", "")
                key = f"page:{page.pk}"
            elif promotion.external_link_url:
                title, url = promotion.external_link_text, promotion.external_link_url
                text, key = promotion.description, f"link:{promotion.pk}"
            else:
                continue
            hits.append(
                Hit(
                    key=key,
                    kind="promoted",
                    title=title,
                    url=url,
                    date=getattr(promotion.page, "date", None) if promotion.page_id else None,
                    title_html=highlight(title, terms),
                    snippet_html=highlight(text or "", terms, length=120),
                    breadcrumb=[],
                    promoted=True,
                )
            )
        return hits

    # -- zero results ---------------------------------------------------------------------------

    def suggestions(self, request: SearchRequest) -> list[str]:
        """Other searches worth trying, all from content or editors, never from what other
        visitors typed: titles that start like the query, like one of its words or like its
        first characters (a typo further on), then the queries editors promote results for."""
        out: list[str] = []
        normalized = normalize(request.query).replace(" ", "")
        prefixes = [request.query, *query_tokens(request.query)[:6]]
        prefixes += [normalized[:n] for n in range(min(len(normalized) - 1, 6), 1, -1)]
        with contextlib.suppress(SearchUnavailable):
            for prefix in dict.fromkeys(prefixes):
                out += [s.text for s in self.backend.suggest(prefix, limit=3)]
                if len(out) >= 4:
                    break
        from wagtail.contrib.search_promotions.models import Query

        promoted = (
            Query.objects.filter(editors_picks__isnull=False)
            .distinct()
            .order_by("query_string")
            .values_list("query_string", flat=True)[:6]
        )
        out += list(promoted)
        return [s for s in dict.fromkeys(out) if s and s != request.query][:6]

    @staticmethod
    def log(query: str, found: int) -> None:
        from .models import QueryStat

        QueryStat.record(query, found)


@prepared
def _any_promotion(query_string):
    """``SearchPromotion.objects.filter(query__query_string=…).exists()``, compiled once per
    process: every search asks it."""
    from wagtail.contrib.search_promotions.models import SearchPromotion

    return SearchPromotion.objects.filter(query__query_string=query_string).values_list(
        "pk", flat=True
    )[:1]


def matching_page_ids(query: str, kinds: list[str], limit: int = 500) -> list[int] | None:
    """Ids of pages of these kinds that the search finds for ``query`` (words, pinyin, initials,
    either script), best first; None when the search backend is unavailable."""
    if not query_tokens(query):
        return []
    request = SearchRequest(query=query[:MAX_QUERY_LENGTH], kinds=kinds, per_page=limit)
    request.facets = False
    try:
        results = get_backend().search(request)
    except SearchUnavailable:
        return None
    return [int(h.key.split(":", 1)[1]) for h in results.hits if h.key.startswith("page:")]
