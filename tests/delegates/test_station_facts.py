"""Each fact about a station comes from one field, named the same on the page, in lists and
in the open data: 站长, 联系电话 (contact_phone), 站点电话 (phone), 联络员电话 (liaison_phone)."""

import csv
import io
import json

import pytest

from delegates.choices import StationRole


def station_csv(client):
    body = client.get("/open-data/stations.csv").content.decode("utf-8-sig")
    return {r["名称"]: r for r in csv.DictReader(io.StringIO(body))}


def geojson(client):
    collection = json.loads(client.get("/open-data/stations.geojson").content)
    return {f["properties"]["name"]: f["properties"] for f in collection["features"]}


@pytest.mark.django_db
def test_head_and_phones_agree_between_page_list_and_open_data(
    client, station_index, make_station, make_delegate
):
    station = make_station(
        title="东城联络站", phone="0572-2345678", liaison_phone="13812345678", head_name=""
    )
    make_delegate(name="王少华", station=station, role=StationRole.HEAD)
    make_delegate(name="李秀兰", station=station)

    page = client.get(station.url).content.decode()
    assert "<dt>站长</dt><dd>王少华</dd>" in page
    assert "<dt>站点电话</dt>" in page and "<dt>联络员电话</dt>" in page
    row, props = station_csv(client)["东城联络站"], geojson(client)["东城联络站"]
    assert row["站长"] == props["head"] == "王少华"
    assert row["联系电话"] == props["contact_phone"] == station.contact_phone == "13812345678"
    assert row["站点电话"] == props["phone"] == station.phone
    assert row["联络员电话"] == props["liaison_phone"] == station.liaison_phone
    listing = client.get(station_index.url).content.decode()
    assert f'联系电话：<a href="tel:{station.contact_phone}">' in listing


@pytest.mark.django_db
def test_typed_head_name_wins_everywhere(client, station_index, make_station, make_delegate):
    station = make_station(title="青石联络站", head_name="周站长")
    make_delegate(name="王少华", station=station, role=StationRole.HEAD)
    assert "<dt>站长</dt><dd>周站长</dd>" in client.get(station.url).content.decode()
    assert station_csv(client)["青石联络站"]["站长"] == "周站长"
