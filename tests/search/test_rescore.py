"""The embedded backend's re-rank (``search.backends.rescore``): what it counts and how it
orders, without a database (the conformance suite checks it against Elasticsearch)."""

from search.backends import rescore
from search.plan import Alternative, Group, QueryPlan

WEIGHTS = {"title_words": 3.0, "body_words": 1.0}
COLUMNS = [*WEIGHTS, "template_words"]


def relevance(*words):
    plan = QueryPlan(groups=[Group(alternatives=(Alternative(tokens=(w,)),)) for w in words])
    return rescore.Relevance(
        plan,
        [list(group.alternatives) for group in plan.groups],
        WEIGHTS,
        ("template_words", 0.0),
        stats={c: (10, 5.0) for c in COLUMNS},
        found={(w, c): 1 for w in words for c in COLUMNS},
        rarity={(w, c): 1.0 for w in words for c in COLUMNS},
        columns=COLUMNS,
    )


def test_a_word_repeated_back_to_back_counts_each_time():
    scorer = relevance("监督")
    once = scorer.score(["怎么 监督 不能 听", "", ""], "page", None, None)
    twice = scorer.score(["怎么 监督 监督 不能", "", ""], "page", None, None)
    part = scorer.score(["怎么 监督权 不能 听", "", ""], "page", None, None)
    assert twice > once > part == 0.0


def test_the_title_weighs_more_than_the_body_and_a_short_field_more_than_a_long_one():
    scorer = relevance("物业")
    title = scorer.score(["物业 管理", "", ""], "page", None, None)
    body = scorer.score(["", "物业 管理", ""], "page", None, None)
    long_title = scorer.score(["物业 管理 " + "小区 " * 20, "", ""], "page", None, None)
    assert title > body and title > long_title > 0


def test_tiers_stay_and_close_scores_keep_the_plan_order():
    rows = [("a", "2 1"), ("b", "2 1"), ("c", "2 1"), ("d", "1 1"), ("e", "1 1")]
    scored = {"a": 5.0, "b": 5.0 + rescore.PRECISION / 4, "c": 6.0, "e": 9.0}
    # c first (best), a before b (a tie: the plan's order); d is not scored: after e.
    assert [key for key, _ in rescore.rerank(rows, scored)] == ["c", "a", "b", "e", "d"]
