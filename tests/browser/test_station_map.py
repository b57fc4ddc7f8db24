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
