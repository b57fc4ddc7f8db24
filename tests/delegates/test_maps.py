"""Station maps on the server: the settings become the map's configuration (tile layers, the
provider's datum, control texts in Chinese), the page without tiles says so, and the list the
map repeats comes first."""

import json

import pytest

from delegates.geo import wgs84_to_gcj02
from delegates.maps import map_config

TIANDITU = "https://t{s}.tianditu.gov.cn/vec_w/wmts?LAYER=vec&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}&tk=KEY"
TIANDITU_LABELS = TIANDITU.replace("vec", "cva")


def map_data(html, mid="map-data"):
    start = f'<script id="{mid}" type="application/json">'
    return json.loads(html.split(start)[1].split("</script>")[0])


def test_config_follows_the_settings(settings):
    settings.MAP_TILE_URL = TIANDITU
    settings.MAP_TILE_LABEL_URL = TIANDITU_LABELS
    settings.MAP_TILE_ATTRIBUTION = "© 天地图 审图号：GS(2024)0568号"
    settings.MAP_TILE_SUBDOMAINS = list("01234567")
    settings.MAP_TILE_MAX_ZOOM = 17
    config = map_config()
    assert config["tileUrl"] == TIANDITU and config["labelUrl"] == TIANDITU_LABELS
    assert config["attribution"] == "© 天地图 审图号：GS(2024)0568号"
    assert config["subdomains"] == ["0", "1", "2", "3", "4", "5", "6", "7"]
    assert config["maxZoom"] == 17
    # A labels layer alone would draw names over nothing.
    settings.MAP_TILE_URL = ""
    assert map_config()["tileUrl"] == map_config()["labelUrl"] == ""


def test_control_texts_are_chinese_and_the_prefix_has_no_flag():
    text = map_config()["text"]
    assert text["zoomIn"] == "放大" and text["zoomOut"] == "缩小" and text["close"] == "关闭"
    assert text["cluster"].replace("{count}", "3") == "此处有 3 个联络站，点击放大查看"
    assert text["prefix"] == '地图库 <a href="https://leafletjs.com/" hreflang="en">Leaflet</a>'
    assert "<svg" not in text["prefix"] and "Ukraine" not in text["prefix"]


@pytest.mark.django_db
def test_markers_use_the_tiles_datum(make_station, client, settings):
    station = make_station(title="东城联络站", lat=30.8725, lng=120.1121)
    settings.MAP_TILE_URL = "https://webrd0{s}.is.autonavi.com/appmaptile?x={x}&y={y}&z={z}"
    settings.MAP_TILE_CRS = "wgs84"
    point = map_data(client.get(station.url).content.decode())["points"][0]
    assert (point["lat"], point["lng"]) == (30.8725, 120.1121)
    settings.MAP_TILE_CRS = "gcj02"
    point = map_data(client.get(station.url).content.decode())["points"][0]
    lat, lng = wgs84_to_gcj02(30.8725, 120.1121)
    assert point["lat"] == pytest.approx(lat, abs=1e-6) and point["lng"] == pytest.approx(
        lng, abs=1e-6
    )
    assert abs(point["lng"] - 120.1121) > 0.003  # several hundred metres: really shifted


@pytest.mark.django_db
def test_without_tiles_the_map_says_so_and_follows_the_list(
    make_station, station_index, client, settings
):
    settings.MAP_TILE_URL = ""
    make_station(title="东城联络站", address="人民路1号", lat=30.8725, lng=120.1121)
    make_station(title="青石联络站", address="青石路8号", lat=30.9051, lng=120.0213)
    html = client.get(station_index.url).content.decode()
    assert "底图未配置：仅显示联络站位置" in html
    assert map_data(html)["config"]["tileUrl"] == ""
    assert "vendor/leaflet.markercluster/leaflet.markercluster.js" in html
    # Every station's link and address come before the map in the page.
    map_at = html.index("data-station-map=")
    for text in ("东城联络站</a>", "人民路1号", "青石联络站</a>", "青石路8号"):
        assert html.index(text) < map_at, text
    settings.MAP_TILE_URL = "https://tiles.example/{z}/{x}/{y}.png"
    assert "底图未配置" not in client.get(station_index.url).content.decode()


@pytest.mark.django_db
def test_locator_lists_the_nearest_stations_before_the_map(make_station, station_index, client):
    make_station(title="东城联络站", address="人民路1号", lat=30.8725, lng=120.1121)
    html = client.get(station_index.url + "locator/", {"lat": "30.87", "lng": "120.11"}).content
    html = html.decode()
    assert html.index("人民路1号") < html.index("data-station-map=")
    assert map_data(html)["origin"]["lat"] == pytest.approx(30.87)


@pytest.mark.django_db
def test_content_security_policy_allows_no_outside_tiles_by_default(make_station, client):
    station = make_station(title="东城联络站")
    csp = client.get(station.url)["Content-Security-Policy"]
    # Directives in any order (the header's order is not fixed): img-src names no tile host.
    directives = dict(part.strip().split(" ", 1) for part in csp.split(";") if part.strip())
    assert directives["img-src"] == "'self' data:"
