"""约访 in the Wagtail admin: the sessions taking bookings at the stations the user may edit
(the same rule as the voices inbox: voices/permissions.py), each with its places left and
its bookings. Contact details are hidden until asked for; each showing is written to
Wagtail's audit log (报告 → 站点历史). Staff mark who came and may cancel a booking (for
instance after a phone call), which frees the places."""

import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from wagtail.log_actions import log

from delegates.models import ReceptionSession
from voices.permissions import may_use_inbox, stations_for

from . import booking
from .models import Appointment, Attendance

VIEW_CONTACT = "appointments.view_contact"
RECENT_DAYS = 30  # ended sessions stay listed this long, to mark who came


def _sessions_for(user):
    if not may_use_inbox(user):
        raise PermissionDenied
    return (
        ReceptionSession.objects.filter(station__in=stations_for(user), capacity__isnull=False)
        .with_places_taken()
        .select_related("station")
    )


def sessions(request):
    since = timezone.now() - datetime.timedelta(days=RECENT_DAYS)
    queryset = _sessions_for(request.user).filter(end__gte=since).order_by("start", "pk")
    page = Paginator(queryset, 30).get_page(request.GET.get("p"))
    return TemplateResponse(request, "appointments/admin/sessions.html", {"page_obj": page})


@require_http_methods(["GET", "POST"])
def session_view(request, pk):
    session = get_object_or_404(_sessions_for(request.user), pk=pk)
    appointments = session.appointments.select_related("contact")
    show_contact = False
    if request.method == "POST":
        action = request.POST.get("action", "")
        if action == "contact":
            for appointment in appointments:
                if hasattr(appointment, "contact"):
                    log(instance=appointment, action=VIEW_CONTACT, user=request.user)
            show_contact = True
        else:
            chosen = request.POST.get("appointment", "")
            appointment = get_object_or_404(appointments, pk=chosen if chosen.isdigit() else None)
            if action == "cancel":
                booking.cancel(appointment, by_staff=True)
                messages.success(request, _("已取消该预约，名额已释放。"))
            elif action in Attendance.values:
                Appointment.objects.filter(pk=appointment.pk).update(attendance=action)
                messages.success(request, _("已登记到场情况。"))
            return redirect("appointments_session", pk=session.pk)
    return TemplateResponse(
        request,
        "appointments/admin/session.html",
        {
            "session": session,
            "appointments": appointments,
            "show_contact": show_contact,
            "attendance": Attendance.choices[1:],
        },
    )
