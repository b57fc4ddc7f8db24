"""Unit tests for search.analysis (pure Python, no database)."""

from __future__ import annotations

import tempfile
import threading
from pathlib import Path

import pytest

from search import analysis
from search.analysis import DICTIONARY_PATH, analyze, name_variants, normalize, tokens

SEEDS = Path(__file__).resolve().parents[3] / "shared" / "seeds"

# --- normalize -------------------------------------------------------------------------------


def test_normalize_traditional_to_simplified() -> None:
    assert normalize("人大代表聯絡站") == "人大代表联络站"
    assert normalize("閉會期間，代表聯組開展活動") == "闭会期间,代表联组开展活动"


def test_normalize_full_width_and_case() -> None:
    assert normalize("２０２５年ＡＢＣ") == "2025年abc"
    assert normalize("ｗａｇｔａｉｌ　Ｓｅａｒｃｈ") == "wagtail search"  # U+3000 -> space


def test_normalize_collapses_whitespace() -> None:
    assert normalize("  人大 \t\n 代表\u3000\u3000联络站  ") == "人大 代表 联络站"


@pytest.mark.parametrize("text", ["", "   ", "\u3000\n"])
def test_normalize_empty(text: str) -> None:
    assert normalize(text) == ""


# --- tokens / analyze --------------------------------------------------------------------------


def test_traditional_query_matches_simplified_text() -> None:
    assert tokens("人大代表聯絡站") == tokens("人大代表联络站")
    assert tokens("聯絡站") == tokens("联络站")
    assert analyze("履職積分與述職報告") == analyze("履职积分与述职报告")


WHOLE_WORDS = ["五上墙", "一府两院", "代表联组", "家站点", "六有", "接访", "约访"]


@pytest.mark.parametrize("word", WHOLE_WORDS)
def test_domain_words_stay_whole(word: str) -> None:
    assert word in tokens(f"关于{word}的通知")


def test_search_mode_emits_sub_words() -> None:
    result = tokens("人大代表联络站")
    assert "人大代表联络站" in result
    assert {"人大代表", "联络站", "代表联络站"} <= set(result)
    # The whole word comes after its sub-words, as in jieba's cut_for_search.
    assert result[-1] == "人大代表联络站"


def test_five_on_the_wall_is_one_token() -> None:
    assert tokens("五上墙") == ["五上墙"]


def test_full_width_digits_and_letters() -> None:
    result = tokens("２０２５年ＡＢＣ代表")
    assert "2025" in result
    assert "abc" in result


def test_ascii_words_and_numbers_are_kept() -> None:
    result = tokens("Wagtail 8 在 2025 年上线")
    assert {"wagtail", "8", "2025"} <= set(result)


def test_whitespace_and_punctuation_are_dropped() -> None:
    result = tokens("代表，联络站。  “五上墙”！")
    assert result == ["代表", "联络", "联络站", "五上墙"]
    assert all(tok.strip() == tok and tok for tok in result)


@pytest.mark.parametrize("text", ["", "   ", "，。！？……——", "“”《》（）", "!!! ... ---"])
def test_empty_and_punctuation_only(text: str) -> None:
    assert tokens(text) == []
    assert analyze(text) == ""


def test_analyze_joins_tokens_with_single_spaces() -> None:
    text = "全过程人民民主 在 基层"
    assert analyze(text) == " ".join(tokens(text))
    assert "  " not in analyze(text)


@pytest.mark.parametrize(
    ("query", "document"),
    [
        ("联络站", "和孚镇人大代表联络站"),
        ("人大代表", "人大代表联络站开展接访"),
        ("聯絡站 述職", "代表联络站组织代表述职"),
        ("ＡＢＣ 2025", "abc项目于２０２５年完成"),
    ],
)
def test_query_tokens_are_found_in_document_tokens(query: str, document: str) -> None:
    assert set(tokens(query)) <= set(tokens(document))


def test_dictionary_file_has_required_words() -> None:
    words = {
        line.split()[0]
        for line in DICTIONARY_PATH.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    }
    required = {
        "人大代表", "联络站", "代表联络站", "人大代表联络站", "五上墙", "一府两院", "代表联组",
        "代表团", "家站点", "代表之家", "代表工作室", "接访", "约访", "述职", "述职报告", "履职",
        "履职积分", "履职档案", "星级", "六有", "人大常委会", "常委会", "主任会议", "人代会",
        "选举任免", "决议决定", "街道人大工委", "乡镇人大主席团", "专业小组", "选民", "选区",
        "执法检查", "视察", "调研", "议案", "建议", "为民办实事", "民生实事", "全过程人民民主",
    }  # fmt: skip
    assert required <= words
    assert len(words) >= len(required) + 40


def test_tokenizer_is_private_and_initialised_once() -> None:
    import rjieba

    tokens("初始化")
    first = analysis._tokenizer
    assert first is not None
    tokens("再次")
    assert analysis._tokenizer is first
    # The domain dictionary must not leak into rjieba's global tokenizer.
    assert first.has_word("五上墙")
    assert not rjieba.has_word("五上墙")


def _reference_tokens(text: str) -> list[str]:
    """``tokens`` computed with the pure-Python jieba (the original implementation)."""
    import jieba

    tokenizer = _reference_tokenizer()
    result = []
    for word in tokenizer.cut(normalize(text), HMM=True):
        for size in range(2, len(word)):
            for start in range(len(word) - size + 1):
                sub = word[start : start + size]
                if tokenizer.FREQ.get(sub):  # prefixes of words are stored with frequency 0
                    result.append(sub)
        result.append(word)
    assert tokenizer is not jieba.dt
    return [tok for tok in result if any(ch.isalnum() for ch in tok)]


_REFERENCE: dict = {}


def _reference_tokenizer():
    import jieba

    if "tokenizer" not in _REFERENCE:
        tokenizer = jieba.Tokenizer()
        tokenizer.tmp_dir = str(Path(tempfile.gettempdir()))
        tokenizer.initialize()
        analysis.load_domain_dictionary(tokenizer)
        _REFERENCE["tokenizer"] = tokenizer
    return _REFERENCE["tokenizer"]


@pytest.mark.parametrize("path", sorted(SEEDS.glob("*")), ids=lambda p: p.name[:3])
def test_segmentation_matches_pure_python_jieba(path: Path) -> None:
    """rjieba (jieba-rs) cuts the users' own documents exactly as jieba does, sub-words included."""
    text = path.read_text(encoding="utf-8")
    assert tokens(text) == _reference_tokens(text)


def test_concurrent_use_is_safe() -> None:
    expected = tokens("人大代表联络站五上墙")
    results: list[list[str]] = []

    def work() -> None:
        for _ in range(20):
            results.append(tokens("人大代表联络站五上墙"))

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(results) == 80
    assert all(r == expected for r in results)


# --- name_variants -----------------------------------------------------------------------------


def test_name_variants_pinyin_and_initials() -> None:
    assert name_variants("张子平") == ["zhangziping", "zzp"]


def test_name_variants_traditional_name() -> None:
    assert name_variants("張子平") == ["zhangziping", "zzp"]


def test_name_variants_station_name() -> None:
    assert name_variants("和孚镇代表联络站") == ["hefuzhendaibiaolianluozhan", "hfzdbllz"]


def test_name_variants_polyphonic_surname_read_as_a_surname_first() -> None:
    assert name_variants("曾国藩")[:2] == ["zengguofan", "zgf"]
    assert name_variants("曾学军")[:2] == ["zengxuejun", "zxj"]


@pytest.mark.parametrize(
    "name, full, initials",
    [
        ("单田芳", "shantianfang", "stf"),
        ("解缙", "xiejin", "xj"),
        ("仇英", "qiuying", "qy"),
        ("区志强", "ouzhiqiang", "ozq"),
        ("查良镛", "zhaliangyong", "zly"),
        ("朴树", "piaoshu", "ps"),
        ("盖聂", "genie", "gn"),
        ("覃小红", "qinxiaohong", "qxh"),
        ("尉迟恭", "yuchigong", "ycg"),
        ("万俟卨", "moqixie", "mqx"),
        ("长孙无忌", "zhangsunwuji", "zswj"),
        ("單田芳", "shantianfang", "stf"),
    ],
)
def test_name_variants_surnames(name, full, initials) -> None:
    assert name_variants(name)[:2] == [full, initials]


def test_surname_reading_is_for_personal_names_only() -> None:
    # A long place name keeps its ordinary reading; short names get both readings.
    assert name_variants("长兴县人大代表联络站")[0].startswith("changxingxian")
    assert "cengxuejun" in name_variants("曾学军")


def test_directory_sort_key_reads_surnames_as_surnames() -> None:
    from delegates.models.delegate import pinyin_key

    assert pinyin_key("曾学军") == "zeng xue jun"
    assert sorted(["曾学军", "王建国", "陈明"], key=pinyin_key) == ["陈明", "王建国", "曾学军"]


def test_name_variants_mixed_and_non_chinese() -> None:
    assert name_variants("张Tom") == ["zhangtom", "zt"]
    assert name_variants("John Smith") == ["johnsmith", "js"]
    assert name_variants("第３联络站") == ["di3lianluozhan", "d3llz"]
    assert name_variants("李") == ["li", "l"]


@pytest.mark.parametrize("name", ["", "   ", "·", "（）"])
def test_name_variants_empty(name: str) -> None:
    assert name_variants(name) == []


def test_pinyin_glosses_copied_with_text_are_dropped() -> None:
    # Text copied from annotated pages carries readings after characters: 聯(lián)組.
    assert normalize("代表聯(lián)組") == "代表联组"
    assert "代表联组" in tokens("閉會期間稱代表聯(lián)組")
    # Letters that are not a toned syllable stay: an abbreviation, an ordinary parenthesis.
    assert normalize("世界贸易组织(WTO)") == "世界贸易组织(wto)"
    assert normalize("第(一)项") == "第(一)项"


@pytest.mark.parametrize(
    ("query", "meant"),
    [
        ("人大代表连络站", "人大代表联络站"),
        ("述职评意", "述职评议"),
        ("代表约放", "代表约访"),
        # Fuzzy pinyin: zh/z, n/l, ing/in as input methods let residents confuse them.
        ("人大代表联络赞", "人大代表联络站"),
        ("人大代表年络站", "人大代表联络站"),
        ("代表联系选民制度", "代表联系选民制度"),
        ("张紫萍", "张紫萍"),  # a name sounds like no term
        ("人大代表联络站", "人大代表联络站"),  # correct queries are left alone
        ("事业单位", "事业单位"),  # a known word is never replaced by a homophone
        ("zzp", "zzp"),
    ],
)
def test_mistyped_homophones_of_domain_terms_are_read_as_meant(query, meant) -> None:
    from search.plan import correct_typos

    assert correct_typos(query, analysis.domain_words()) == meant


def test_a_homophone_across_two_words_is_no_typo() -> None:
    from search.plan import correct_typos

    # 益保 sounds like 医保 (a term of the synonym table), but it is the end of 权益 and the
    # start of 保障: reading it as 医保 would break 权益.
    vocabulary = [*analysis.domain_words(), "医保"]
    assert correct_typos("老年人权益保障法", vocabulary) == "老年人权益保障法"
    assert correct_typos("权益保障", vocabulary) == "权益保障"
    # A crossing word whose characters stay does not stop a correction.
    assert correct_typos("人大代表连络站", vocabulary) == "人大代表联络站"


@pytest.mark.parametrize(
    ("word", "describes"),
    [
        ("不够", True),  # a negated verb
        ("紧缺", True),  # an adjective
        ("难", True),
        ("经费", False),
        ("不动产", False),  # a noun, though it begins with 不
        ("约访", False),  # a word of the domain dictionary names something
    ],
)
def test_words_that_describe_rather_than_name(word, describes) -> None:
    assert analysis.is_descriptive(word) is describes
