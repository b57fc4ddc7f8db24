"""Demo suggestions for `manage.py seed_demo`: a session of the congress and the interval after
it, about thirty suggestions, motions and criticisms in every status (提出 → 交办 → 答复 → 测评 →
办结, and overdue ones), led and co-signed by demo delegates, assigned to the demo handling
bodies, some with replies; and three drafts that are not published. Dates are relative to
today so the statuses stay true. Running it again changes nothing."""

import datetime

from django.utils import timezone

from delegates.models import DelegatePage
from voices.demo import BODIES
from voices.models import HandlingBody, OpinionTopic

from .models import (
    BodyRole,
    CongressSession,
    Kind,
    Satisfaction,
    SuggestionBody,
    SuggestionCosigner,
    SuggestionIndexPage,
    SuggestionPage,
)

SUBJECTS = (
    ("城市建设", "加快老旧小区加装电梯"),
    ("交通出行", "优化中心城区公交线路"),
    ("养老服务", "扩大社区老年食堂覆盖面"),
    ("环境卫生", "完善垃圾分类收运体系"),
    ("教育医疗", "增加社区卫生服务站周末门诊"),
    ("物业管理", "推动老旧小区引入物业服务"),
    ("城市建设", "整治背街小巷路面破损"),
    ("交通出行", "在学校周边增设护学岗和临时停车区"),
    ("养老服务", "发展居家养老上门服务"),
    ("环境卫生", "治理河道沿岸污水直排"),
    ("教育医疗", "缓解城区小学学位紧张"),
    ("城市建设", "增建社区口袋公园"),
    ("交通出行", "规范非机动车停放管理"),
    ("养老服务", "推进适老化改造"),
    ("环境卫生", "减少餐饮油烟扰民"),
)
STAGES = ("submitted", "assigned", "overdue", "answered", "rated", "closed")
RATINGS = (Satisfaction.SATISFIED, Satisfaction.BASICALLY, Satisfaction.UNSATISFIED)
REPLY = (
    "<p>{delegate}代表：</p><p>您提出的《{title}》收悉。我局高度重视，经调查研究，答复如下：</p>"
    "<p>一、已将该事项列入年度重点工作，制定实施方案并明确责任科室。</p>"
    "<p>二、目前已完成前期摸底，计划分批推进，预计年内完成首批任务。</p>"
    "<p>感谢您对我区工作的关心和支持。</p>"
)


def ensure_sessions(today):
    sitting, _created = CongressSession.objects.get_or_create(
        name="第十六届人民代表大会第五次会议",
        defaults={
            "short_name": "十六届五次",
            "term": 16,
            "sitting": 5,
            "opened_on": today - datetime.timedelta(days=300),
        },
    )
    interim, _created = CongressSession.objects.get_or_create(
        name=f"第十六届人大闭会期间（{sitting.opened_on.year}）",
        defaults={
            "short_name": "十六届闭会期间",
            "term": 16,
            "sitting": None,
            "opened_on": sitting.opened_on + datetime.timedelta(days=5),
        },
    )
    return sitting, interim


def ensure_index(home):
    index = SuggestionIndexPage.objects.first()
    if index is None:
        index = SuggestionIndexPage(
            title="代表建议",
            slug="suggestions",
            show_in_menus=True,
            intro="<p>人大代表在代表大会期间和闭会期间提出的议案、建议、批评和意见，"
            "以及承办单位的办理和答复情况。</p>",
        )
        home.add_child(instance=index)
        index.save_revision().publish()
    return index


def _milestones(stage, start, today, n):
    """The milestone dates (and rating) of a suggestion at `stage` submitted on `start`."""
    assigned = start + datetime.timedelta(days=20)
    dates = {"submitted_on": start}
    if stage == "submitted":
        return dates
    dates["assigned_on"] = assigned
    if stage == "assigned":
        dates["due_on"] = today + datetime.timedelta(days=30 + n)
        return dates
    if stage == "overdue":
        dates["due_on"] = today - datetime.timedelta(days=5 + n)
        return dates
    dates["due_on"] = assigned + datetime.timedelta(days=90)
    # Most are answered in time, every fourth a little late.
    late = 10 if n % 4 == 0 else -30
    dates["answered_on"] = min(dates["due_on"] + datetime.timedelta(days=late), today)
    if stage in ("rated", "closed"):
        dates["rated_on"] = min(dates["answered_on"] + datetime.timedelta(days=15), today)
        dates["satisfaction"] = RATINGS[(n // 6) % len(RATINGS)]
    if stage == "closed":
        dates["closed_on"] = min(dates["rated_on"] + datetime.timedelta(days=5), today)
    return dates


def populate(home) -> int:
    """Add the demo suggestions; none when suggestions exist or there are no demo delegates."""
    delegates = list(DelegatePage.objects.live().order_by("path")[:24])
    if SuggestionPage.objects.exists() or not delegates:
        return 0
    today = timezone.localdate()
    index = ensure_index(home)
    sitting, interim = ensure_sessions(today)
    bodies = [
        HandlingBody.objects.get_or_create(name=name, defaults={"contact_phone": phone})[0]
        for name, phone in BODIES
    ]
    created = 0
    for n in range(33):
        topic_name, subject = SUBJECTS[n % len(SUBJECTS)]
        session = sitting if n < 20 else interim
        stage = STAGES[n % len(STAGES)]
        kind = Kind.MOTION if n % 10 == 3 else Kind.CRITICISM if n % 10 == 7 else Kind.SUGGESTION
        start = session.opened_on + datetime.timedelta(days=n % 5 + (0 if n < 20 else 30 + n))
        lead = delegates[n % len(delegates)]
        number = (
            f"第十六届第5次会议第{n + 1:03d}号"
            if session is sitting
            else f"十六届闭会第{n - 19:03d}号"
        )
        title = f"关于{subject}的{Kind(kind).label}"
        if n >= 15:
            title = f"关于进一步{subject}的{Kind(kind).label}"
        fields = _milestones(stage, start, today, n)
        page = SuggestionPage(
            title=title,
            slug=f"s-{n + 1:03d}",
            number=number,
            kind=kind,
            session=session,
            topic=OpinionTopic.objects.get_or_create(name=topic_name)[0],
            lead_delegate=lead,
            lead_delegate_name=lead.title,
            text=f"<p>近年来，{subject}问题群众反映较多。</p><p>建议有关部门统筹规划、"
            f"加大投入、明确时限，切实解决群众关切。</p>",
            live=False,
            **fields,
        )
        if "answered_on" in fields:
            page.reply = REPLY.format(delegate=lead.title, title=title)
        for k in (1, 2):
            cosigner = delegates[(n + k * 5) % len(delegates)]
            page.cosigners.add(SuggestionCosigner(delegate=cosigner, name=cosigner.title))
        if stage != "submitted":
            page.bodies.add(SuggestionBody(body=bodies[n % len(bodies)], role=BodyRole.LEAD))
            if n % 3 == 0:
                assist = bodies[(n + 1) % len(bodies)]
                page.bodies.add(SuggestionBody(body=assist, role=BodyRole.ASSIST))
        index.add_child(instance=page)
        revision = page.save_revision()
        if n < 30:  # the last three stay drafts, never published
            revision.publish()
        created += 1
    return created
