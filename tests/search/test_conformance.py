"""One conformance suite, run against both backends (the `search` fixture is parametrized):
same matches, facets, highlights and suggestions from each (nearest stations are not a search
question: tests/delegates/test_locator.py)."""

from __future__ import annotations

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import PageViewRestriction

from news.models import ArticlePage
from search.backends import rescore
from search.backends.base import SearchRequest
from search.documents import KINDS, SearchDoc, registry
from search.plan import make_plan
from tests.conftest import days_ago

pytestmark = pytest.mark.django_db


# -- words, scripts and the character-level net ---------------------------------------------


def test_finds_by_a_word_of_the_title_summary_and_body(search, make_article):
    page = make_article(
        "区人大代表视察老旧小区改造",
        summary="代表们实地察看了加装电梯的进展。",
        body=[("paragraph", "<p>会上，居民反映了停车难的问题。</p>")],
    )
    make_article("常委会召开主任会议", summary="研究预算执行监督工作。")
    key = f"page:{page.pk}"
    assert search.keys("老旧小区") == {key}
    assert search.keys("加装电梯") == {key}
    assert search.keys("停车难") == {key}
    assert search.keys("视察 电梯") == {key}  # every word occurs: only that document
    assert search.keys("月球 火星") == set()  # no word occurs anywhere


# -- ranking as a plan: all words first, then most words, never empty while a word matches ------


def test_a_query_word_that_matches_nothing_does_not_empty_the_results(search, make_article):
    page = make_article("居民捐赠衣物送温暖", summary="社区组织居民捐赠过冬衣物。")
    make_article("常委会召开主任会议", summary="研究预算执行监督工作。")
    # 好心人 occurs nowhere: the document with the other word is still found.
    assert search.keys("好心人 捐赠") == {f"page:{page.pk}"}


def test_documents_with_all_words_rank_above_documents_with_some(search, make_article):
    # The some-words documents are newer and mention their word more often.
    some = [
        make_article(f"电梯维保第{i}期", summary="电梯电梯电梯维保。", days=1) for i in range(3)
    ]
    make_article("老旧小区停车难", summary="小区停车。", days=2)
    both = make_article("社区活动回顾", summary="居民议事会讨论电梯和停车难。", days=300)
    phrase = make_article("年度工作回顾", summary="解决电梯难题，缓解停车难。", days=400)
    hits = search.search("电梯 停车难", per_page=20).hits
    keys = [h.key for h in hits]
    top = {f"page:{both.pk}", f"page:{phrase.pk}"}
    assert set(keys[:2]) == top, keys
    assert len(keys) == 6  # fewer than a page with both words: the others follow
    assert {f"page:{p.pk}" for p in some} <= set(keys[2:])
    # Adjacent words (the query as a phrase) rank first among the all-words documents.
    adjacent = make_article("电梯停车难一并解决", summary="回顾。", days=500)
    assert search.search("电梯 停车难", per_page=20).hits[0].key == f"page:{adjacent.pk}"


def test_a_word_that_describes_counts_after_the_words_that_name_the_matter(search, make_article):
    # The resident says 不够 where the text says 紧缺; neither page holds every word. The one
    # sharing the describing word has it in its title, and it is the rarer word here.
    shares = make_article("乡镇人大联系选民不够", summary="代表走访不够。")
    text = "<p>乡镇人大换届选举顺利完成，各项工作有序开展。代表活动经费紧缺。</p>"
    about = make_article("工作情况", body=[("paragraph", text)])
    for i in range(4):
        make_article(f"预算执行情况第{i}期", summary="专项经费按时拨付。")
    keys = [h.key for h in search.search("乡镇人大经费不够").hits]
    assert keys[:2] == [f"page:{about.pk}", f"page:{shares.pk}"], keys


def test_title_weighs_more_than_body(search, make_article):
    for i in range(4):  # other documents, so that the word is a rare one
        make_article(f"常委会会议第{i}次", summary="审议报告。")
    body = make_article(
        "社区工作简报", summary="简报。", body=[("paragraph", "<p>本期介绍垃圾分类。</p>")]
    )
    title = make_article("垃圾分类工作推进会", summary="会议。", days=30)
    keys = [h.key for h in search.search("垃圾分类").hits]
    assert keys == [f"page:{title.pk}", f"page:{body.pk}"]


def test_a_short_title_about_the_word_outranks_a_long_title_that_mentions_it(search, make_article):
    # Elasticsearch scores each field with its own length: a title about 物业 outweighs a
    # long title naming it among other things, however long the rest of the text is (FTS5's
    # bm25 measured the whole document, so the short page with the long title came first).
    # Asked once before the pages exist: what the backend learnt then (no such word) is not
    # what it ranks with later.
    assert search.keys("物业") == set()
    for i in range(6):  # other documents, so that the word is a rare one
        make_article(f"常委会会议第{i}次", summary="审议报告。")
    sentence = "<p>代表们听取了有关部门的情况介绍，围绕小区停车和电梯维修提出意见建议。</p>"
    about = make_article(
        "物业管理", summary="住宅小区物业管理视察。", body=[("paragraph", sentence * 6)], days=200
    )
    mentions = make_article(
        "北山街道宁苑社区人大代表联络站接待日安排：住宅小区物业管理", summary="安排。", days=1
    )
    keys = [h.key for h in search.search("物业").hits]
    assert keys == [f"page:{about.pk}", f"page:{mentions.pk}"], keys


def test_a_reposted_page_counts_once_among_the_rescored_candidates(search, make_article):
    # A notice reposted every year (one repost group, one result) must not take every place the
    # embedded backend rescores: the text about the word behind its copies is scored too.
    for i in range(6):  # other documents, so that the word is a rare one
        make_article(f"常委会会议第{i}次", summary="审议报告。")
    sentence = "<p>代表们听取了有关部门的情况介绍，围绕小区停车和电梯维修提出意见建议。</p>"
    about = make_article(
        "物业管理", summary="住宅小区物业管理视察。", body=[("paragraph", sentence * 6)], days=400
    )
    copies = [
        make_article(
            "北山街道宁苑社区人大代表联络站接待日安排：住宅小区物业管理",
            summary="安排。",
            days=1 + i,
        )
        for i in range(rescore.CANDIDATES + 5)
    ]
    keys = [h.key for h in search.search("物业").hits]
    assert keys[0] == f"page:{about.pk}", keys
    assert keys[1] in {f"page:{page.pk}" for page in copies}, keys


# -- synonyms: data, applied at query time ---------------------------------------------------


def test_synonyms_find_the_official_word_and_rank_the_residents_word_first(search, make_article):
    official = make_article("慈善捐赠活动启动", summary="号召社会各界捐赠。", days=3)
    literal = make_article("社区爱心捐款箱设立", summary="欢迎捐款。", days=30)
    # 捐款 / 捐赠 / 善款 are one of the shipped groups (search/dictionary/synonyms.txt).
    keys = [h.key for h in search.search("捐款").hits]
    assert keys == [f"page:{literal.pk}", f"page:{official.pk}"]
    hit = search.search("捐款").hits[1]
    assert "捐赠</mark>" in hit.title_html


def test_an_admin_synonym_edit_applies_to_the_next_query_without_reindexing(search, make_article):
    from search.models import SynonymGroup

    page = make_article("人大代表视察滨江绿道", summary="代表察看了绿道建设。")
    assert search.keys("跑步道") == set()
    indexed = search.backend.count()
    SynonymGroup.objects.create(terms="跑步道 绿道 健身步道")  # what an editor saves
    assert search.keys("跑步道") == {f"page:{page.pk}"}
    assert search.backend.count() == indexed  # nothing was reindexed
    SynonymGroup.objects.filter(terms__startswith="跑步道").delete()
    assert search.keys("跑步道") == set()


def test_traditional_query_finds_simplified_text_and_the_reverse(search, make_article):
    simplified = make_article("人大代表联络站开展集中接访活动")
    traditional = make_article("閉會期間代表聯組開展調研", summary="代表聯組深入社區。")
    assert search.keys("人大代表聯絡站") == {f"page:{simplified.pk}"}
    assert search.keys("闭会期间 代表联组") == {f"page:{traditional.pk}"}
    assert search.keys("ＡＢＣ") == set()


def test_domain_words_stay_whole_and_sub_words_still_match(search, make_article):
    page = make_article("推进五上墙和家站点规范化建设")
    assert search.keys("五上墙") == {f"page:{page.pk}"}
    assert search.keys("家站点") == {f"page:{page.pk}"}
    station = make_article("人大代表联络站星级评定结果公布")
    assert f"page:{station.pk}" in search.keys("联络站")
    assert f"page:{station.pk}" in search.keys("人大代表")


def test_character_net_finds_words_the_dictionary_lacks(search, make_article):
    page = make_article("滨江街道龙舟赛圆满举行")
    # "舟赛圆" is no word at all; the character-level sub-field still finds the run.
    assert search.keys("舟赛圆") == {f"page:{page.pk}"}


def test_pinyin_and_initials_find_names(search):
    search.backend.index(
        [
            SearchDoc(
                key="test:1",
                kind="delegate",
                title="张子平",
                url="/delegates/zhang/",
                names=["张子平"],
            ),
            SearchDoc(key="test:2", kind="delegate", title="李明", url="/d/li/", names=["李明"]),
        ]
    )
    assert search.keys("zhangziping") == {"test:1"}
    assert search.keys("ZZP") == {"test:1"}
    assert search.keys("张子平") == {"test:1"}
    assert [s.text for s in search.backend.suggest("zhang")] == ["张子平"]


def test_a_persons_own_page_ranks_above_pages_naming_them(search):
    search.backend.index(
        [
            SearchDoc(
                key="test:duty",
                kind="reception",
                title="东城街道人大代表联络站接访安排",
                url="/s/",
                names=["曾学军", "李明"],
                date=timezone.now(),
            ),
            SearchDoc(
                key="test:zeng", kind="delegate", title="曾学军", url="/d/", names=["曾学军"]
            ),
        ]
    )
    for query in ("zxj", "zengxuejun", "曾学军"):
        assert [h.key for h in search.search(query).hits] == ["test:zeng", "test:duty"], query


# -- publishing lifecycle -------------------------------------------------------------------


def test_drafts_are_never_indexed(search, news_column):
    draft = ArticlePage(title="尚未发布的草稿新闻", date=days_ago(1), summary="草稿。")
    news_column.add_child(instance=draft)
    draft.save_revision()
    assert search.keys("草稿新闻") == set()


def test_publish_unpublish_and_delete(search, make_article):
    page = make_article("关于开展代表述职评议的通知")
    assert search.keys("述职评议") == {f"page:{page.pk}"}
    # A new draft of a live page does not change what is found.
    page.title = "标题改了但尚未发布"
    page.save_revision()
    assert search.keys("尚未发布") == set()
    page.refresh_from_db()
    page.unpublish()
    assert search.keys("述职评议") == set()
    page.save_revision().publish()
    assert search.keys("述职评议") == {f"page:{page.pk}"}
    page.delete()
    assert search.keys("述职评议") == set()


def test_move_updates_urls(search, home, make_article, notice_column):
    page = make_article("代表联组活动记录")
    assert search.search("代表联组").hits[0].url.startswith("/news/")
    page.move(notice_column, pos="last-child")
    assert search.search("代表联组").hits[0].url.startswith("/notices/")


def test_scheduled_expiry_and_go_live(search, make_article, news_column):
    expiring = make_article("即将下线的旧闻稿件")
    expiring.expire_at = timezone.now() - datetime.timedelta(minutes=1)
    expiring.save()
    scheduled = ArticlePage(
        title="定时发布的预告新闻", date=days_ago(0), summary="预告。", live=False
    )
    news_column.add_child(instance=scheduled)
    scheduled.go_live_at = timezone.now() + datetime.timedelta(hours=1)
    scheduled.save_revision().publish()  # approved for go-live, not live yet
    assert search.keys("预告新闻") == set()
    assert search.keys("旧闻稿件") == {f"page:{expiring.pk}"}

    scheduled.refresh_from_db()
    # Time passes: the approved go-live moment is now in the past.
    past = timezone.now() - datetime.timedelta(minutes=1)
    revision = scheduled.latest_revision
    revision.approved_go_live_at = past
    revision.content["go_live_at"] = past.isoformat()
    revision.save()
    call_command("publish_scheduled", verbosity=0)
    assert search.keys("旧闻稿件") == set()
    assert search.keys("预告新闻") == {f"page:{scheduled.pk}"}


def test_private_pages_are_not_indexed(search, make_article):
    page = make_article("仅限内部查看的会议纪要")
    assert search.keys("会议纪要") == {f"page:{page.pk}"}
    PageViewRestriction.objects.create(page=page, restriction_type="login")
    assert search.keys("会议纪要") == set()


def test_expired_notices_stay_findable_and_are_marked(search, make_notice):
    make_notice(
        "关于征集监督议题的公告",
        valid_until=(timezone.localdate() - datetime.timedelta(days=3)),
    )
    make_notice("关于征集立法建议的公告")
    hits = {hit.title: hit for hit in search.search("征集").hits}
    assert hits["关于征集监督议题的公告"].is_expired
    assert not hits["关于征集立法建议的公告"].is_expired


# -- result shape ---------------------------------------------------------------------------


def test_facets_count_per_kind_and_year_and_filters_apply(
    search, make_article, make_notice, make_report
):
    make_article("专题调研城市更新", days=2)
    make_article("专题调研养老服务", days=400)
    make_notice("关于专题调研安排的通知")
    make_report("关于城市更新情况的专题调研报告")
    result = search.search("专题调研")
    assert result.total == 4
    kinds = {b.value: b.count for b in result.facets["kind"]}
    assert kinds == {"news": 2, "notice": 1, "report": 1}
    years = {b.value: b.count for b in result.facets["year"]}
    assert sum(years.values()) == 4
    filtered = search.search("专题调研", kinds=["news"])
    assert filtered.total == 2
    assert {h.kind for h in filtered.hits} == {"news"}
    # The kind facet keeps counting the other kinds (multi-select), the year facet narrows.
    assert {b.value: b.count for b in filtered.facets["kind"]} == kinds
    assert sum(b.count for b in filtered.facets["year"]) == 2
    year = str((timezone.now() - datetime.timedelta(days=400)).year)
    by_year = search.search("专题调研", kinds=["news"], year=int(year))
    assert all(h.date.year == int(year) for h in by_year.hits)


def test_every_kind_is_labelled_faceted_and_filterable(search):
    # Every source's kind has a label (the 群众意见答复 of voices/ included).
    assert {source.kind for source in registry.sources()} <= set(KINDS)
    assert KINDS["answer"] == "群众意见答复"
    search.backend.index(
        [
            SearchDoc(key=f"test:{kind}", kind=kind, title=f"示范文档{label}", url=f"/{kind}/")
            for kind, label in KINDS.items()
        ]
    )
    result = search.search("示范文档", per_page=50)
    assert {b.value: b.count for b in result.facets["kind"]} == dict.fromkeys(KINDS, 1)
    assert {b.label for b in result.facets["kind"]} == set(KINDS.values())
    for kind, label in KINDS.items():
        hits = search.search("示范文档", kinds=[kind]).hits
        assert [(h.key, h.kind_label) for h in hits] == [(f"test:{kind}", label)]


def test_sort_by_date_and_pagination(search, make_article):
    for days in (5, 1, 3, 2, 4):
        make_article(f"代表接访记录第{days}期", days=days)
    newest_first = [h.title for h in search.search("接访", sort="date").hits]
    assert newest_first == [f"代表接访记录第{d}期" for d in (1, 2, 3, 4, 5)]
    page2 = search.search("接访", sort="date", page=2, per_page=2)
    assert page2.total == 5
    assert [h.title for h in page2.hits] == ["代表接访记录第3期", "代表接访记录第4期"]


def test_highlights_are_escaped(search, make_article):
    make_article(
        "<script>alert(1)</script>代表建议办理",
        summary="<script>alert('x')</script> 代表建议 & <b>答复</b>",
    )
    hit = search.search("<script>代表建议").hits[0]
    assert "<script>" not in hit.title_html
    assert "<script>" not in hit.snippet_html
    assert "&lt;<mark>script</mark>&gt;" in hit.snippet_html  # escaped, then marked
    assert "<mark>代表建议</mark>" in hit.snippet_html
    assert "&amp;" in hit.snippet_html


def test_results_carry_kind_date_and_breadcrumb(search, make_report):
    page = make_report("2025年区人大常委会工作报告")
    hit = search.search("工作报告").hits[0]
    assert hit.kind == "report" and hit.kind_label == "工作报告"
    assert hit.date.date() == page.date.date()
    assert hit.breadcrumb == ["工作报告"]
    assert hit.url == page.url


def test_suggestions_by_title_prefix(search, make_article):
    make_article("人大代表联络站集中接访")
    make_article("人大常委会专题询问")
    make_article("区政府工作报告")
    assert {s.text for s in search.backend.suggest("人大")} == {
        "人大代表联络站集中接访",
        "人大常委会专题询问",
    }
    # From a word inside the title too, and across scripts.
    assert [s.text for s in search.backend.suggest("聯絡站")] == ["人大代表联络站集中接访"]
    assert search.backend.suggest("无此前缀") == []


def test_rebuild_and_check_report_no_drift(search, make_article, capsys):
    make_article("用于重建索引的新闻一")
    make_article("用于重建索引的新闻二")
    search.backend.clear()
    with pytest.raises(Exception, match="drifted"):
        call_command("search_check")
    call_command("search_rebuild")
    search.refresh()
    call_command("search_check")
    assert "No drift" in capsys.readouterr().out
    assert len(search.keys("重建索引")) == 2


def test_empty_and_punctuation_queries_find_nothing(search, make_article):
    make_article("人大代表")
    assert search.search("！！？").total == 0
    assert search.backend.search(SearchRequest(query="   ")).total == 0


def test_reposts_show_once_the_best_ranked_first(search, make_article):
    first = make_article("关于开展人大代表述职评议活动的通知", slug="repost-a", days=2)
    make_article("关于开展人大代表述职评议活动的通知", slug="repost-b", days=40)
    make_article("关于开展人大代表述职评议活动的通知", slug="repost-c", days=90)
    other = make_article("代表述职评议在东城街道举行", slug="other", days=5)
    keys = [h.key for h in search.search("述职评议").hits]
    assert sorted(keys) == sorted([f"page:{first.pk}", f"page:{other.pk}"])


def test_a_mistyped_homophone_of_a_domain_term_finds_the_term(search, make_article):
    page = make_article("人大代表联络站开展集中接访", summary="代表在联络站听取意见。")
    make_article("区人大常委会召开主任会议", summary="会议研究了有关事项。")
    # 连络站 is no word; it sounds like the domain term 联络站 (lian luo zhan).
    assert search.keys("人大代表连络站") == {f"page:{page.pk}"}
    assert "联络站</mark>" in search.search("人大代表连络站").hits[0].title_html


def test_a_term_typed_with_a_fuzzy_pinyin_syllable_finds_the_term(search, make_article):
    page = make_article("人大代表联络站开展集中接访", summary="代表在联络站听取意见。")
    make_article("区人大常委会召开主任会议", summary="会议研究了有关事项。")
    # 联络赞 (lian luo zan) is what an input method offers a resident who does not tell zh
    # from z: the term 联络站 (lian luo zhan) is read.
    assert search.keys("人大代表联络赞") == {f"page:{page.pk}"}
    assert "联络站</mark>" in search.search("人大代表联络赞").hits[0].title_html


# -- template pages, question words and shipped synonyms ------------------------------------


def index_three_stations(search, summary):
    """Three station pages of one street each, titled as every station is (…人大代表联络站)."""
    search.backend.index(
        [
            SearchDoc(
                key=f"test:station{i}",
                kind="station",
                title=f"{street}街道明港社区人大代表联络站",
                url=f"/stations/{i}/",
                summary=summary,
                street=f"{street}街道",
            )
            for i, street in enumerate(["东城", "西湖", "南门"])
        ]
    )


def test_template_pages_follow_other_documents_unless_the_query_names_them(search, make_article):
    boilerplate = "本站是代表工作室和联络站的活动阵地，代表工作室定期接待选民，代表工作室欢迎您。"
    index_three_stations(search, boilerplate)
    article = make_article(
        "街道代表工作的新平台",
        summary="代表工作室是常委会的派出机构。",
        body=[("paragraph", "<p>各街道代表工作室做到有阵地、有制度。</p>")],
    )
    # The stations repeat the word in their boilerplate; the text that explains it comes first.
    keys = [h.key for h in search.search("代表工作室").hits]
    assert keys[0] == f"page:{article.pk}", keys
    assert set(keys[1:]) == {"test:station0", "test:station1", "test:station2"}
    # A query that names a station (every word in its title) ranks it first as before.
    make_article("社区新闻", summary="东城街道明港社区的代表在联络站接待选民。")
    assert search.search("东城街道明港社区人大代表联络站").hits[0].key == "test:station0"


def test_question_words_do_not_rank_pages_that_only_share_them(search, make_article):
    answer = make_article("人大监督工作的方式", summary="通过视察、调研和专题询问开展监督。")
    make_article("社区工作要做细做实", summary="做好群众工作，做到件件有回音。")
    # 怎么做 asks how; only the document about 监督 answers it.
    assert search.keys("监督怎么做") == {f"page:{answer.pk}"}


def test_shipped_synonym_groups_added_later_are_loaded(search, make_article):
    page = make_article(
        "人大代表的履职特点",
        summary="代表都不脱离自己的工作岗位，难以有充足的时间投入代表工作。",
    )
    make_article("人大代表小组开展代表活动", summary="代表们视察了老旧小区，代表提出建议。")
    # 脱产 / 脱离工作岗位: a group of search/dictionary/synonyms.txt loaded by migration 0005.
    assert search.search("代表为啥不脱产").hits[0].key == f"page:{page.pk}"


# -- words the segmenter cuts differently: characters and proximity -------------------------


def test_a_one_character_verb_also_matches_inside_longer_words(search, make_article):
    # The text says 召开 (one word); the resident types 开. The title that repeats 听证 would
    # rank first on text relevance alone.
    held = make_article("常委会工作动态", summary="区人大常委会召开立法听证会。")
    make_article("听证制度介绍", summary="听证是立法的重要环节。")
    assert search.search("听证 开").hits[0].key == f"page:{held.pk}"


def test_a_word_no_dictionary_knows_matches_as_a_run_of_characters(search, make_article):
    # 舟赛 is the segmenter's guess; the text was cut 龙舟 / 龙舟赛, so no word matches it.
    race = make_article("滨江街道龙舟赛圆满举行")
    photos = make_article("社区摄影展开幕", summary="展出居民拍摄的照片。")
    assert search.keys("舟赛 照片") == {f"page:{race.pk}", f"page:{photos.pk}"}


def test_neighbouring_query_words_close_together_rank_first(search, make_article):
    # Both documents hold both words; the scattered ones are in the title (which weighs more).
    scattered = make_article("养老服务中心建设与财政预算执行情况监督")
    close = make_article("街道工作简报", summary="工委对社区养老服务进行监督，走访了日间照料中心。")
    keys = [h.key for h in search.search("养老服务监督").hits]
    assert keys == [f"page:{close.pk}", f"page:{scattered.pk}"]


def test_words_close_only_across_the_end_of_the_title_are_not_close(search, make_article):
    # The first title ends with 养老服务 and its summary starts with 监督: next to each other
    # only if the title and summary were one text. The second has them close in its summary.
    across = make_article("社区养老服务", summary="监督检查情况通报。")
    close = make_article("街道工作简报", summary="工委对社区养老服务进行监督。")
    keys = [h.key for h in search.search("养老服务监督").hits]
    assert keys == [f"page:{close.pk}", f"page:{across.pk}"]


def test_a_part_of_the_question_between_question_words_counts_as_a_phrase(search, make_article):
    # 开一次会 (the part after 多久) is in the answer's 召开一次会议; the other text has the
    # words too (工委 in its title, 开 in 开展, 一次) but not that run.
    answer = make_article("会议制度", summary="街道工委每两个月至少召开一次会议。")
    make_article("工委工作动态", summary="工委组织全体代表深入社区，本月开展一次走访。")
    assert search.search("工委多久开一次会").hits[0].key == f"page:{answer.pk}"


def test_a_question_that_cannot_finds_the_text_that_can(search, make_article):
    # 找不到代表 asks what the text answers as 找得到代表; the other text holds the words
    # (代表 in its title, 找 near it) but not that run.
    answer = make_article("联络站布局", summary="在每个镇建立联络站，让选民找得到代表。")
    make_article("代表是人大工作的主体", summary="建设代表想得起、找得到、靠得住的代表之家。")
    assert search.search("找不到代表怎么办").hits[0].key == f"page:{answer.pk}"


@pytest.mark.parametrize(
    ("query", "run"),
    [("找不到代表怎么办", "找得到代表"), ("联系不上代表", "联系得上代表"), ("好不好", None)],
)
def test_a_negated_result_is_also_asked_as_its_positive_form(query, run):
    runs = ["".join(r) for r in make_plan(query, synonyms={}).runs]
    assert (runs[0] if runs else None) == run


def test_a_generic_word_names_no_template_page(search, make_article):
    # Every station's title ends in 人大代表联络站: the word names the kind of page, not one
    # of them (search/dictionary/generic.txt), so the text that explains it comes first.
    index_three_stations(search, "人大代表联络站开放时间：每周三上午。")
    article = make_article(
        "联络站规范化建设的要求",
        summary="选取交通方便的地域作为设置点，统一上挂人大代表联络站牌子，做到有场地、有制度。",
    )
    keys = [h.key for h in search.search("人大代表联络站").hits]
    assert keys[0] == f"page:{article.pk}", keys
    # A word that is not generic still names the stations: 东城街道 + 联络站.
    assert search.search("东城街道联络站").hits[0].key == "test:station0"


def test_the_search_page_groups_the_template_pages_the_query_does_not_name(search, make_article):
    """Many stations match (the synonym 联络站 is in every title): the search page groups
    them, but the stations the query names (代表之家 in their titles) stay results of their
    own, where they ranked."""
    from django.http import QueryDict

    from search.query import COLLAPSE_OVER, PortalSearch

    streets = ["东城", "西湖", "南门", "北山", "新华", "城关", "河口", "青石"]
    search.backend.index(
        [
            SearchDoc(
                key=f"test:station{i}",
                kind="station",
                title=f"{street}街道{'人大代表之家' if i < 2 else '明港社区人大代表联络站'}",
                url=f"/stations/{i}/",
                summary="代表定期接待选民。",
                street=f"{street}街道",
            )
            for i, street in enumerate(streets)
        ]
    )
    article = make_article("代表之家建设情况", summary="各街道代表之家做到有阵地、有制度。")
    page = PortalSearch(QueryDict("q=代表之家"), backend=search.backend).run(log=False)
    keys = [hit.key for hit in page.hits]
    assert len(streets) - 2 > COLLAPSE_OVER
    assert set(keys[:3]) == {"test:station0", "test:station1", f"page:{article.pk}"}, keys
    group = next(hit for hit in page.hits if hit.group_count)
    assert group.group_count == len(streets)
    assert not {f"test:station{i}" for i in range(2, len(streets))} & set(keys)
    # A query that names no station groups them all, as before.
    page = PortalSearch(QueryDict("q=联络站"), backend=search.backend).run(log=False)
    assert [hit.kind for hit in page.hits].count("station") == 1


def test_the_kind_of_page_in_a_station_name_does_not_find_its_answers(search, make_article):
    # Every answer carries the name of the station it was sent to: the name's own words find
    # it, the words every station name ends in (人大代表联络站, its synonym 代表之家) do not.
    search.backend.index(
        [
            SearchDoc(
                key="test:answer",
                kind="answer",
                title="城市建设：路灯坏了三个月",
                url="/voices/1/",
                summary="已联系街道修复。",
                station="东城街道兴塘社区人大代表联络站",
            )
        ]
    )
    article = make_article("联络站规范化建设", summary="统一上挂人大代表联络站牌子。")
    assert search.keys("人大代表联络站") == {f"page:{article.pk}"}
    assert search.keys("代表之家") == {f"page:{article.pk}"}
    assert search.keys("兴塘") == {"test:answer"}


def test_a_yearly_series_shows_once(search, make_article):
    # The same notice every year: one result, the newest (other things equal); the report
    # that answers comes right after it instead of below three years of the notice.
    newest = make_article("关于开展2026年度人大代表述职评议活动的通知", days=3)
    make_article("关于开展2025年度人大代表述职评议活动的通知", days=368)
    make_article("关于开展2024年度人大代表述职评议活动的通知", days=733)
    answer = make_article("代表述职评议在东城街道举行", summary="十位代表向选民述职。", days=60)
    # Numbers other than years stay: two issues of a bulletin are two texts.
    first = make_article("述职评议工作简报第1期", days=90)
    second = make_article("述职评议工作简报第2期", days=80)
    keys = [h.key for h in search.search("述职评议").hits]
    assert sorted(keys) == sorted(f"page:{p.pk}" for p in (newest, answer, first, second)), keys


def test_recency_favours_news_only_and_never_other_kinds(search):
    # Two documents alike but for their kind: today's news comes first; a report (reference
    # text, no recency) gets no bonus at all, let alone a larger one.
    now = timezone.now()
    search.backend.index(
        [
            SearchDoc(
                key=f"test:{kind}",
                kind=kind,
                title="履职平台功能说明",
                url=f"/{kind}/",
                summary="代表通过履职平台提交建议。",
                date=now,
            )
            for kind in ("report", "news")
        ]
    )
    assert [h.key for h in search.search("履职平台").hits] == ["test:news", "test:report"]


def test_a_compound_also_matches_its_head_word(search, make_article):
    # The text says 代表 where the resident says 人大代表: it holds both of the query's words
    # (the compound through its head), the title that repeats 人大代表 only one.
    answer = make_article("年终工作安排", summary="年底组织代表向选民述职。")
    make_article("人大代表风采", summary="人大代表风采展示。")
    assert search.search("人大代表向选民述职").hits[0].key == f"page:{answer.pk}"


def test_synonyms_score_only_the_documents_without_the_word(es_search, make_article):
    # Elasticsearch scoring: 家站点 in the text about it outweighs its synonym 联络站 in a
    # title (the embedded backend orders these by the originals count already).
    about = make_article(
        "阵地建设",
        summary="优化代表家站点建设，推进家站点标准化，让家站点用起来。",
        days=400,
    )
    make_article("代表走进联络站", summary="代表走进联络站倾听意见，加强家站点建设。", days=1)
    assert es_search.search("家站点").hits[0].key == f"page:{about.pk}"


def test_the_all_words_count_stops_at_the_limit_and_applies_the_filters(search, make_article):
    both = [make_article(f"电梯加装与停车难第{i}期") for i in range(3)]
    make_article("电梯维保通知")
    search.refresh()
    request = SearchRequest(query="电梯 停车难")
    assert search.backend.count_upto(request, request.plan, 10) == len(both)
    assert search.backend.count_upto(request, request.plan, 2) == 2
    other_kind = request.narrowed(kinds=["notice"])
    assert search.backend.count_upto(other_kind, request.plan, 10) == 0
    # Fewer than a page with both words: the any-word step, all four found, both-word ones first.
    keys = [hit.key for hit in search.search("电梯 停车难").hits]
    assert len(keys) == 4
    assert set(keys[:3]) == {f"page:{page.pk}" for page in both}


@pytest.mark.parametrize(
    ("query", "one_word"),
    [
        ("常委会", True),
        ("选民", True),
        ("开才", False),
        ("监督怎么做", False),
        ("选民 常委会", False),
    ],
)
def test_a_query_of_one_dictionary_word_is_its_own_phrase(query, one_word):
    # A word the dictionaries lack (开才) keeps its run of characters; a question keeps the
    # words around its word (怎么做) in its phrase.
    assert make_plan(query, synonyms={}).phrase_is_word is one_word


def test_one_word_ranks_its_documents_over_its_characters_across_words(search, make_article):
    # 参选民众 holds 选民 as characters only (参选 / 民众): still found, after the word itself.
    word = make_article("选民接待日安排", summary="欢迎选民来访。", days=300)
    across = make_article("参选民众座谈会", summary="参选民众谈意见。", days=1)
    other = make_article("代表述职")
    keys = [hit.key for hit in search.search("选民").hits]
    assert keys == [f"page:{word.pk}", f"page:{across.pk}"]
    assert f"page:{other.pk}" not in keys


def test_the_any_word_step_counts_every_match_and_pages_through_them_all(search, make_article):
    # Fewer than a page holds all three words: the any-word step. Elasticsearch ranks the page
    # among the documents with all words but one first (they rank above all others) and asks
    # again of every match when those do not fill the page (page 2 here); the total and the
    # facets count every match either way.
    all_three = [make_article(f"第{i}次物业协调会", summary="电梯维保和停车难。") for i in (1, 2)]
    two = [
        make_article(f"第{i}期社区议事", summary="电梯加装，缓解停车难。", days=i + 3)
        for i in range(11)
    ]
    one = [make_article(f"第{i}号物业通告", summary="物业通知。", days=i + 20) for i in range(3)]
    query = "电梯 停车难 物业"
    assert len(SearchRequest(query=query).plan.groups) == 3
    first = search.search(query)
    keys = [hit.key for hit in first.hits]
    assert set(keys[:2]) == {f"page:{p.pk}" for p in all_three}, keys
    assert set(keys[2:]) <= {f"page:{p.pk}" for p in two}
    assert len(keys) == 10
    assert first.total == 16
    assert {b.value: b.count for b in first.facets["kind"]} == {"news": 16}
    second = search.search(query, page=2)
    keys += [hit.key for hit in second.hits]
    assert second.total == 16
    assert len(keys) == len(set(keys)) == 16
    assert set(keys[-3:]) == {f"page:{p.pk}" for p in one}


# -- template text: sentences many documents repeat weigh little ------------------------------

TEMPLATE = "下一步，常委会将把居家社区养老服务作为监督重点，持续推动工作落实。"


def test_sentences_many_documents_repeat_find_them_but_rank_them_below_own_text(
    search, make_article, monkeypatch
):
    from search import boilerplate

    monkeypatch.setattr(boilerplate, "MIN_DOCUMENTS", 5)
    repeated = [
        make_article(
            f"常委会工作简报第{i}期",
            summary="简报。",
            body=[("paragraph", f"<p>本期编号{i}，内容从略。{TEMPLATE}</p>")],
        )
        for i in range(6)
    ]
    text = (
        "<p>区人大常委会听取养老服务工作的专项报告，组织代表视察养老机构和居家服务站点，"
        "开展专题询问，推动解决护理人员不足、服务质量不高等问题。常委会将持续开展跟踪监督。</p>"
    )
    about = make_article("民生工作情况", summary="工作情况。", body=[("paragraph", text)])
    about_key = f"page:{about.pk}"
    keys = [h.key for h in search.search("养老服务监督", per_page=20).hits]
    assert keys[0] != about_key  # every bulletin repeats the words close together, briefly
    assert boilerplate.refresh() == 1  # the repeated sentence; one document has the other
    search.rebuild()
    hits = search.search("养老服务监督", per_page=20).hits
    assert hits[0].key == about_key, [h.key for h in hits]
    assert {h.key for h in hits[1:]} == {f"page:{p.pk}" for p in repeated}  # still found
    # Snippets are the text as published, template sentences included.
    assert all("持续推动工作落实" in h.snippet_html for h in hits[1:])
    # Publishing one page splits it by the same table as the rebuild did.
    late = make_article(
        "常委会工作简报第9期",
        summary="简报。",
        body=[("paragraph", f"<p>本期编号9，内容从略。{TEMPLATE}</p>")],
    )
    hits = search.search("养老服务监督", per_page=20).hits
    assert hits[0].key == about_key
    assert f"page:{late.pk}" in {h.key for h in hits}
