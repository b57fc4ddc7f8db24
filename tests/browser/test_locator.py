"""The locator in a real Chromium: choosing a community without geolocation, and with it."""

import pytest

from delegates.choices import Level


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_locator_choose_community_then_use_my_location(
    live_server, page, make_station, make_delegate, make_session, streets
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

    page.context.grant_permissions(["geolocation"])
    page.context.set_geolocation({"latitude": 30.8726, "longitude": 120.1120})
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


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_locator_says_in_chinese_when_the_position_is_refused(live_server, page, make_station):
    make_station(title="东城联络站", lat=30.8725, lng=120.1121)
    page.context.clear_permissions()  # the browser refuses geolocation
    page.goto(f"{live_server.url}/stations/locator/")
    page.get_by_role("button", name="使用我的当前位置").click()
    status = page.locator("[data-geolocate-status]")
    status.filter(has_text="无法获取您的位置").wait_for()
    assert status.inner_text() == "无法获取您的位置，请从下面的列表中选择社区或街道。"
