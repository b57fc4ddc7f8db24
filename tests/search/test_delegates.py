"""Delegates, stations and reception sessions in the public search, on both backends:
names by pinyin and initials, street facets, receptions following their station's
publication, and the locator, which answers from the database whatever the search backend."""

from __future__ import annotations

import re

import pytest

from delegates.locator import nearest_stations

pytestmark = pytest.mark.django_db


def test_delegates_found_by_name_pinyin_and_initials(search, make_delegate):
    zhang = make_delegate("张子平", unit_position="江滨区东城街道社区主任")
    make_delegate("李明华")
    key = f"page:{zhang.pk}"
    for query in ("张子平", "zhangziping", "ZZP", "張子平"):
        assert search.keys(query, kinds=["delegate"]) == {key}, query
    # Both words: first; a delegate with one of them follows (ranking, not a filter).
    assert search.search("社区主任", kinds=["delegate"]).hits[0].key == key
    assert [s.text for s in search.backend.suggest("zzp")] == ["张子平"]


def test_stations_have_street_facet_and_member_names(
    search,
    make_station,
    make_delegate,
    streets,
):
    east = make_station("东城街道人大代表联络站", street=streets[0], communities=["幸福社区"])
    make_station("青石镇人大代表之家", street=streets[1])
    wang = make_delegate("王建国", station=east)
    result = search.search("人大代表", kinds=["station"])
    assert {b.value: b.count for b in result.facets["street"]} == {"东城街道": 1, "青石镇": 1}
    assert search.search("幸福社区").hits[0].key == f"page:{east.pk}"
    # A delegate's name finds their station (and the delegate), also in pinyin.
    assert f"page:{east.pk}" in search.keys("wangjianguo")
    # The street filter keeps the station and the delegate who sits there (their document
    # names the station, re-indexed when the station was published with them).
    only_east = search.search("联络站", street="东城街道")
    assert {h.key for h in only_east.hits} == {f"page:{east.pk}", f"page:{wang.pk}"}


def test_receptions_follow_their_station(search, make_station, make_session):
    station = make_station("南门街道人大代表联络站")
    session = make_session(station, topic="加装电梯意见征集")
    assert search.keys("加装电梯") == {f"reception:{session.pk}"}
    hit = search.search("加装电梯").hits[0]
    assert hit.kind == "reception" and hit.url == station.url
    station.unpublish()
    assert search.keys("加装电梯") == set()
    station.save_revision().publish()
    assert search.keys("加装电梯") == {f"reception:{session.pk}"}
    session.delete()
    assert search.keys("加装电梯") == set()


def test_locator_never_asks_the_search_backend(settings, make_station, monkeypatch):
    from tests.search.conftest import use_backend

    make_station(title="唯一的站", lat=30.87, lng=120.09)
    use_backend(settings, "elasticsearch", url="http://127.0.0.1:9")  # nothing listens there
    monkeypatch.setattr(
        "search.backends.get_backend", lambda *a, **k: pytest.fail("the locator asked search")
    )
    assert [s.title for s, _ in nearest_stations(30.87, 120.09, limit=1)] == ["唯一的站"]


def test_delegate_directory_finds_names_by_pinyin_and_initials(
    search, client, make_delegate, delegate_index
):
    make_delegate("张子平")
    make_delegate("李明华")
    search.refresh()
    for query in ("zzp", "zhangziping", "張子平", "子平"):
        html = client.get(delegate_index.url, {"q": query}).content.decode()
        assert "张子平" in html and "李明华" not in html, query


def test_polyphonic_surnames_found_by_their_surname_reading(search, make_delegate):
    zeng = make_delegate("曾学军")
    make_delegate("曾春燕")
    key = f"page:{zeng.pk}"
    for query in ("zengxuejun", "zxj", "ZXJ", "曾学军"):
        assert search.keys(query, kinds=["delegate"]) == {key}, query
    assert "曾学军" in [s.text for s in search.backend.suggest("zxj")]


def test_directory_sorts_surnames_by_their_surname_reading(client, make_delegate, delegate_index):
    for name in ("曾学军", "陈明", "王建国", "周洁"):
        make_delegate(name)
    html = client.get(delegate_index.url).content.decode()
    # chen < wang < zeng < zhou: 曾 is read zeng (not ceng, which would sort before chen).
    assert sorted(["曾学军", "陈明", "王建国", "周洁"], key=html.index) == [
        "陈明",
        "王建国",
        "曾学军",
        "周洁",
    ]


def test_station_snippets_are_human_text_not_keyword_dumps(search, make_station, make_delegate):
    communities = ["福塘村", "银塘村", "幸福社区", "青石社区"]
    station = make_station(
        "东城街道人大代表联络站",
        communities=communities,
        intro="联络站设在街道便民服务中心二楼，每月第一个周三有代表值班接待。",
    )
    make_delegate("张玉兰", station=station)
    make_delegate("曾春燕", station=station)
    for query in ("福塘村", "张玉兰"):
        hit = next(h for h in search.search(query).hits if h.key == f"page:{station.pk}")
        snippet = str(hit.snippet_html)
        assert "地址：" in snippet and "开放时间：" in snippet, snippet
        for name in (*communities, "张玉兰", "曾春燕"):
            assert name not in snippet, snippet


def test_snippets_are_the_sentences_around_the_matched_words(search, make_article):
    body = (
        "<p>今年以来，街道围绕民生实事开展了多项工作。"
        + "各社区持续推进环境整治，清理卫生死角。" * 4
        + "在老旧小区，代表们推动加装电梯十二台，居民上下楼更方便了。"
        + "下一步将继续做好各项工作。</p>"
    )
    make_article("街道民生工作回顾", summary="街道工作回顾。", body=[("paragraph", body)])
    hit = search.search("加装电梯").hits[0]
    snippet = str(hit.snippet_html)
    assert snippet.startswith("…在老旧小区"), snippet
    assert "<mark>加装电梯</mark>十二台" in snippet


def test_many_stations_collapse_into_one_grouped_result(search, make_station, make_article):
    from django.http import QueryDict

    from search.query import PortalSearch

    for i in range(7):
        make_station(f"第{i}人大代表联络站", intro="联络站每周三开展代表接待活动。")
    guide = make_article("联络站是做什么的", summary="介绍联络站的职能和代表联系群众的方式。")
    search.refresh()
    page = PortalSearch(QueryDict("q=联络站"), backend=search.backend).run(log=False)
    kinds = [hit.kind for hit in page.hits]
    assert kinds.count("station") == 1, kinds
    group = next(hit for hit in page.hits if hit.group_count)
    assert (group.group_count, group.title) == (7, "7 个联络站")
    assert "kind=station" in group.url
    assert f"page:{guide.pk}" in [hit.key for hit in page.hits]  # on the first screen
    assert page.total == 8
    # The grouped result's link lists every station.
    stations = PortalSearch(QueryDict("q=联络站&kind=station"), backend=search.backend).run(
        log=False
    )
    assert stations.total == 7 and len(stations.hits) == 7
    assert not any(hit.group_count for hit in stations.hits)
    # The grouped result names the best three, as that list ranks them (read from the page's
    # own query, not from searches of their own).
    best = "、".join(hit.title for hit in stations.hits[:3])
    assert best + "等" in re.sub(r"<[^>]+>", "", str(group.snippet_html))


def test_the_other_kinds_page_of_a_grouped_result_comes_with_the_page(
    search, make_station, make_article
):
    """What a grouped result leaves (the other kinds) is read with the page itself, and is
    what a search of those kinds alone finds, page after page."""
    from django.http import QueryDict

    from search.query import PortalSearch

    for i in range(7):
        make_station(f"第{i}人大代表联络站", intro="联络站每周三开展代表接待活动。")
    for i in range(13):
        make_article(f"联络站工作简报第{i}期", summary="联络站接待群众的情况。")
    search.refresh()
    for number in (1, 2):
        params = QueryDict(f"q=联络站&page={number}")
        request = PortalSearch(params, backend=search.backend).clean()[0]
        results = search.backend.search(request)
        assert results.rest is not None
        others = [b.value for b in results.facets["kind"] if b.value != "station"]
        alone = search.backend.search(
            request.narrowed(kinds=others, facets=False, samples=(), collapse_over=0)
        )
        assert results.rest.total == alone.total == 13
        assert [h.key for h in results.rest.hits] == [h.key for h in alone.hits]
        assert len(results.rest.hits) == (10 if number == 1 else 3)
    # Too few of a sampled kind to group: no other page is read or used.
    request = PortalSearch(QueryDict("q=简报"), backend=search.backend).clean()[0]
    assert search.backend.search(request).rest is None
