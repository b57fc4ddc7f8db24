"""Delegates' suggestions in the public search (kind "suggestion"), on both backends: found by
title, number, delegate (also in pinyin), handling body and reply; drafts, withdrawn and
restricted suggestions never."""

import pytest
from wagtail.models import PageViewRestriction

from search.documents import KINDS

pytestmark = pytest.mark.django_db


def test_suggestions_are_their_own_kind(search, make_suggestion, make_delegate, handling_body):
    wang = make_delegate(name="王建国")
    page = make_suggestion(
        title="关于加装电梯的建议",
        number="第十六届第3次会议第045号",
        lead_delegate=wang,
        cosigners=["李明华"],
        reply="<p>已在东风社区试点加装电梯。</p>",
        answered_on="2025-03-01",
    )
    key = f"page:{page.pk}"
    assert KINDS["suggestion"] == "代表建议"
    for query in ("加装电梯", "第045号", "wangjianguo", "李明华", "东风社区试点", "住房和城乡建设"):
        assert key in search.keys(query, kinds=["suggestion"]), query
    hit = search.search("加装电梯", kinds=["suggestion"]).hits[0]
    assert hit.kind == "suggestion" and hit.kind_label == "代表建议" and hit.url == page.url
    assert "加装电梯" in hit.snippet_html or "加装电梯" in hit.title_html


def test_hidden_suggestions_are_not_found(search, make_suggestion):
    make_suggestion(title="关于草稿电梯的建议", publish=False)
    withdrawn = make_suggestion(title="关于撤回电梯的建议")
    private = make_suggestion(title="关于受限电梯的建议")
    public = make_suggestion(title="关于公开电梯的建议")
    withdrawn.unpublish()
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    search.rebuild()
    assert search.keys("电梯") == {f"page:{public.pk}"}
