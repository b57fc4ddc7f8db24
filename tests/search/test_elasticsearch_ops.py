"""Elasticsearch operations: the alias swap keeps search working, and an outage loses nothing."""

from __future__ import annotations

import os
import subprocess
import threading
import time
from pathlib import Path

import pytest
from django.core.management import call_command
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from news.models import ArticlePage
from search.documents import registry
from tests.conftest import days_ago, publish
from tests.search.conftest import SearchHelper, elasticsearch_reachable, use_backend

ROOT = Path(__file__).resolve().parents[2]
OUTAGE_PORT = os.environ.get("TEST_ES_OUTAGE_PORT", "9250")


def test_alias_swap_keeps_search_working_throughout(es_search, make_article):
    for i in range(12):
        make_article(f"换索引期间的检索测试稿件{i}")
    es_search.rebuild()
    totals, errors = [], []
    stop = threading.Event()

    def searcher():
        while not stop.is_set():
            try:
                totals.append(es_search.backend.search(_request("检索测试稿件")).total)
            except Exception as exc:  # noqa: BLE001 - any error is a failure of the test
                errors.append(exc)

    thread = threading.Thread(target=searcher)
    thread.start()
    try:
        for _ in range(3):
            es_search.backend.rebuild(registry.iter_all(), expected=12)
    finally:
        stop.set()
        thread.join()
    assert not errors
    assert len(totals) > 3
    assert set(totals) == {12}, "a search during the rebuild saw an empty or partial index"
    assert len(es_search.backend.physical_indices()) == 1


def test_updates_during_a_rebuild_reach_the_new_index(es_search, make_article, news_column):
    make_article("重建前已有的稿件")
    es_search.rebuild()

    def docs_with_a_publish_midway():
        for n, doc in enumerate(registry.iter_all()):
            if n == 0:
                page = ArticlePage(title="重建期间发布的稿件", date=days_ago(0), summary="摘要。")
                publish(news_column, page)
            yield doc

    es_search.backend.rebuild(docs_with_a_publish_midway())
    es_search.refresh()
    assert es_search.titles("稿件") == ["重建期间发布的稿件", "重建前已有的稿件"] or set(
        es_search.titles("稿件")
    ) == {"重建期间发布的稿件", "重建前已有的稿件"}


def _request(query):
    from search.backends.base import SearchRequest

    return SearchRequest(query=query, facets=False)


# -- outage ---------------------------------------------------------------------------------


def _node(action: str) -> None:
    env = {**os.environ, "ES_PORT": OUTAGE_PORT, "ES_HEAP": os.environ.get("ES_HEAP", "256m")}
    subprocess.run(
        ["bash", str(ROOT / "scripts" / "elasticsearch.sh"), action],
        check=True,
        env=env,
        stdout=subprocess.DEVNULL,
        timeout=300,
    )


@pytest.fixture
def outage_node(es_search):
    """A second Elasticsearch node of our own (port 9250), so that stopping it does not take
    the shared node away from other test runs. Requires the shared node to be up (same skip/CI
    rule) and the distribution that scripts/elasticsearch.sh caches."""
    url = f"http://127.0.0.1:{OUTAGE_PORT}"
    started_here = not elasticsearch_reachable(url)
    if started_here:
        _node("start")
    yield url
    if started_here:
        _node("stop")


def _drain(rounds: int = 20) -> None:
    for _ in range(rounds):
        call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
        pending = DBTaskResult.objects.filter(status=TaskResultStatus.READY)
        if not pending.exists():
            return
        time.sleep(0.3)  # retries wait for their backoff (run_after)
    raise AssertionError("the indexing queue did not drain")


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_outage_and_recovery_lose_nothing(settings, outage_node, home, news_column):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    backend = use_backend(settings, "elasticsearch", url=outage_node)
    settings.PORTAL_SEARCH = {
        **settings.PORTAL_SEARCH,
        "RETRY_BACKOFF": 0.5,
        "RETRY_BACKOFF_MAX": 0.5,
        "MAX_ATTEMPTS": 1000,
    }
    search = SearchHelper(backend)
    try:
        before = publish(news_column, _article("停服前发布的稿件"))
        _drain()
        assert search.titles("稿件") == ["停服前发布的稿件"]

        _node("stop")
        assert not elasticsearch_reachable(outage_node)
        # Publishing works while search is down; the updates wait in the queue.
        pages = [publish(news_column, _article(f"停服期间发布的稿件{i}")) for i in range(3)]
        before.unpublish()
        ours = DBTaskResult.objects.filter(task_path="search.tasks.sync_documents")
        queued = ours.filter(status=TaskResultStatus.READY).count()
        assert queued >= 4
        # A worker running during the outage reschedules each update (backoff) and drops none.
        call_command(
            "db_worker", "--batch", "--no-startup-delay", "--no-reload", "--max-tasks", "30"
        )
        assert not ours.filter(status=TaskResultStatus.FAILED).exists()
        assert ours.filter(status=TaskResultStatus.READY).count() >= 4

        _node("start")
        time.sleep(0.3)
        _drain()
        search.refresh()
        assert set(search.titles("稿件")) == {p.title for p in pages}
        assert not ours.filter(status=TaskResultStatus.FAILED).exists()
        call_command("search_check")
    finally:
        if elasticsearch_reachable(outage_node):
            backend.clear()


def _article(title):
    return ArticlePage(title=title, date=days_ago(0), summary=f"{title}摘要。")


def test_character_phrases_read_pairs_and_still_match_only_runs(es_search, make_article):
    """The character sub-fields index neighbouring pairs (``index_phrases``): a phrase of
    characters is answered over the pairs, and still matches only the unbroken run."""
    from search.backends.elasticsearch import CHAR_FIELDS

    run = make_article(title="街道召开议事会通报", summary="居民议事会讨论加装电梯。")
    scattered = make_article(title="会议事项通报", summary="会前梳理事项。")
    es_search.rebuild()
    backend = es_search.backend
    mapping = backend.client.indices.get_mapping(index=backend.alias)
    properties = next(iter(mapping.values()))["mappings"]["properties"]
    for name in ("title", "summary", "body", "extra"):
        assert properties[name]["fields"]["chars"]["index_phrases"] is True
    phrase = {"multi_match": {"query": "议 事 会", "type": "phrase", "fields": CHAR_FIELDS}}
    explained = backend.client.indices.validate_query(
        index=backend.alias, query=phrase, explain=True
    )
    assert "summary.chars._index_phrase" in explained["explanations"][0]["explanation"]
    found = backend.client.search(index=backend.alias, query=phrase, source=["key"])
    keys = {hit["_source"]["key"] for hit in found["hits"]["hits"]}
    assert f"page:{run.pk}" in keys
    assert f"page:{scattered.pk}" not in keys
