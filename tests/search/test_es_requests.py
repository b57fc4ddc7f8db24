"""The Elasticsearch backend's requests and its reading of the answers, against a fixture.

``es_requests.json`` holds, for a set of plans (one word, several words, synonyms, words the
dictionary lacks, template pages, question words) and requests (filters, date order, paging,
the search page's samples and grouped rest, no facets), every call the backend made to the
client (method, index, body, parameters) and the results it made of canned answers, as the
backend built them with elasticsearch-dsl's ``Q``/``Search`` objects (commit eb42dce); the
backend now builds plain dicts, and the requests and results stayed the same. Written again
once since, when the close pairs became interval queries instead of span queries (the only
change: each ``span_near`` of two runs rewritten as an ``intervals`` ``all_of``).

The plans are stored in the fixture (not rebuilt), so changes to plan building do not show
here; ``today()`` is fixed. To write the fixture again from the current code:
``ES_REQUESTS_WRITE=1 python -m pytest tests/search/test_es_requests.py``.
"""

from __future__ import annotations

import dataclasses
import datetime
import json
import os
from pathlib import Path

import pytest

from search.backends import elasticsearch as es_backend
from search.backends.base import SearchRequest
from search.plan import Alternative, Group, QueryPlan

FIXTURE = Path(__file__).with_name("es_requests.json")
TODAY = "2026-06-01"

# (query, plan as built with the shipped synonym table when the fixture was written)
QUERIES = [
    "人大代表",  # one dictionary word
    "联络站",  # a word with synonyms
    "代表之家",  # names template pages
    "人大代表 联络站",  # two words
    "代表 履职 报告 监督",  # several words (pairs and runs)
    "街道人大工委是干什么的",  # question words left out
    "鑫淼",  # words the dictionary lacks: character runs
    "聯絡站",  # Traditional script
    "大",  # one light character
    "工委多久开一次会",  # a question: runs between its question words
    "找不到代表",  # a negated result: its positive form as a run
]

# (label, SearchRequest arguments, canned answer: "many" matches or "few")
REQUESTS = [
    ("default", {}, "many"),
    ("few", {}, "few"),
    ("filters", {"kinds": ["news", "notice"], "year": 2024, "street": "东风街道"}, "many"),
    ("date", {"sort": "date", "page": 2}, "many"),
    ("page", {"samples": ("station", "delegate"), "collapse_over": 5}, "many"),
    ("page-few", {"samples": ("station", "delegate"), "collapse_over": 5}, "few"),
    ("page-kind", {"samples": ("station",), "kinds": ["station"], "sample_size": 2}, "few"),
    ("bare", {"facets": False, "per_page": 5}, "many"),
]


class Answer(dict):
    """An answer as the client returns it (a mapping with ``body`` and ``meta``)."""

    @property
    def body(self):
        return self

    meta = None


def _agg_answer(name: str, spec: dict) -> dict:
    if "terms" in spec:
        field = spec["terms"]["field"]
        values = {
            "kind": [("news", 12), ("station", 9), ("delegate", 8)],
            "year": [(2023, 4), (2025, 7)],
            "street": [("东风街道", 5)],
        }[field]
        buckets = []
        for value, count in values:
            bucket = {"key": value, "doc_count": count}
            for sub, sub_spec in spec.get("aggs", {}).items():
                bucket[sub] = _agg_answer(sub, sub_spec)
            buckets.append(bucket)
        return {"buckets": buckets}
    if "top_hits" in spec:
        titles = [f"{name} {i}" for i in range(spec["top_hits"]["size"])]
        hits = [{"_source": {"display": {"title": t}}} for t in titles]
        return {"hits": {"total": {"value": len(hits)}, "hits": hits}}
    answer = {"doc_count": 7}  # a filter bucket
    for sub, sub_spec in spec.get("aggs", {}).items():
        answer[sub] = _agg_answer(sub, sub_spec)
    return answer


class RecordingClient:
    """Records every search call and answers it from ``matches`` ("many" or "few")."""

    def __init__(self, matches: str):
        self.matches = matches
        self.calls = []

    def _answer(self, body: dict) -> Answer:
        count = 10000 if self.matches == "many" else 3
        size = body.get("size", 10) if self.matches == "many" else min(3, body.get("size", 10))
        hits = [
            {
                "_id": f"page-{i}",
                "_score": 100.5 - i,
                "_source": {
                    "key": f"page-{i}",
                    "kind": ["news", "station", "delegate", "notice"][i % 4],
                    "date": f"2025-03-0{i % 9 + 1}T08:00:00+00:00" if i % 3 else None,
                    "valid_until": "2026-01-31" if i == 1 else None,
                    "display": {
                        "title": f"人大代表联络站 {i}",
                        "url": f"/p/{i}/",
                        "summary": "代表履职报告" if i % 2 else "",
                        "body": "街道人大工委组织代表进联络站监督" * 3,
                        "breadcrumb": ["首页", "新闻"],
                    },
                },
            }
            for i in range(size)
        ]
        aggs = {name: _agg_answer(name, spec) for name, spec in body.get("aggs", {}).items()}
        answer = Answer(hits={"total": {"value": count, "relation": "eq"}, "hits": hits})
        if aggs:
            answer["aggregations"] = aggs
        return answer

    @staticmethod
    def _index(index) -> str:  # the client joins a list of names with commas
        return ",".join(index) if isinstance(index, list | tuple) else index

    def search(self, index=None, body=None, **params):
        self.calls.append(
            {"method": "search", "index": self._index(index), "body": body, "params": params}
        )
        return self._answer(body)

    def msearch(self, index=None, body=None, **params):
        self.calls.append(
            {"method": "msearch", "index": self._index(index), "body": body, "params": params}
        )
        bodies = body[1::2]
        answer = Answer(responses=[self._answer(b) for b in bodies])
        return answer


def plan_to_json(plan: QueryPlan) -> dict:
    return dataclasses.asdict(plan)


def plan_from_json(data: dict) -> QueryPlan:
    groups = [
        Group(
            tuple(
                Alternative(tuple(a["tokens"]), a["weight"], a["chars"])
                for a in group["alternatives"]
            ),
            group["weight"],
        )
        for group in data["groups"]
    ]
    return QueryPlan(groups=groups, chars=data["chars"], runs=[tuple(run) for run in data["runs"]])


def plain(value):
    """JSON-comparable: tuples as lists, dates and safe strings as text."""
    return json.loads(json.dumps(value, default=str, ensure_ascii=False))


def record(query: str, plan: QueryPlan, arguments: dict, matches: str) -> dict:
    request = SearchRequest(query=query, **arguments)
    request.__dict__["plan"] = plan
    client = RecordingClient(matches)
    backend = es_backend.ElasticsearchBackend({"INDEX_PREFIX": "fixture"}, client=client)
    results = backend.search(request)
    return plain({"calls": client.calls, "results": dataclasses.asdict(results)})


def record_suggest() -> dict:
    client = RecordingClient("many")
    suggest_answer = Answer(
        suggest={
            "titles": [
                {
                    "options": [
                        {
                            "text": "人大代表",
                            "_source": {
                                "kind": "delegate",
                                "display": {"title": "人大代表 张三", "url": "/d/1/"},
                            },
                        }
                    ]
                }
            ]
        },
        hits={"total": {"value": 0, "relation": "eq"}, "hits": []},
    )
    client._answer = lambda body: suggest_answer
    backend = es_backend.ElasticsearchBackend({"INDEX_PREFIX": "fixture"}, client=client)
    out = backend.suggest("人大", limit=5)
    return plain({"calls": client.calls, "results": [s.as_json() for s in out]})


@pytest.fixture
def fixed_day(monkeypatch):
    monkeypatch.setattr(es_backend, "today", lambda: TODAY)


def write_fixture() -> None:
    from search.plan import make_plan
    from search.synonyms import build_table, shipped_groups

    table = build_table(tuple(tuple(g) for g in shipped_groups()))
    cases = []
    for query in QUERIES:
        plan = make_plan(query, table)
        for label, arguments, matches in REQUESTS:
            cases.append(
                {
                    "query": query,
                    "plan": plan_to_json(plan),
                    "request": label,
                    "recorded": record(query, plan, arguments, matches),
                }
            )

    def line(value) -> str:
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))

    head = f'{{"today":{line(TODAY)},\n"suggest":{line(record_suggest())},\n"cases":[\n'
    body = ",\n".join(line(case) for case in cases)  # one case a line
    FIXTURE.write_text(head + body + "\n]}\n", encoding="utf-8")


@pytest.mark.skipif(not os.environ.get("ES_REQUESTS_WRITE"), reason="writes the fixture")
def test_write_fixture(fixed_day):
    write_fixture()


def _cases():
    if not FIXTURE.exists():
        return []
    data = json.loads(FIXTURE.read_text(encoding="utf-8"))
    return [pytest.param(case, id=f"{case['query']}-{case['request']}") for case in data["cases"]]


@pytest.mark.parametrize("case", _cases())
def test_requests_and_results_are_the_fixtures(fixed_day, case):
    arguments, matches = {label: (a, m) for label, a, m in REQUESTS}[case["request"]]
    plan = plan_from_json(case["plan"])
    assert plain(plan_to_json(plan)) == case["plan"]
    recorded = record(case["query"], plan, arguments, matches)
    expected = case["recorded"]
    assert len(recorded["calls"]) == len(expected["calls"])
    for made, wanted in zip(recorded["calls"], expected["calls"], strict=True):
        assert made == wanted
    assert recorded["results"] == expected["results"]


def test_suggest_request_and_results_are_the_fixtures():
    data = json.loads(FIXTURE.read_text(encoding="utf-8"))
    assert record_suggest() == data["suggest"]


def test_the_fixture_covers_every_kind_of_request():
    """The cases exercise the multi search, the second step and the rescore (so that a
    fixture written from a broken recorder cannot pass by being empty)."""
    data = json.loads(FIXTURE.read_text(encoding="utf-8"))
    calls = [call for case in data["cases"] for call in case["recorded"]["calls"]]
    bodies = [call["body"] for call in calls if call["method"] == "search"]
    bodies += [b for call in calls if call["method"] == "msearch" for b in call["body"][1::2]]
    assert any(call["method"] == "msearch" for call in calls)
    assert any("rescore" in body for body in bodies)
    assert any("post_filter" in body for body in bodies)
    assert any(body.get("terminate_after") for body in bodies)
    assert any(case["recorded"]["results"]["rest"] for case in data["cases"])
    assert any(case["plan"]["runs"] for case in data["cases"])
    assert datetime.date.fromisoformat(data["today"])
