"""The public side of the 网上联络站 (公开答复): answered opinions whose senders agreed to
publication and whose public summary a liaison approved (`Opinion.objects.published()`), with
filters by station, topic and status, one page per 受理编号, and RSS feeds. Senders appear only
as a masked name (王**); their text is shown through the approved summary, contacts never."""

from django.conf import settings
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse

from delegates.models import StationPage
from delegates.qr import site_qr_response
from home.pagination import paginate
from home.params import int_param

from .models import PUBLISHABLE_STATES, Opinion, OpinionTopic

PUBLIC_STATUSES = [(status.value, status.label) for status in PUBLISHABLE_STATES]


def published_opinions():
    return Opinion.objects.published().select_related("station", "topic")


def answer_list(request):
    opinions = published_opinions()
    stations = list(StationPage.objects.visible().order_by("title").values_list("pk", "title"))
    topics = list(OpinionTopic.objects.values_list("pk", "name"))
    selected = {
        "station": int_param(request.GET.get("station")),
        "topic": int_param(request.GET.get("topic")),
        "status": request.GET.get("status", ""),
    }
    if selected["station"]:
        opinions = opinions.filter(station_id=selected["station"])
    if selected["topic"]:
        opinions = opinions.filter(topic_id=selected["topic"])
    if selected["status"] in dict(PUBLIC_STATUSES):
        opinions = opinions.filter(status=selected["status"])
    else:
        selected["status"] = ""
    page_obj = paginate(
        request, opinions.order_by("-answered_at", "-pk"), settings.PORTAL_PAGE_SIZE
    )
    station_title = dict(stations).get(selected["station"])
    return render(
        request,
        "voices/answers.html",
        {
            "page_obj": page_obj,
            "stations": stations,
            "topics": topics,
            "statuses": PUBLIC_STATUSES,
            "selected": selected,
            "station_title": station_title,
        },
    )


def write_qr(request, station, kind):
    """The QR code of a visible station's letter form, for its printed poster."""
    if kind not in ("png", "svg"):
        raise Http404
    station = get_object_or_404(StationPage.objects.visible(), pk=station)
    return site_qr_response(request, f"{reverse('voices:write')}?station={station.pk}", kind)


def answer_detail(request, number):
    opinion = get_object_or_404(published_opinions(), number=number)
    return render(
        request,
        "voices/answer.html",
        {"opinion": opinion},
    )
