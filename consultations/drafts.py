"""Split a draft regulation into its chapters, sections and articles.

Chinese legislative drafts follow one layout: an optional title and table of contents
(目录), then 第一章 总则 / 第一节 … headings and articles 第一条 … 第一百零一条, each of
which may run over several paragraphs and items （一）（二）…; the last chapter is usually
附则. `parse()` reads plain text; `docx_text()` and `file_text()` turn an uploaded Word or text
file into plain text first.

What counts as a heading or an article: a line that starts with 第<number>章 / 节 / 条. A
chapter or section heading is short and carries no sentence punctuation; an article label
followed by a space (ASCII or full-width) always starts an article, one directly followed by
text only when its number is the next one (so a paragraph that begins "第十条规定的…" stays
in its article). Text before the first article is the preamble (title, 目录, 说明).

`rebuild(page)` is what the page editor runs on save: it re-reads the draft and rebuilds the
page's `DraftArticle` rows, keeping the row of every article whose label is still there (its
comments stay with it, even when its wording changed) and refusing to drop an article that
has comments."""

import io
import re
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5}
DIGITS |= {"六": 6, "七": 7, "八": 8, "九": 9}
UNITS = {"十": 10, "百": 100, "千": 1000}
NUMERAL = r"[零〇一二两三四五六七八九十百千\d]+"
SPACE = " \t\u3000\u00a0"
HEADING = re.compile(rf"^第({NUMERAL})([章节])(?:[{SPACE}]*(.*))?$")
ARTICLE = re.compile(rf"^第({NUMERAL})条(?:之({NUMERAL}))?([{SPACE}]+)?(.*)$")
CONTENTS = re.compile(rf"^目[{SPACE}]*录$")
ANNEX = re.compile(rf"^附[{SPACE}]*则$")
SENTENCE_PUNCTUATION = re.compile(r"[。；，：！？;,]")
MAX_HEADING = 40


class DraftError(ValueError):
    def __init__(self, message: str, from_file: bool = False):
        super().__init__(message)
        self.from_file = from_file


def chinese_number(text: str) -> int:
    """第一百零一条 → 101: Chinese numerals up to the thousands, or Arabic digits."""
    if text.isdigit():
        return int(text)
    total, current = 0, 0
    for char in text:
        if char in DIGITS:
            current = DIGITS[char]
        elif char in UNITS:
            total += (current or 1) * UNITS[char]
            current = 0
        else:
            raise ValueError(text)
    return total + current


@dataclass
class ParsedArticle:
    label: str
    number: int
    chapter: str = ""
    section: str = ""
    paragraphs: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n".join(self.paragraphs)

    @property
    def anchor(self) -> str:
        return f"art-{self.number}"


@dataclass
class Draft:
    preamble: str
    articles: list[ParsedArticle]

    @property
    def chapters(self) -> list[str]:
        seen = []
        for article in self.articles:
            if article.chapter and article.chapter not in seen:
                seen.append(article.chapter)
        return seen


def _clean_lines(text: str) -> list[str]:
    lines = []
    for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = line.strip(SPACE + "\ufeff")
        if line:
            lines.append(line)
    return lines


def _heading(line: str) -> tuple[str, str] | None:
    """("章" or "节", the normalised heading) when `line` is a chapter or section heading."""
    if len(line) <= MAX_HEADING and ANNEX.match(line):
        return "章", "附则"
    match = HEADING.match(line)
    if not match or len(line) > MAX_HEADING or SENTENCE_PUNCTUATION.search(line):
        return None
    try:
        chinese_number(match.group(1))
    except ValueError:
        return None
    title = re.sub(f"[{SPACE}]+", "", match.group(3) or "")
    label = f"第{match.group(1)}{match.group(2)}"
    return match.group(2), f"{label} {title}" if title else label


def parse(text: str) -> Draft:
    articles: list[ParsedArticle] = []
    preamble: list[str] = []
    pending_headings = 0  # heading lines right before the first article (not preamble)
    chapter = section = ""
    for line in _clean_lines(text):
        heading = _heading(line)
        if heading is not None:
            kind, title = heading
            if kind == "章":
                chapter, section = title, ""
            else:
                section = title
            if not articles:
                preamble.append(line)
                pending_headings += 1
            continue
        match = ARTICLE.match(line)
        if match:
            try:
                number = chinese_number(match.group(1))
            except ValueError:
                number = None
            expected = articles[-1].number + 1 if articles else 1
            spaced = bool(match.group(3)) or not match.group(4)
            if number is not None and (spaced or number == expected):
                label = f"第{match.group(1)}条" + (f"之{match.group(2)}" if match.group(2) else "")
                article = ParsedArticle(label, number, chapter, section)
                if match.group(4):
                    article.paragraphs.append(match.group(4).strip(SPACE))
                articles.append(article)
                continue
        if articles:
            articles[-1].paragraphs.append(line)
        else:
            preamble.append(line)
            pending_headings = 0
    # The headings right before the first article and a table of contents (目录 and its
    # headings) are not preamble: the page lists the chapters itself.
    del preamble[len(preamble) - pending_headings :]
    if preamble and CONTENTS.match(preamble[-1]):
        preamble.pop()
    return Draft("\n".join(preamble), articles)


def docx_text(data: bytes) -> str:
    """The paragraphs of a Word document (.docx), one a line; tables' cells as lines too."""
    import docx

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as error:  # python-docx raises several kinds for a file that is not DOCX
        raise DraftError(
            _("无法读取这个 Word 文件，请另存为 .docx 格式后重新上传。"), True
        ) from error
    lines = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            lines.extend(cell.text for cell in row.cells)
    return "\n".join(lines)


def plain_text(data: bytes) -> str:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise DraftError(_("无法识别文本文件的编码，请另存为 UTF-8 编码的 .txt 文件。"), True)


def file_text(document) -> str:
    """The text of an uploaded draft (a Wagtail document): .docx or .txt."""
    name = (document.file.name or "").lower()
    with document.file.open("rb") as handle:
        data = handle.read()
    if name.endswith(".docx"):
        return docx_text(data)
    if name.endswith(".txt"):
        return plain_text(data)
    raise DraftError(_("草案文件只能是 Word（.docx）或纯文本（.txt）文件。"), True)


def _file_is_new(page) -> bool:
    """Whether the draft file was chosen since the page was last saved (its latest revision,
    else the saved row), so its text replaces the pasted text once, not on every save."""
    if not page.draft_file_id:
        return False
    if not page.draft_text.strip() or not page.pk:
        return True
    revision = page.get_latest_revision()
    if revision is not None:
        previous = revision.content.get("draft_file")
    else:
        previous = (
            type(page).objects.filter(pk=page.pk).values_list("draft_file", flat=True).first()
        )
    return previous != page.draft_file_id


def rebuild(page) -> None:
    """Re-read `page`'s draft into its articles (see the module's docstring)."""
    from .models import Comment, DraftArticle

    from_file = _file_is_new(page)
    if from_file:
        page.draft_text = file_text(page.draft_file).strip()
    draft = parse(page.draft_text)
    if not draft.articles:
        raise DraftError(
            _("草案中没有找到条文：每条应以“第一条”“第二条”……开头，请检查粘贴的文字或上传的文件。"),
            from_file,
        )
    labels = [article.label for article in draft.articles]
    repeated = sorted({label for label in labels if labels.count(label) > 1}, key=labels.index)
    if repeated:
        raise DraftError(
            _("条文编号重复：%(labels)s，请检查草案。") % {"labels": "、".join(repeated)}, from_file
        )
    existing = {article.label: article for article in page.articles.all()}
    saved = [article.pk for article in existing.values() if article.pk]
    commented = set(
        Comment.objects.filter(article__in=saved).values_list("article__label", flat=True)
    )
    dropped = [label for label in existing if label in commented and label not in labels]
    if dropped:
        raise DraftError(
            _(
                "以下条文已经收到意见，重新拆分后会被删除：%(labels)s。"
                "请在草案中保留这些条文（可以修改文字），或先把这些意见改为针对草案整体。"
            )
            % {"labels": "、".join(dropped)},
            from_file,
        )
    anchors: set[str] = set()
    rows = []
    for order, parsed in enumerate(draft.articles):
        row = existing.get(parsed.label) or DraftArticle()
        anchor = parsed.anchor
        if parsed.label.count("之"):
            anchor = f"{anchor}-{chinese_number(parsed.label.split('之')[1])}"
        while anchor in anchors:
            anchor += "x"
        anchors.add(anchor)
        row.chapter, row.section, row.label = parsed.chapter, parsed.section, parsed.label
        row.anchor, row.text, row.sort_order = anchor, parsed.text, order
        rows.append(row)
    page.preamble = draft.preamble
    page.articles = rows
