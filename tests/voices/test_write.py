"""The resident's path: write, confirm by e-mail, follow up."""

import io
import re
import time

import pytest
from django.core import mail
from PIL import Image

from voices.choices import Status, Verification
from voices.forms import FormStamp
from voices.models import Opinion, OpinionPhoto

pytestmark = pytest.mark.django_db
URL = "/voices/write/"


def link(body, kind):
    return re.search(rf"https?://[^\s]+/voices/{kind}/[^\s]+/", body).group(0)


def path_of(url):
    return "/" + url.split("/", 3)[3]


def test_form_prefills_station_from_qr_link(client, form_data):
    station = form_data.station
    response = client.get(f"{URL}?station={station.pk}")
    html = response.content.decode()
    assert f'<option value="{station.pk}" selected>{station.title}</option>' in html
    assert "个人信息处理说明" in html and "个人信息保护法" in html
    assert "no-store" in response["Cache-Control"]


def test_station_and_delegate_pages_link_to_the_form(client, form_data, make_delegate):
    station = form_data.station
    delegate = make_delegate(name="王代表", station=station)
    assert f"/voices/write/?station={station.pk}" in client.get(station.url).content.decode()
    assert f"/voices/write/?delegate={delegate.pk}" in client.get(delegate.url).content.decode()


def test_hidden_station_is_not_offered(client, form_data):
    station = form_data.station
    station.unpublish()
    html = client.get(f"{URL}?station={station.pk}").content.decode()
    assert station.title not in html


def test_email_sender_confirms_and_tracks(client, form_data, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(URL, form_data())
    html = response.content.decode()
    assert "确认邮件" in html
    opinion = Opinion.objects.get()
    assert opinion.status == Status.PENDING and opinion.number is None
    assert opinion.station == form_data.station
    assert opinion.sender.email == "resident@example.com"
    assert len(mail.outbox) == 1 and "请确认" in mail.outbox[0].subject
    confirm_url = path_of(link(mail.outbox[0].body, "confirm"))

    # GET only shows the button (mail scanners open links); POST confirms.
    assert "确认提交" in client.get(confirm_url).content.decode()
    assert Opinion.objects.get().status == Status.PENDING
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(confirm_url)
    opinion.refresh_from_db()
    assert opinion.status == Status.RECEIVED
    assert opinion.number in response.content.decode()
    assert opinion.number in mail.outbox[1].subject
    track_url = path_of(link(mail.outbox[1].body, "track"))
    assert track_url in response.content.decode()
    # The confirmation link is used up.
    assert client.post(confirm_url).status_code == 404

    page = client.get(track_url)
    assert page["Referrer-Policy"] == "same-origin"
    text = page.content.decode()
    assert opinion.number in text and "已收到" in text and "路灯" in text


def test_phone_sender_gets_tracking_link_and_waits_for_call(client, form_data):
    response = client.post(URL, form_data(email="", mobile="139 0000 1111"))
    opinion = Opinion.objects.get()
    assert opinion.verification == Verification.PHONE
    assert opinion.sender.mobile == "13900001111"
    html = response.content.decode()
    assert "待核实" in html
    track = re.search(r'href="(/voices/track/[^"]+/)"', html).group(1)
    assert "待核实" in client.get(track).content.decode()
    assert not mail.outbox


def test_double_post_makes_one_opinion(client, form_data, django_capture_on_commit_callbacks):
    data = form_data()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(URL, data)
        second = client.post(URL, data)
    assert Opinion.objects.count() == 1
    assert "意见已提交" in second.content.decode()
    # One confirmation mail, whose link works: the second post did not replace it.
    assert len(mail.outbox) == 1
    confirm_url = path_of(link(mail.outbox[0].body, "confirm"))
    confirmed = client.post(confirm_url).content.decode()
    assert Opinion.objects.get().number in confirmed


def test_same_contact_and_text_within_a_day_is_the_same_opinion(client, form_data):
    client.post(URL, form_data(email="", mobile="13900001111"))
    response = client.post(
        URL,
        form_data(email="", mobile="13900001111", stamp=FormStamp.issue(at=time.time() - 60)),
    )
    assert Opinion.objects.count() == 1
    html = response.content.decode()
    assert "您已提交过相同的意见" in html
    assert "/voices/track/" not in html  # knowing contact and text reveals nothing


def test_honeypot_is_refused_and_text_kept(client, form_data):
    response = client.post(URL, form_data(website="http://spam.example"))
    html = response.content.decode()
    assert not Opinion.objects.exists()
    assert "提交未成功" in html and "3号楼前的路灯" in html


def test_too_fast_is_refused_and_text_kept(client, form_data):
    response = client.post(URL, form_data(stamp=FormStamp.issue()))
    html = response.content.decode()
    assert not Opinion.objects.exists()
    assert "提交过快" in html and "3号楼前的路灯" in html


def test_forged_stamp_is_refused(client, form_data):
    response = client.post(URL, form_data(stamp="forged"))
    assert not Opinion.objects.exists()
    assert "页面已过期" in response.content.decode()


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"email": "", "mobile": ""}, "请至少填写手机号码或电子邮箱"),
        ({"email": "", "mobile": "12345"}, "手机号码应为 11 位数字"),
        ({"email": "not-an-address"}, "电子邮箱格式不正确"),
        ({"privacy": None}, "请阅读并同意个人信息处理说明"),
        ({"text": "太短了"}, "意见内容太短"),
        ({"station": ""}, "请选择联络站"),
    ],
)
def test_invalid_input_has_chinese_message_and_keeps_text(client, form_data, overrides, message):
    response = client.post(URL, form_data(**overrides))
    html = response.content.decode()
    assert not Opinion.objects.exists()
    assert message in html
    text = overrides.get("text", "3号楼前的路灯")
    assert text in html


def png(size=(200, 150)):
    buffer = io.BytesIO()
    Image.new("RGB", size, "red").save(buffer, "PNG")
    buffer.seek(0)
    buffer.name = "photo.png"
    return buffer


def test_photo_is_stored_privately(client, form_data):
    client.post(URL, form_data(photo1=png()))
    photo = OpinionPhoto.objects.get()
    assert photo.file.name.startswith("voices/") and photo.file.name.endswith(".png")
    assert client.get("/media/" + photo.file.name).status_code == 404


def test_bad_photo_is_refused_like_other_uploads(client, form_data):
    fake = io.BytesIO(b"not an image at all")
    fake.name = "photo.jpg"
    response = client.post(URL, form_data(photo1=fake))
    assert not Opinion.objects.exists()
    html = response.content.decode()
    assert "照片需要重新选择" in html and "3号楼前的路灯" in html
    small = client.post(URL, form_data(photo1=png((20, 20))))
    assert "图片太小" in small.content.decode()


def test_rate_limit_per_ip_keeps_text(client, form_data, settings):
    settings.PORTAL_RATE_LIMITS = {**settings.PORTAL_RATE_LIMITS, "voices": "2/h"}
    for _ in range(2):
        client.post(URL, form_data(website="bot"))
    response = client.post(URL, form_data())
    assert response.status_code == 429
    html = response.content.decode()
    assert "提交过于频繁" in html and "3号楼前的路灯" in html
    assert not Opinion.objects.exists()


def test_rate_limit_per_contact(client, form_data, settings):
    settings.PORTAL_RATE_LIMITS = {**settings.PORTAL_RATE_LIMITS, "voices_contact": "1/d"}
    client.post(URL, form_data())
    response = client.post(
        URL,
        form_data(
            text="另一件事：小区门口的垃圾桶满了没人清理，气味很大。",
            stamp=FormStamp.issue(at=time.time() - 60),
        ),
        REMOTE_ADDR="10.0.0.9",
    )
    assert response.status_code == 429
    assert "同一联系方式今天提交的意见已达上限" in response.content.decode()
    assert Opinion.objects.count() == 1


def test_letter_to_delegate_goes_to_their_station(client, form_data, make_delegate):
    delegate = make_delegate(name="王代表", station=form_data.station)
    html = client.get(f"{URL}?delegate={delegate.pk}").content.decode()
    assert "写给 王代表 代表" in html
    client.post(URL, form_data(station="", delegate=str(delegate.pk)))
    opinion = Opinion.objects.get()
    assert opinion.delegate == delegate and opinion.station == form_data.station
