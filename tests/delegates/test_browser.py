"""The locator in a real Chromium: choosing a community without geolocation, and with it."""

import contextlib

import pytest

from delegates.choices import Level

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@contextlib.contextmanager
def browser_page():
    """Start Chromium only after the test data exists: Playwright's sync API runs an event
    loop in this thread, and Django refuses ORM calls from a thread with a running loop."""
    playwright_api = pytest.importorskip("playwright.sync_api")
    with playwright_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS
        )
        context = browser.new_context(
            locale="zh-CN",
            geolocation={"latitude": 30.8726, "longitude": 120.1120},
            permissions=["geolocation"],
        )
        page = context.new_page()
        # No internet here: map tiles are not the point of this test.
        page.route("**/tile.openstreetmap.org/**", lambda route: route.abort())
        yield page
        context.close()
        browser.close()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_locator_choose_community_then_use_my_location(
    live_server, make_station, make_delegate, make_session, streets
):
    east = make_station(
        title="东城联络站", lat=30.8725, lng=120.1121, street=streets[0], communities=["幸福社区"]
    )
    west = make_station(
        title="青石联络站", lat=30.9051, lng=120.0213, street=streets[1], communities=["金桥村"]
    )
    make_delegate(name="王建国", station=west, levels=(Level.TOWNSHIP,))
    make_session(east, days_ahead=9, topic="居家养老")
    assert east.pk and west.pk

    with browser_page() as page:
        drive_locator(page, live_server.url)


def drive_locator(page, base_url):
    page.goto(f"{base_url}/stations/locator/")
    page.get_by_label("选择您所在的社区（村）").select_option(label="金桥村")
    page.get_by_role("button", name="查找", exact=True).click()
    page.wait_for_url("**/stations/locator/?*")
    first = page.locator(".locator-list > li").first
    assert "青石联络站" in first.locator("h3").inner_text()
    assert "王建国" in first.inner_text()
    assert "米" in first.locator(".distance").inner_text()
    assert "离“金桥村”最近的联络站" in page.locator("#results-title").inner_text()
    # The map is an enhancement drawn by our own static Leaflet.
    page.wait_for_selector(".station-map.leaflet-container")

    # With JavaScript, "use my location" fills the hidden fields and submits.
    page.goto(f"{base_url}/stations/locator/")
    button = page.get_by_role("button", name="使用我的当前位置")
    button.click()
    page.wait_for_url("**lat=*")
    first = page.locator(".locator-list > li").first
    assert "东城联络站" in first.locator("h3").inner_text()
    assert "居家养老" in first.inner_text()
    assert "您当前的位置" in page.locator("#results-title").inner_text()
