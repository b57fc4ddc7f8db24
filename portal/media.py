"""Uploaded files. Only images are public files: documents may sit in a collection with a view
restriction, so they are served only through Wagtail's document view (/documents/<id>/<name>),
which checks the restriction first.

- `serve_media`: Django's media view for DEBUG or SERVE_MEDIA (a single box without a web server
  in front), limited to the image directories;
- `x_accel_sendfile`: a sendfile backend for Wagtail's document view behind nginx
  (DOCUMENT_X_ACCEL_REDIRECT=1): the view checks the restriction, nginx sends the file from its
  `internal` location /media/documents/ (deploy/nginx/portal.conf)."""

import posixpath
from pathlib import Path
from urllib.parse import quote

from django.conf import settings
from django.http import Http404, HttpResponse
from django.views.static import serve

# Wagtail's image originals and renditions: public, whatever their collection.
PUBLIC_MEDIA_DIRS = ("images/", "original_images/")
X_ACCEL_PREFIX = "/media/"


def serve_media(request, path):
    if not (settings.DEBUG or settings.SERVE_MEDIA):
        raise Http404
    path = posixpath.normpath(path).lstrip("/")  # what serve() would open: no ../ around the check
    if not path.startswith(PUBLIC_MEDIA_DIRS):
        raise Http404
    return serve(request, path, document_root=settings.MEDIA_ROOT)


def x_accel_sendfile(request, filename, **kwargs):
    """Hand the file to nginx instead of streaming it through a worker; Wagtail's sendfile()
    adds Content-Type, Content-Disposition and the rest to this response."""
    relative = Path(filename).resolve().relative_to(Path(settings.MEDIA_ROOT).resolve())
    response = HttpResponse()
    response["X-Accel-Redirect"] = X_ACCEL_PREFIX + quote(relative.as_posix())
    return response


# wagtail.utils.sendfile imports SENDFILE_BACKEND as a module with a `sendfile` function.
sendfile = x_accel_sendfile
