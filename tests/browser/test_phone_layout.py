"""Every public page type at phone width (360 and 390 px), in a real browser: the document never
scrolls sideways, no name or heading in a table or title is broken one character per line, and
what the resident came for is within the first two screens."""

import datetime

import pytest
from django.utils import timezone

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

WIDTHS = {360: 780, 390: 844}  # common phone screens, CSS pixels

# Page type → the key content a resident looks for: a CSS selector whose first match must end
# within the first two screens (on a station page: the fifth of the five "五上墙" statuses).
KEY_CONTENT = {
    "home": ".home-block--latest .publication-list__item",
    "stations": ".station-card",
    "station": ".disclosure-toc li:nth-child(5) .status",
    "poster": ".poster h1",
    "overview": ".overview-table tbody tr",
    "locator": ".locator-results li",
    "receptions": ".session",
    "open_data": ".data-table tbody tr",
    "directory": ".delegate-card",
    "delegate": "#points-title",
    "notices": ".publication-list__item",
    "notice": ".article__summary",
    "article": ".article__summary",
    "report": ".article__summary",
    "content": ".rich-body",
    "search": ".search-result",
    "feeds": ".data-table tbody tr",
    "not_found": ".error-page h1",
    "suggestions": ".suggestion-card",
    "suggestion": ".suggestion-timeline",
    "bodies": ".body-list__item",
    "consultation": ".consult-article",
    "api": ".data-table tbody tr",
}

# One character per line. For every text node inside a title or table cell (h1–h3, caption,
# th, td) with at least two visible characters, measure each character's box with a Range of
# that single character (Range.getClientRects()), walk them in reading order and start a new
# line box whenever a character sits below the previous one's middle or moves back to the
# left. A node laid out on two or more lines that each hold a single character (张/子/平, 积/分)
# is reported. Text that is hidden for screen readers only (clip, 1 px boxes) is skipped: it is
# never seen.
ONE_CHARACTER_LINES = """() => {
    const hidden = (element) => {
        for (let e = element; e; e = e.parentElement) {
            const style = getComputedStyle(e);
            if (style.clip !== 'auto' || style.clipPath !== 'none') return true;
            if (style.display === 'none' || style.visibility === 'hidden') return true;
        }
        return false;
    };
    const lines = (node) => {
        const range = document.createRange();
        const result = [];
        let previous = null;
        for (let i = 0; i < node.data.length; i++) {
            const code = node.data.charCodeAt(i);
            if (code >= 0xdc00 && code <= 0xdfff) continue;  // second half of a surrogate pair
            const size = code >= 0xd800 && code <= 0xdbff ? 2 : 1;
            if (/\\s/.test(node.data[i])) continue;
            range.setStart(node, i);
            range.setEnd(node, i + size);
            const box = [...range.getClientRects()].find((r) => r.width > 0 && r.height > 0);
            if (!box) continue;
            const wrapped = previous && (box.top >= previous.top + previous.height / 2
                || box.left < previous.left - 1);
            if (!previous || wrapped) result.push(0);
            result[result.length - 1] += 1;
            previous = box;
        }
        return result;
    };
    const problems = [];
    for (const element of document.querySelectorAll('h1, h2, h3, caption, th, td')) {
        if (hidden(element)) continue;
        const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            if (node.data.replace(/\\s/g, '').length < 2) continue;
            if (hidden(node.parentElement)) continue;
            const counts = lines(node);
            if (counts.length >= 2 && counts.every((n) => n === 1)) {
                problems.push(`<${element.localName}> "${node.data.trim()}"`);
            }
        }
    }
    return [...new Set(problems)];
}"""

KEY_CONTENT_BOTTOM = """(selector) => {
    const found = document.querySelector(selector);
    return found && found.getBoundingClientRect().bottom + scrollY;
}"""


@pytest.fixture
def phone_pages(
    sample_pages,
    home,
    notice_column,
    make_delegate,
    make_record,
    station_index,
    make_suggestion,
    consultation,
):
    """The sample pages, plus the list pages they leave out and a station whose tables are as
    full as a real one's: several delegates with long units, performance and star history."""
    from delegates.choices import RecordKind, StationRole
    from delegates.models import StarAssessment, StationPage

    station = StationPage.objects.get(title="东城街道人大代表联络站")
    people = [
        ("陈晓燕", "江滨区东城街道社区卫生服务中心主任医师", StationRole.HEAD),
        ("欧阳明远", "湖州江滨物流有限公司董事长兼总经理", StationRole.MEMBER),
        ("李淑芬", "东城街道丰园社区股份经济合作社董事长", StationRole.MEMBER),
    ]
    for name, unit, role in people:
        delegate = make_delegate(name=name, unit_position=unit, station=station, role=role)
        for kind in (RecordKind.MEETING, RecordKind.SUGGESTION, RecordKind.DUTY_REPORT):
            make_record(delegate, kind=kind, title=f"{name}{kind.label}")
    today = timezone.localdate()
    for years, stars, reason in ((2, 3, "首次评定"), (1, 4, "“六有”建设全部达标，接访活动常态化")):
        StarAssessment.objects.create(
            station=station,
            date=today - datetime.timedelta(days=365 * years),
            stars=stars,
            reason=reason,
        )
    suggestion = make_suggestion(
        title="关于加快东城街道老旧小区加装电梯进度、完善居家养老服务网络的建议",
        lead_delegate=make_delegate(name="欧阳明辉"),
        assigned_on=today - datetime.timedelta(days=60),
        due_on=today + datetime.timedelta(days=30),
        answered_on=today - datetime.timedelta(days=10),
        reply="<p>经研究，已列入年度民生实事项目。</p>",
    )
    return {
        **sample_pages,
        "stations": station_index.url,
        "notices": notice_column.url,
        "suggestions": suggestion.get_parent().url,
        "suggestion": suggestion.url,
        "bodies": f"{suggestion.get_parent().url}bodies/",
        "consultation": consultation.url,
        "api": "/api/v1/",
    }


def phone_problems(page, url, name, width):
    """What is wrong with one page at one phone width, as sentences (empty when all is well)."""
    height = WIDTHS[width]
    page.set_viewport_size({"width": width, "height": height})
    page.goto(url)
    problems = []
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    if scroll_width > width:
        problems.append(f"the document is {scroll_width} px wide")
    broken = page.evaluate(ONE_CHARACTER_LINES)
    if broken:
        problems.append(f"one character per line in {', '.join(broken)}")
    selector = KEY_CONTENT[name]
    bottom = page.evaluate(KEY_CONTENT_BOTTOM, selector)
    if bottom is None:
        problems.append(f"no {selector} on the page")
    elif bottom > 2 * height:
        problems.append(f"{selector} ends {bottom:.0f} px down, below the first two screens")
    return problems


# One test per width over all page types (the page tree takes half a minute to build, once per
# test); the failure names each page type, its URL and what is wrong with it.
@pytest.mark.parametrize("width", WIDTHS, ids=lambda w: f"{w}px")
def test_every_page_type_reads_on_a_phone(live_server, page, phone_pages, width):
    assert set(phone_pages) >= set(KEY_CONTENT)
    problems = {}
    for name in KEY_CONTENT:
        found = phone_problems(page, live_server.url + phone_pages[name], name, width)
        if found:
            problems[f"{name} {phone_pages[name]} @{width}px"] = found
    assert not problems, "\n".join(
        f"{where}: {'; '.join(found)}" for where, found in problems.items()
    )
