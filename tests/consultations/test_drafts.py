"""The draft parser: chapters, sections, articles with Chinese numerals, preamble, 附则,
Word and text files."""

import io

import docx
import pytest

from consultations.demo_drafts import ELDERLY_CARE, GREENING
from consultations.drafts import DraftError, chinese_number, docx_text, parse, plain_text


@pytest.mark.parametrize(
    "text, number",
    [
        ("一", 1),
        ("十", 10),
        ("十一", 11),
        ("二十", 20),
        ("二十一", 21),
        ("一百", 100),
        ("一百零一", 101),
        ("一百一十", 110),
        ("一百二十三", 123),
        ("两百零五", 205),
        ("一千零一", 1001),
        ("12", 12),
    ],
)
def test_chinese_numerals(text, number):
    assert chinese_number(text) == number


def test_realistic_draft_is_split_into_chapters_sections_and_articles():
    draft = parse(GREENING)
    assert draft.preamble == "江州市城市绿化条例（修订草案征求意见稿）"  # 目录 left out
    assert [a.label for a in draft.articles][:3] == ["第一条", "第二条", "第三条"]
    assert len(draft.articles) == 21
    assert [a.number for a in draft.articles] == list(range(1, 22))
    assert draft.chapters == [
        "第一章 总则",
        "第二章 规划和建设",
        "第三章 保护和管理",
        "第四章 法律责任",
        "第五章 附则",
    ]
    by_label = {a.label: a for a in draft.articles}
    assert by_label["第六条"].section == "第一节 规划"
    assert by_label["第九条"].section == "第二节 建设"
    assert by_label["第十三条"].section == ""  # a new chapter starts without a section
    # Items and second paragraphs stay in their article; a reference to another article at
    # the start of a paragraph does not start one.
    assert by_label["第七条"].text.splitlines() == [
        "城市绿地系统规划应当明确下列内容：",
        "（一）城市绿化目标和主要指标；",
        "（二）各类绿地的布局和规模；",
        "（三）公园绿地服务半径覆盖要求；",
        "（四）古树名木和后备资源保护要求。",
    ]
    assert by_label["第十五条"].text.endswith(
        "依照本条例第十三条的规定临时占用绿地的，占用期满后应当恢复原状。"
    )
    assert by_label["第二十一条"].chapter == "第五章 附则"
    assert by_label["第二十一条"].anchor == "art-21"


def test_articles_past_one_hundred_and_a_bare_annex_heading():
    lines = ["某某条例（草案）", "第一章 总则"]
    lines += [f"第{n}条 内容{n}。" for n in ["一", "二"]]
    lines += ["第二章 其他规定", "第一百条 第一百条的内容。", "第一百零一条　第一百零一条的内容。"]
    lines += ["附　则", "第一百零二条 本条例自公布之日起施行。"]
    draft = parse("\n".join(lines))
    labels = [(a.label, a.number, a.chapter) for a in draft.articles]
    assert labels[2:] == [
        ("第一百条", 100, "第二章 其他规定"),
        ("第一百零一条", 101, "第二章 其他规定"),
        ("第一百零二条", 102, "附则"),
    ]
    assert draft.preamble == "某某条例（草案）"


def test_article_label_without_space_only_when_it_is_the_next_number():
    draft = parse(
        "第一条为了规范管理，制定本条例。\n第二条本条例适用于本市。\n第十条规定的情形除外。"
    )
    assert [a.label for a in draft.articles] == ["第一条", "第二条"]
    assert draft.articles[1].text == "本条例适用于本市。\n第十条规定的情形除外。"


def test_a_draft_without_chapters():
    draft = parse("关于某事项的决定（草案）\n\n第一条 甲。\n第二条 乙。\r\n第三条 丙。")
    assert [(a.label, a.chapter, a.text) for a in draft.articles] == [
        ("第一条", "", "甲。"),
        ("第二条", "", "乙。"),
        ("第三条", "", "丙。"),
    ]


def test_text_without_articles_gives_none():
    assert parse("这是一段说明，没有条文。\n第一章 总则").articles == []


def _docx(paragraphs) -> bytes:
    document = docx.Document()
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_word_document_is_read_paragraph_by_paragraph():
    text = docx_text(_docx(ELDERLY_CARE.splitlines()))
    draft = parse(text)
    assert len(draft.articles) == 7
    assert draft.articles[4].label == "第五条" and "晚餐" in draft.articles[4].text
    assert draft.chapters[-1] == "第三章 附则"


def test_not_a_word_document_is_refused_in_chinese():
    with pytest.raises(DraftError) as error:
        docx_text(b"not a zip")
    assert ".docx" in str(error.value) and error.value.from_file


def test_text_files_in_utf8_with_bom_or_gb18030():
    assert plain_text("\ufeff第一条 甲。".encode()) == "\ufeff第一条 甲。"[1:]
    assert plain_text("第一条 甲。".encode("gb18030")) == "第一条 甲。"
