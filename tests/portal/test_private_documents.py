"""Documents in a collection with a view restriction reach only those allowed to see them:
Wagtail's document view checks the restriction, and /media/ (SERVE_MEDIA) never serves
documents/ (nor anything but images), however the path is spelled."""

import importlib

import pytest
from django.contrib.auth.models import User
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.urls import clear_url_caches
from wagtail.documents.models import Document
from wagtail.images import get_image_model
from wagtail.models import Collection, CollectionViewRestriction
from wagtail.utils import sendfile as wagtail_sendfile

import portal.urls

pytestmark = pytest.mark.django_db

SECRET = b"%PDF-1.4\n% internal minutes\n"


@pytest.fixture
def serve_media(settings):
    """SERVE_MEDIA on, with the URLconf built again under it (as at start-up)."""
    settings.SERVE_MEDIA = True
    importlib.reload(portal.urls)
    clear_url_caches()
    yield
    settings.SERVE_MEDIA = False
    importlib.reload(portal.urls)
    clear_url_caches()


@pytest.fixture
def private_document():
    root = Collection.get_first_root_node()
    private = root.add_child(instance=Collection(name="内部资料"))
    CollectionViewRestriction.objects.create(
        collection=private, restriction_type=CollectionViewRestriction.LOGIN
    )
    document = Document.objects.create(
        title="内部会议纪要", file=ContentFile(SECRET, name="minutes.pdf"), collection=private
    )
    yield document
    document.file.delete(save=False)


def test_private_document_needs_a_login_and_is_not_under_media(
    client, serve_media, private_document
):
    response = client.get(private_document.url)
    assert response.status_code == 302 and "next=" in response["Location"]
    assert private_document.file.name.startswith("documents/")
    for url in [
        f"/media/{private_document.file.name}",
        f"/media/images/../{private_document.file.name}",
        f"/media/./{private_document.file.name}",
        "/media/documents/",
    ]:
        response = client.get(url)
        assert response.status_code == 404, url
        assert SECRET not in b"".join(getattr(response, "streaming_content", [response.content]))

    client.force_login(User.objects.create_user("reader", password="x"))
    response = client.get(private_document.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == SECRET
    assert response["Content-Security-Policy"] == "default-src 'none'"


def test_media_serves_images_only(client, serve_media, settings):
    from PIL import Image as PILImage

    buffer = ContentFile(b"", name="photo.png")
    PILImage.new("RGB", (80, 80), "red").save(buffer, format="PNG")
    image = get_image_model().objects.create(title="照片", file=buffer, description="红色方块")
    rendition = image.get_rendition("width-64")
    response = client.get(rendition.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"\x89PNG")
    upload = ContentFile(b"roster", name="roster-imports/0123.xlsx")
    stored = default_storage.save(upload.name, upload)
    try:
        assert client.get(f"/media/{stored}").status_code == 404
    finally:
        default_storage.delete(stored)
    settings.SERVE_MEDIA = False
    assert client.get(rendition.url).status_code == 404  # nginx or a CDN serves them then


def test_documents_behind_nginx_are_sent_by_nginx(client, settings, private_document):
    """DOCUMENT_X_ACCEL_REDIRECT: the view checks access, then hands the file to nginx's
    internal /media/documents/ location."""
    settings.SENDFILE_BACKEND = "portal.media"
    wagtail_sendfile._get_sendfile.clear()
    try:
        assert client.get(private_document.url).status_code == 302
        client.force_login(User.objects.create_user("reader", password="x"))
        response = client.get(private_document.url)
        assert response.status_code == 200
        assert response["X-Accel-Redirect"] == f"/media/{private_document.file.name}"
        assert response.content == b""
        assert response["Content-Type"] == "application/pdf"
    finally:
        wagtail_sendfile._get_sendfile.clear()
