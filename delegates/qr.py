"""QR codes pointing at a page of the site (a station's or delegate's public page, the
网上联络站 form of a station), generated locally with segno."""

import io

import segno
from django.http import HttpResponse
from django.views.decorators.cache import cache_control


def make_qr(url: str, kind: str) -> bytes:
    code = segno.make(url, error="m", micro=False)
    buffer = io.BytesIO()
    if kind == "svg":
        code.save(buffer, kind="svg", scale=8, border=2, xmldecl=True, svgclass="qr", title=url)
    else:
        code.save(buffer, kind="png", scale=10, border=2)
    return buffer.getvalue()


@cache_control(max_age=86400, public=True)
def _serve(request, url, kind):
    content_type = "image/svg+xml" if kind == "svg" else "image/png"
    return HttpResponse(make_qr(url, kind), content_type=content_type)


def site_qr_response(request, path, kind):
    """A QR code of `path` (a site URL path with its query string) on this request's host."""
    return _serve(request, request.build_absolute_uri(path), kind)


def qr_response(request, page, kind):
    return site_qr_response(request, page.url, kind)
