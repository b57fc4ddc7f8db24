"""Demo columns and publications for `seed_demo`: the 14 columns of a real 人大 portal and
dated articles, notices and reports in them."""

import datetime
import random
from dataclasses import dataclass

from django.utils import timezone
from wagtail.rich_text import RichText

from home.demo import text
from home.demo.bulk import add_pages
from home.demo.media import demo_image, demo_pdf
from home.models import ContentPage

from .choices import ReportKind
from .models import ArticlePage, ColumnPage, NoticePage, PublicationAttachment, ReportPage


@dataclass(frozen=True)
class Column:
    title: str
    slug: str
    intro: str
    kind: str  # "pages", "news", "notice" or "report"
    count: int


COLUMNS = [
    Column(
        "人大简介", "about", "介绍区人民代表大会及其常务委员会的性质、职权和历史沿革。", "pages", 0
    ),
    Column(
        "机构设置", "organization", "区人大常委会组成人员、工作机构和街道乡镇人大组织。", "pages", 0
    ),
    Column("人代会", "congress", "区人民代表大会会议的召开、议程和主要成果。", "news", 4),
    Column("常委会", "standing-committee", "区人大常委会会议召开情况和审议事项。", "news", 6),
    Column("主任会议", "council", "区人大常委会主任会议的议题和决定事项。", "news", 4),
    Column("工作动态", "news", "区人大常委会和各街道乡镇人大的工作动态。", "news", 14),
    Column("立法工作", "legislation", "参与上级立法征求意见和基层立法联系点工作。", "news", 4),
    Column(
        "监督工作",
        "supervision",
        "听取审议专项工作报告、执法检查、专题询问和预算审查监督。",
        "news",
        6,
    ),
    Column("代表工作", "delegate-work", "人大代表履职、代表联络站活动和代表建议办理。", "news", 8),
    Column("选举任免", "elections", "代表选举、补选和常委会任免事项。", "notice", 4),
    Column("通知公告", "notices", "区人大常委会发布的通知和公告。", "notice", 10),
    Column("决议决定", "resolutions", "区人民代表大会及其常委会作出的决议和决定。", "notice", 4),
    Column("工作报告", "work-reports", "常委会工作报告、专项工作报告和代表述职报告。", "report", 6),
    Column("调查研究", "research", "常委会和各工作委员会的调研报告、考察报告。", "report", 6),
]

ABOUT_PAGES = {
    "about": [
        (
            "本会简介",
            "benhui-jianjie",
            f"{text.DISTRICT}人民代表大会是本区的地方国家权力机关，{text.DISTRICT}人民代表大会常务委员会是其常设机关，"
            "对本级人民代表大会负责并报告工作。常委会依法行使监督权、重大事项决定权和人事任免权，"
            "联系和服务人大代表，保障代表依法履职。",
        ),
        (
            "人民代表大会制度",
            "zhidu",
            "人民代表大会制度是我国的根本政治制度，是实现全过程人民民主的重要制度载体。"
            "人大代表来自人民、植根人民，通过人大代表联络站等家站点密切联系群众。",
        ),
    ],
    "organization": [
        (
            "常委会组成人员",
            "members",
            f"{text.DISTRICT}{text.TERM}人大常委会由主任、副主任和委员组成，主任会议处理常委会的重要日常工作。",
        ),
        (
            "工作机构",
            "offices",
            "常委会设办公室、法制工作委员会、财政经济工作委员会、社会建设工作委员会、代表工作委员会等工作机构。",
        ),
        (
            "街道人大工委和乡镇人大主席团",
            "street-bodies",
            "全区"
            + "、".join(text.STREETS)
            + "均设立街道人大工作委员会或乡镇人大主席团，指导代表联络站开展工作。",
        ),
    ],
}

NEWS_TITLES = [
    "{congress}组织代表视察{topic}工作",
    "{congress}召开第{n}次会议 听取审议{topic}情况报告",
    "{street}人大工委组织代表开展{topic}专题调研",
    "代表走进联络站 倾听群众对{topic}的意见建议",
    "{congress}开展{law}执法检查",
    "{street}代表联组开展“代表接待日”活动",
    "区人大代表深入{street}检查{topic}民生实事项目",
    "{congress}主任会议研究{topic}监督工作",
]
NOTICE_TITLES = {
    "elections": [
        "{street}补选区{term}人民代表大会代表的公告",
        "区人大常委会任免名单（{year}年第{n}号）",
        "关于接受辞去区{term}人民代表大会代表职务的公告",
    ],
    "notices": [
        "关于召开区{term}人民代表大会第{n}次会议的公告",
        "关于公开征集{year}年区人大常委会监督议题的公告",
        "关于{year}年人大代表联络站集中接访安排的通知",
        "关于征求《{topic}条例（草案）》意见的公告",
        "关于开展{year}年度人大代表述职评议活动的通知",
    ],
    "resolutions": [
        "区人民代表大会关于{topic}的决议",
        "区人大常委会关于{topic}的决定",
        "区人大常委会关于批准{year}年区级决算的决议",
    ],
}
REPORT_TITLES = {
    "work-reports": [
        ("{year}年{congress}工作报告", ReportKind.WORK),
        ("关于{topic}工作情况的报告", ReportKind.WORK),
        ("{person}代表{year}年度述职报告", ReportKind.DUTY),
        ("关于检查{law}实施情况的报告", ReportKind.ENFORCEMENT),
    ],
    "research": [
        ("关于推进基层人大规范化建设的调研报告", ReportKind.SURVEY),
        ("关于{topic}情况的调研报告", ReportKind.SURVEY),
        ("赴浙江省湖州市考察学习乡镇人大工作情况的报告", ReportKind.STUDY_TOUR),
        ("关于{topic}的视察报告", ReportKind.INSPECTION),
    ],
}


def ensure_columns(home):
    """The column index pages, in menu order, with their plain content pages."""
    columns = {}
    for spec in COLUMNS:
        column = ColumnPage.objects.child_of(home).filter(slug=spec.slug).first()
        if column is None:
            column = ColumnPage(
                title=spec.title,
                slug=spec.slug,
                show_in_menus=True,
                intro=f"<p>{spec.intro}</p>",
            )
            home.add_child(instance=column)
        columns[spec.slug] = column
        for title, slug, body in ABOUT_PAGES.get(spec.slug, []):
            if not ContentPage.objects.child_of(column).filter(slug=slug).exists():
                column.add_child(
                    instance=ContentPage(
                        title=title,
                        slug=slug,
                        summary=body[:80],
                        body=[("paragraph", RichText(f"<p>{body}</p>"))],
                    )
                )
    return columns


def _fill(
    template: str, rng: random.Random, index: int, year: int, person: str = "", topic: str = ""
) -> str:
    """A title from `template`; `topic` is the one the body is about, so they agree."""
    return template.format(
        congress=text.CONGRESS,
        topic=topic or rng.choice(text.TOPICS),
        street=rng.choice(text.STREETS),
        law=rng.choice(text.LAWS),
        # 人代会 sessions follow from the term and the year; others are numbered in turn.
        n=text.congress_session(year) if "人民代表大会第{n}次会议" in template else index % 9 + 1,
        year=year,
        term=text.TERM,
        person=person or rng.choice(text.PEOPLE),
    )


# Notices whose subject is not a topic get a body about that subject.
SUBJECT_BODIES = {
    "关于召开区{term}人民代表大会第{n}次会议的公告": [
        "{congress}决定，{district}{term}人民代表大会第{n}次会议于{year}年1月在区行政中心召开。",
        "会议的主要议程是：听取和审议区人民政府工作报告；审查和批准国民经济和社会发展计划、"
        "财政预算；听取和审议区人大常委会工作报告。",
        "请各位代表按时出席。",
    ],
    "关于公开征集{year}年区人大常委会监督议题的公告": [
        "为增强监督工作的针对性，{congress}面向社会公开征集{year}年度监督议题。",
        "欢迎通过人大代表联络站、来信或本网站提出意见建议，征集截止日期为当年1月31日。",
    ],
    "关于{year}年人大代表联络站集中接访安排的通知": [
        "{year}年，全区人大代表联络站每月开展一次集中接访，各站接访时间和值班代表在联络站页面公布。",
        "请各街道人大工委、乡镇人大主席团做好群众意见的收集、交办和反馈工作。",
    ],
    "关于开展{year}年度人大代表述职评议活动的通知": [
        "根据代表履职管理办法，{year}年度区人大代表向原选区选民述职，接受选民评议。",
        "述职报告在本网站“工作报告”栏目和所在联络站公开栏公布。",
    ],
    "区人大常委会任免名单（{year}年第{n}号）": [
        "{congress}第{n}次会议决定任免下列人员职务，现予公布。",
    ],
    "区人大常委会关于批准{year}年区级决算的决议": [
        "{congress}听取和审议了区人民政府关于{year}年区级决算的报告，决定批准{year}年区级决算。",
    ],
    "关于接受辞去区{term}人民代表大会代表职务的公告": [
        "根据代表法有关规定，{congress}决定接受代表本人辞去区{term}人民代表大会代表职务的请求。",
    ],
}


def _subject_body(template: str, index: int, year: int):
    paragraphs = SUBJECT_BODIES.get(template)
    if not paragraphs:
        return None
    n = text.congress_session(year) if "人民代表大会第{n}次会议" in template else index % 9 + 1
    return [
        p.format(congress=text.CONGRESS, district=text.DISTRICT, term=text.TERM, n=n, year=year)
        for p in paragraphs
    ]


def _body(paragraphs):
    """Paragraphs only: an article's picture is its lead image, shown once above the body."""
    return [("paragraph", RichText(f"<p>{p}</p>")) for p in paragraphs]


def populate(columns, scale: int = 1, seed: int = 2025) -> int:
    """Create the demo publications that are missing; returns how many were created."""
    rng = random.Random(seed)
    now = timezone.now()
    images = [
        demo_image(f"演示图片{i + 1}", caption, rng)
        for i, caption in enumerate(
            [
                "代表联络站接访现场",
                "常委会会议现场",
                "代表视察民生项目",
                "代表联组座谈会",
                "执法检查现场",
                "代表述职评议会",
            ]
        )
    ]
    created = 0
    for spec in COLUMNS:
        column = columns[spec.slug]
        existing = set(column.get_children().values_list("slug", flat=True))
        # No two items of a column share a title (lists and related reading would repeat).
        titles = set(column.get_children().values_list("title", flat=True))
        for index in range(spec.count * scale):
            slug = f"{spec.slug}-{index + 1:05d}"
            item_rng = random.Random(f"{seed}-{slug}")
            if slug in existing:
                continue
            # Spread over the last two years, newest first by index.
            date = now - datetime.timedelta(
                days=index * 730 // (spec.count * scale) + 1, hours=item_rng.randint(0, 9)
            )
            page = _build(spec, item_rng, index, date, images)
            attempt = 0
            while page.title in titles and attempt < 20:
                attempt += 1
                page = _build(spec, random.Random(f"{seed}-{slug}-{attempt}"), index, date, images)
            if page.title in titles:
                page.title = f"{page.title}（{index + 1}）"
            titles.add(page.title)
            page.slug = slug
            page.live = True
            page.first_published_at = page.last_published_at = date
            column.add_child(instance=page)
            if spec.kind in ("notice", "report") and index < spec.count:
                PublicationAttachment.objects.create(
                    publication=page,
                    document=demo_pdf(page.title, [page.summary, *page_paragraphs(page)]),
                    title=f"{page.title}（原文）",
                )
            created += 1
    return created


def page_paragraphs(page):
    return [block.value.source for block in page.body if block.block_type == "paragraph"][:4]


def _build(spec: Column, rng: random.Random, index: int, date, images):
    topic = rng.choice(text.TOPICS)
    common = {
        "date": date,
        "editor": rng.choice(text.EDITORS),
        "source": text.CONGRESS,
        "summary": text.summary(rng, topic),
    }
    paragraphs = text.article_body(rng, topic, rng.randint(2, 4))
    tags = rng.sample(text.TAGS, 2)
    if spec.kind == "news":
        image = images[index % len(images)] if index % 3 == 0 else None
        page = ArticlePage(
            title=_fill(NEWS_TITLES[index % len(NEWS_TITLES)], rng, index, date.year, topic=topic),
            lead_image=image,
            body=_body(paragraphs),
            **common,
        )
    elif spec.kind == "notice":
        valid_until = None
        if index % 4 == 3:  # some notices have ended and drop off the lists
            valid_until = (date + datetime.timedelta(days=30)).date()
        titles = NOTICE_TITLES[spec.slug]
        template = titles[index % len(titles)]
        year = date.year
        if "人民代表大会第{n}次会议" in template and date.month > 1:
            year += 1  # the annual session meets early in the year: announce the next one
        own = _subject_body(template, index, year)
        if own:
            paragraphs = own
            common["summary"] = own[0][:300]
        page = NoticePage(
            title=_fill(template, rng, index, year, topic=topic),
            document_number=f"江人大常〔{date.year}〕{index + 1}号",
            issuing_body=text.CONGRESS,
            effective_date=date.date(),
            valid_until=valid_until,
            body=_body(paragraphs),
            **common,
        )
    else:
        titles = REPORT_TITLES[spec.slug]
        template, kind = titles[index % len(titles)]
        person = rng.choice(text.PEOPLE)
        page = ReportPage(
            title=_fill(template, rng, index, date.year, person=person, topic=topic),
            report_kind=kind,
            year=date.year,
            issuing_body=f"{person}代表" if kind == ReportKind.DUTY else text.CONGRESS,
            body=_body(paragraphs),
            **common,
        )
    for tag in tags:
        page.tags.add(tag)
    return page


def bulk_populate(
    columns,
    total: int,
    seed: int = 2026,
    batch_size: int = 1000,
    slugs=None,
) -> int:
    """Add `total` more publications quickly, for benchmarks: made as `populate` makes them
    (same text generator) but written with bulk inserts (home/demo/bulk.py). Signals do not
    fire, so rebuild the search index afterwards. No tags or attachments, no revisions.
    `slugs` limits them to those columns (e.g. only 通知公告)."""
    from home.models import PortalImage

    specs = [
        spec
        for spec in COLUMNS
        if spec.kind in ("news", "notice", "report") and (slugs is None or spec.slug in slugs)
    ]
    images = list(PortalImage.objects.order_by("pk")[:6])
    now = timezone.now()
    batch = []
    created = 0
    for n in range(total):
        if len(batch) >= batch_size:
            add_pages(batch)
            batch = []
        spec = specs[n % len(specs)]
        column = columns[spec.slug]
        rng = random.Random(f"{seed}-bulk-{n}")
        date = now - datetime.timedelta(days=rng.randint(1, 730), hours=rng.randint(0, 9))
        page = _build(spec, rng, n if images else n * 3 + 1, date, images or [None])
        page.first_published_at = page.date
        batch.append((column, page))
        created += 1
    if batch:
        add_pages(batch)
    return created
