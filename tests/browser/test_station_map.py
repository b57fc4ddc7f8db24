"""Station maps in a real Chromium: names that liaisons and editors type (station title and
address, community name) appear on the map as text, never as markup."""

import pytest

IMG = '<img src="x" class="injected" onerror="document.title=\'xss\'">'
SHORT_IMG = "<img src=x class=injected>"  # a community name holds at most 40 characters


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_map_popup_and_tooltip_show_markup_as_text(live_server, page, make_station, streets):
    station = make_station(
        title=f"东城联络站{IMG}",
        address=f"人民路1号{IMG}",
        lat=30.8725,
        lng=120.1121,
        street=streets[0],
        communities=[f"幸福社区{SHORT_IMG}"],
    )
    community = station.communities.get()
    page.goto(f"{live_server.url}/stations/locator/?community={community.pk}")
    page.wait_for_selector(".station-map.leaflet-container")

    # The origin (the chosen community) has a tooltip, shown on hover (the station's marker
    # lies over it, so the pointer event is sent to the circle itself).
    page.locator(".station-map path.leaflet-interactive").first.dispatch_event("mouseover")
    tooltip = page.locator(".leaflet-tooltip")
    tooltip.wait_for()
    assert tooltip.inner_text() == community.name
    # The station's marker opens a popup with its name (a link) and address.
    page.locator(".station-map .leaflet-marker-icon").first.click()
    popup = page.locator(".leaflet-popup-content")
    popup.wait_for()
    assert popup.locator("a").inner_text() == station.title
    assert popup.locator("p").inner_text() == station.address

    assert page.locator(".station-map img.injected").count() == 0
    assert page.title() != "xss"


# A 1×1 PNG: tiles are answered by the test itself, so nothing is fetched from outside.
TILE = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360f8cfc0f01f0005000201a1e5e3"
    "8d0000000049454e44ae426082"
)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_map_controls_speak_chinese_without_a_flag(live_server, page, make_station, settings):
    settings.MAP_TILE_URL = "/map-tiles/{z}/{x}/{y}.png"  # our own host: allowed by the CSP
    settings.MAP_TILE_ATTRIBUTION = "© 测试底图 审图号：GS(2024)0000号"
    page.route("**/map-tiles/**", lambda route: route.fulfill(body=TILE, content_type="image/png"))
    station = make_station(title="东城联络站", address="人民路1号", lat=30.8725, lng=120.1121)
    page.goto(f"{live_server.url}{station.url}")
    page.wait_for_selector(".station-map.leaflet-container img.leaflet-tile-loaded")

    zoom_in = page.locator(".leaflet-control-zoom-in")
    zoom_out = page.locator(".leaflet-control-zoom-out")
    assert (
        zoom_in.get_attribute("title") == "放大" and zoom_in.get_attribute("aria-label") == "放大"
    )
    assert zoom_out.get_attribute("title") == "缩小"
    assert zoom_out.get_attribute("aria-label") == "缩小"
    attribution = page.locator(".leaflet-control-attribution")
    assert attribution.inner_text().startswith("地图库 Leaflet")
    assert "审图号：GS(2024)0000号" in attribution.inner_text()
    assert attribution.locator("svg, img").count() == 0
    assert page.locator("text=底图未配置").count() == 0

    page.locator(".station-map .leaflet-marker-icon").first.click()
    close = page.locator(".leaflet-popup-close-button")
    close.wait_for()
    assert close.get_attribute("aria-label") == "关闭"
    close.click()
    page.locator(".leaflet-popup").wait_for(state="detached")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_overlapping_stations_cluster_and_each_stays_reachable(
    live_server, page, make_station, streets
):
    # A 代表之家 and a station in the same building, and one in another town.
    make_station(title="东城联络站", address="人民路1号", lat=30.8725, lng=120.1121)
    make_station(title="东城代表之家", address="人民路1号二楼", lat=30.8725, lng=120.1121)
    make_station(title="青石联络站", address="青石路8号", lat=30.9051, lng=120.0213)
    page.goto(f"{live_server.url}/stations/")
    cluster = page.locator(".station-map .station-cluster")
    cluster.wait_for()
    assert cluster.count() == 1
    assert cluster.locator("[aria-hidden=true]").inner_text() == "2"  # the visible count
    assert cluster.locator("[title]").get_attribute("title") == "此处有 2 个联络站，点击放大查看"
    # The station on its own is a plain marker; the two in the cluster are not drawn yet.
    assert page.locator('.leaflet-marker-icon[title="青石联络站"]').is_visible()
    assert page.locator('.leaflet-marker-icon[title="东城联络站"]').count() == 0

    # Together even at the closest zoom, they spread out on a click; each opens its popup.
    cluster.click()
    for name, address in (("东城联络站", "人民路1号"), ("东城代表之家", "人民路1号二楼")):
        page.locator(f'.leaflet-marker-icon[title="{name}"]').click()
        # (the previous popup may still be fading out)
        popup = page.locator(".leaflet-popup-content", has=page.get_by_role("link", name=name))
        popup.wait_for()
        assert popup.locator("p").inner_text() == address


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.parametrize("viewport", [{"width": 360, "height": 640}, {"width": 390, "height": 844}])
def test_without_tiles_the_map_says_so_after_the_list(
    live_server, page, make_station, settings, viewport
):
    settings.MAP_TILE_URL = ""
    station = make_station(title="东城联络站", address="人民路1号", lat=30.8725, lng=120.1121)
    make_station(title="青石联络站", address="青石路8号", lat=30.9051, lng=120.0213)
    page.set_viewport_size(viewport)
    for path in ("/stations/", station.url, "/stations/locator/?lat=30.87&lng=120.11"):
        page.goto(f"{live_server.url}{path}")
        page.wait_for_selector(".station-map.leaflet-container .leaflet-marker-icon")
        note = page.locator(".station-map__note")
        assert note.is_visible() and note.inner_text() == "底图未配置：仅显示联络站位置"
        assert page.locator(".leaflet-tile").count() == 0
        # The list (addresses and links) comes before the map, for screen readers and no-JS.
        assert page.evaluate(
            """() => {
                const list = document.querySelector(
                    '.station-cards, .locator-list, .station__facts');
                const map = document.querySelector('.station-map');
                return !!(list.compareDocumentPosition(map) & Node.DOCUMENT_POSITION_FOLLOWING);
            }"""
        ), path
        # The map fits the phone's width, and its height leaves room for the page around it.
        box = page.locator(".station-map-figure").bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= viewport["width"], path
        height = page.locator(".station-map").bounding_box()["height"]
        assert 240 <= height <= 0.6 * viewport["height"], path
        assert page.evaluate(
            "() => [...document.querySelectorAll('.station-map-figure, .with-map')]"
            ".every(e => e.scrollWidth <= e.clientWidth)"
        ), path
