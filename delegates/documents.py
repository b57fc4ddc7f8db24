"""Search documents for delegates, liaison stations and reception sessions.

Names of delegates and stations are indexed with their pinyin and initials (张子平 →
zhangziping, zzp). Stations carry a geo point for the locator. Reception sessions are rows of
their station page (published with it), so they are indexed when the station is published and
removed when it is unpublished; a session saved or deleted on its own is indexed by the search
app's save/delete signals.
"""

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _

from search.documents import DocumentSource, PageDocument, SearchDoc, registry

from .models import DelegatePage, ReceptionSession, StationMembership, StationPage


@registry.register_page(DelegatePage)
class DelegateDocument(PageDocument):
    kind = "delegate"

    def queryset(self):
        return (
            super()
            .queryset()
            .select_related("delegation_group__street")
            .prefetch_related(
                "roles",
                Prefetch(
                    "memberships",
                    queryset=StationMembership.objects.visible().select_related("station__street"),
                ),
            )
        )

    def build(self, page, context):
        stations = [m.station for m in page.memberships.all()]
        group = page.delegation_group
        street = group.street.name if group and group.street_id else ""
        if not street and stations:
            street = stations[0].street.name
        levels = [str(role.level_label) for role in page.current_roles]
        return self.base_doc(
            page,
            context,
            summary="、".join(filter(None, ["、".join(levels), page.unit_position])),
            body=page.bio,
            # Found by these, shown through the summary (not as a list of names).
            keywords=[
                group.name if group else "",
                page.professional_group,
                *[s.title for s in stations],
            ],
            date=page.last_published_at,
            street=street,
            station=stations[0].title if stations else "",
            level=levels,
            names=[page.title],
        )

    def related_keys(self, page):
        # A station's document lists its delegates' names, a session's its delegates on duty.
        stations = StationMembership.objects.filter(delegate=page).values_list(
            "station_id", flat=True
        )
        sessions = page.reception_sessions.values_list("pk", flat=True)
        return [*(f"page:{pk}" for pk in stations), *(f"reception:{pk}" for pk in sessions)]


@registry.register_page(StationPage)
class StationDocument(PageDocument):
    kind = "station"

    def queryset(self):
        return (
            super()
            .queryset()
            .select_related("street")
            .prefetch_related(
                "communities",
                Prefetch(
                    "memberships",
                    queryset=StationMembership.objects.visible().select_related("delegate"),
                ),
            )
        )

    def build(self, page, context):
        members = [m.delegate for m in page.memberships.all()]
        communities = [c.name for c in page.communities.all()]
        summary = [_("地址：%(address)s。") % {"address": page.address}] if page.address else []
        if page.opening_hours:
            summary.append(_("开放时间：%(hours)s。") % {"hours": page.opening_hours})
        return self.base_doc(
            page,
            context,
            summary="".join(summary),
            body=page.intro,
            # Communities and delegates find the station; snippets never list them.
            keywords=communities,
            date=page.last_published_at,
            street=page.street.name,
            station=page.title,
            level=[page.get_kind_display()],
            names=[page.title, *[d.title for d in members]],
        )

    def related_keys(self, page):
        # Its sessions are shown with it; its delegates' documents name the station.
        sessions = ReceptionSession.objects.filter(station=page).values_list("pk", flat=True)
        members = StationMembership.objects.filter(station=page).values_list(
            "delegate_id", flat=True
        )
        return [*(f"reception:{pk}" for pk in sessions), *(f"page:{pk}" for pk in members)]


@registry.register
class ReceptionDocument(DocumentSource):
    """接访安排: one document per reception session of a live, public station."""

    prefix = "reception"
    kind = "reception"
    model = ReceptionSession

    def queryset(self):
        return (
            ReceptionSession.objects.visible().select_related("station__street").with_duty_roster()
        )

    def build(self, session, context):
        station = session.station
        delegates = [d.title for d in session.delegates.all()]
        when = timezone.localtime(session.start)
        title = f"{station.title}{when:%Y年%m月%d日}接访安排"
        if session.topic:
            title += f"：{session.topic}"
        return SearchDoc(
            key=self.key(session),
            kind=self.kind,
            title=title,
            url=station.get_url() or station.url_path,
            summary=(
                f"{when:%Y-%m-%d %H:%M} {session.display_place} 接访代表：{'、'.join(delegates)}"
            ),
            # The topic is in the title already: counted again as a one-line body it would rank
            # a reception schedule above the texts that explain the topic.
            body=" ".join(filter(None, [session.issues_raised, session.handling])),
            date=session.start,
            street=station.street.name,
            station=station.title,
            names=delegates,
            breadcrumb=[*context.breadcrumb(station), station.title],
        )
