"""axe-core in a real browser finds no WCAG 2.1 AA violation on any page type, at phone and
desktop widths, in the normal and the elderly-friendly reading mode."""

import pytest

from .conftest import DESKTOP, PHONE

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.mark.parametrize("elder", [False, True], ids=["standard", "elder"])
def test_no_axe_violations(live_server, page, axe, sample_pages, elder):
    if elder:
        page.goto(f"{live_server.url}/reading-mode/?elder=1&next=/")
    problems = {}
    for name, url in sample_pages.items():
        for size in (PHONE, DESKTOP):
            page.set_viewport_size(size)
            page.goto(live_server.url + url)
            violations = axe(page)
            if violations:
                problems[f"{name}@{size['width']}"] = violations
    assert problems == {}
