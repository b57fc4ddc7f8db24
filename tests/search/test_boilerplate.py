"""Template text (search.boilerplate): which sentences count as template, how a document's
body is split, and that a rebuild refreshes the table that single-page indexing reads."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from search import boilerplate
from search.documents import SearchDoc, registry
from search.models import BoilerplateSentence

SENTENCE = "各人大代表联络站要按照六有标准规范运行，落实五上墙制度。"


def test_a_sentence_is_the_same_whatever_its_script_width_and_punctuation():
    assert boilerplate.digest(SENTENCE) == boilerplate.digest(
        "各人大代表聯絡站要按照“六有”標準規範運行 ，落實“五上牆”制度！"
    )
    assert boilerplate.digest("特此通知。") is None  # too short to be a template


def test_the_threshold_is_twenty_documents_or_one_in_a_thousand():
    assert boilerplate.threshold(300) == 20
    assert boilerplate.threshold(100_000) == 100


def test_a_document_counts_each_of_its_sentences_once():
    digests = boilerplate.document_digests(SENTENCE * 3 + "本站今天开放接待选民。")
    assert digests == {boilerplate.digest(SENTENCE), boilerplate.digest("本站今天开放接待选民。")}


def test_a_body_keeps_its_length_and_indexes_its_template_sentences_apart():
    own = "东城街道联络站本周六上午接待选民。"
    doc = SearchDoc(key="page:1", kind="news", title="接待", url="/", body=own + SENTENCE)
    plain = doc.analyzed()
    doc = SearchDoc(key="page:1", kind="news", title="接待", url="/", body=own + SENTENCE)
    doc.boilerplate = frozenset({boilerplate.digest(SENTENCE)})
    split = doc.analyzed()
    assert "五上墙" in plain["body"].split() and plain["template"] == ""
    assert "五上墙" not in split["body"].split() and "五上墙" in split["template"].split()
    assert "选民" in split["body"].split()
    assert len(split["body"].split()) == len(plain["body"].split())  # placeholders


@pytest.mark.django_db
def test_the_rebuild_refreshes_the_table_that_indexing_one_page_reads(
    make_article, settings, monkeypatch
):
    from tests.search.conftest import reset_backend, use_backend

    use_backend(settings, "embedded")
    monkeypatch.setattr(boilerplate, "MIN_DOCUMENTS", 3)
    pages = [
        make_article(f"联络站动态第{i}期", body=[("paragraph", f"<p>第{i}期。{SENTENCE}</p>")])
        for i in range(3)
    ]
    assert not BoilerplateSentence.objects.exists()
    call_command("search_rebuild", workers=1, verbosity=0)
    assert list(BoilerplateSentence.objects.values_list("documents", flat=True)) == [3]
    doc = registry.build(f"page:{pages[0].pk}")  # what the indexing queue builds
    assert "五上墙" in doc.analyzed()["template"].split()
    BoilerplateSentence.objects.all().delete()
    call_command("search_boilerplate", verbosity=0)
    assert BoilerplateSentence.objects.count() == 1
    reset_backend()
