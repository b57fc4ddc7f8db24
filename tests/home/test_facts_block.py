"""The home page's figures are counted from the data, never typed in."""

import pytest

pytestmark = pytest.mark.django_db


def test_facts_block_counts_visible_delegates_stations_and_groups(
    client, home, make_station, make_delegate, group, committed
):
    home.body = [("facts", {"intro": "区人大常委会是区人民代表大会的常设机关。"})]
    home.save_revision().publish()
    station = make_station()
    make_delegate(name="王少华", station=station, delegation_group=group)
    make_delegate(name="李秀兰", delegation_group=group)
    hidden = make_delegate(name="赵刚")
    hidden.unpublish()

    html = client.get("/").content.decode()
    assert "区人大常委会是区人民代表大会的常设机关。" in html
    assert "全区现有人大代表2名" in html
    assert "组成1个代表团" in html
    assert "人大代表联络站1个" in html

    with committed():  # the publish purges the home page's shared blocks when it commits
        make_delegate(name="陈建国")
    assert "全区现有人大代表3名" in client.get("/").content.decode()
