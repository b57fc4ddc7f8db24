"""Image uploads through the admin are validated with clear Chinese messages."""

import io

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from home.models import PortalImage

pytestmark = pytest.mark.django_db


def png(width, height):
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (200, 30, 30)).save(buffer, "PNG")
    return buffer.getvalue()


@pytest.fixture
def admin_client(client):
    user = User.objects.create_superuser("admin", "admin@example.org", "pw-123456-abc")
    client.force_login(user)
    return client


def upload(client, name, content, description="代表接访现场"):
    return client.post(
        "/admin/images/add/",
        {
            "title": "测试图片",
            "description": description,
            "file": SimpleUploadedFile(name, content, content_type="image/png"),
            "collection": 1,
        },
    )


def errors_of(response):
    """The form's error messages as one string, as the editor sees them next to the fields."""
    return " ".join(str(m) for msgs in response.context["form"].errors.values() for m in msgs)


def test_valid_image_is_saved(admin_client):
    response = upload(admin_client, "ok.png", png(400, 300))
    assert response.status_code == 302
    image = PortalImage.objects.get()
    assert (image.width, image.height) == (400, 300)
    assert image.default_alt_text == "代表接访现场"


def test_too_small_image_is_rejected(admin_client):
    response = upload(admin_client, "tiny.png", png(20, 20))
    assert response.status_code == 200
    assert "图片太小（20×20 像素）" in errors_of(response)
    assert not PortalImage.objects.exists()


def test_not_an_image_is_rejected(admin_client):
    response = upload(admin_client, "fake.png", b"%PDF-1.4 not an image")
    assert response.status_code == 200
    assert not PortalImage.objects.exists()
    assert "请上传一张有效的图片" in errors_of(response)


def test_decompression_bomb_is_rejected(admin_client, settings):
    settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS = 100_000
    response = upload(admin_client, "big.png", png(1000, 1000))
    assert response.status_code == 200
    assert not PortalImage.objects.exists()
    assert "1000000" in errors_of(response)


def test_alt_text_is_required(admin_client):
    response = upload(admin_client, "ok.png", png(400, 300), description="")
    assert response.status_code == 200
    assert not PortalImage.objects.exists()
    assert "description" in response.context["form"].errors


def test_admin_speaks_chinese(admin_client):
    html = admin_client.get("/admin/").content.decode()
    assert 'lang="zh-hans"' in html.lower() or "仪表板" in html or "页面" in html


def test_editors_may_upload_images(client, django_user_model):
    """Wagtail checks a custom image model against wagtailimages' permissions: the editorial
    groups must hold those, not home's own add/change_portalimage."""
    from django.contrib.auth.models import Group

    from home.roles import EDITORS

    editor = django_user_model.objects.create_user("editor", password="pw-123456-abc")
    editor.groups.add(Group.objects.get(name=EDITORS))
    client.force_login(editor)
    response = upload(client, "ok.png", png(400, 300))
    assert response.status_code == 302 and response["Location"] != "/admin/"
    assert PortalImage.objects.get().uploaded_by_user == editor
