"""Demo letters for `manage.py seed_demo`: a dozen opinions at the first demo stations, in every
state of the loop (收集→研判→交办→督办→反馈), so the station figures, the public answers, the
admin inbox and the overdue dashboard have something true to show. They go through
voices.workflow like real ones, then their dates are moved back to spread them over the past
weeks. Senders are invented and give no e-mail address, so no mail leaves."""

import datetime
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _

from . import publication, workflow
from .choices import EventKind, Rating, Verification
from .models import (
    HandlingBody,
    Opinion,
    OpinionEvent,
    OpinionSender,
    OpinionTopic,
    new_token,
)
from .submission import text_digest
from .workdays import add_working_days

BODIES = (
    ("区住房和城乡建设局", "0000-86001001"),
    ("区城市管理局", "0000-86001002"),
    ("区交通运输局", "0000-86001003"),
    ("区民政局", "0000-86001004"),
)


@dataclass(frozen=True)
class Letter:
    topic: str
    text: str
    community: str
    name: str
    days_ago: int
    stage: str  # received | declined | assigned | answered | closed
    body: int = 0
    answer: str = ""
    rating: str = ""
    publish: bool = False


LETTERS = (
    Letter(
        "城市建设",
        "小区3号楼前的路灯坏了三个月，晚上老人出行很不方便，希望尽快修复。",
        "东风社区",
        "王建国",
        40,
        "closed",
        body=1,
        answer="经区城市管理局现场核查，路灯线路老化，已于本周更换线路和灯具，恢复照明。",
        rating=Rating.SATISFIED,
        publish=True,
    ),
    Letter(
        "交通出行",
        "学校门口上下学时段车辆乱停，孩子过马路很危险，建议增设护学岗和临时停车区。",
        "新华社区",
        "李秀英",
        33,
        "closed",
        body=2,
        answer="交通部门已在学校东侧增设临时停车区，上下学时段安排护学岗，并施划斑马线。",
        rating=Rating.BASICALLY,
        publish=True,
    ),
    Letter(
        "养老服务",
        "社区老年食堂只供应午餐，希望增加晚餐，方便独居老人。",
        "和平社区",
        "张桂兰",
        27,
        "answered",
        body=3,
        answer="区民政局已与食堂运营方商定，下月起试点供应晚餐，先面向80岁以上独居老人。",
        publish=True,
    ),
    Letter(
        "环境卫生",
        "菜市场旁垃圾分类点每天下午就满了，气味很大，建议增加清运次数。",
        "河畔社区",
        "刘志强",
        21,
        "closed",
        body=1,
        answer="已将该点位清运调整为每日两次（上午10时、下午4时），并增设两组分类桶。",
        rating=Rating.SATISFIED,
        publish=True,
    ),
    Letter(
        "物业管理",
        "老旧小区没有物业，楼道堆物严重，存在消防隐患，希望引入物业服务。",
        "东风社区",
        "陈玉梅",
        45,
        "assigned",
        body=0,
    ),
    Letter(
        "城市建设",
        "老旧小区加装电梯的补贴政策和申请流程不清楚，希望有人来讲解。",
        "新华社区",
        "杨文华",
        12,
        "assigned",
        body=0,
    ),
    Letter(
        "教育医疗",
        "社区卫生服务站周末不开门，老人配药要跑很远，建议周末安排半天门诊。",
        "和平社区",
        "赵淑珍",
        6,
        "received",
    ),
    Letter(
        "其他",
        "邻居家装修噪音很大，能否帮忙协调？",
        "河畔社区",
        "周明",
        15,
        "declined",
    ),
)
DECLINE_REASON = (
    "邻里装修噪音属于物业和社区调解事项，已告知来信人可向社区居委会申请调解，"
    "联络站不作为代表意见交办。"
)


def populate(stations) -> int:
    """Add the demo letters to `stations` (the first few demo stations); none when letters exist."""
    if Opinion.objects.exists() or not stations:
        return 0
    bodies = [
        HandlingBody.objects.get_or_create(name=name, defaults={"contact_phone": phone})[0]
        for name, phone in BODIES
    ]
    now = timezone.now()
    for i, letter in enumerate(LETTERS):
        opinion = _write(letter, stations[i % len(stations)])
        _handle(opinion, letter, bodies)
        _move_back(opinion, now - datetime.timedelta(days=letter.days_ago))
    return len(LETTERS)


def _write(letter: Letter, station) -> Opinion:
    topic = OpinionTopic.objects.get_or_create(name=letter.topic)[0]
    opinion = Opinion.objects.create(
        topic=topic,
        text=letter.text,
        community=letter.community,
        station=station,
        publish_consent=letter.publish,
        verification=Verification.EMAIL,
        form_token=new_token(),
        text_hash=text_digest(letter.text),
    )
    OpinionSender.objects.create(opinion=opinion, name=letter.name, mobile="13800000000")
    OpinionEvent.objects.create(
        opinion=opinion, kind=EventKind.SUBMITTED, public_text=_("您的意见已提交。"), by_sender=True
    )
    return workflow.confirm(opinion)[0]


def _handle(opinion: Opinion, letter: Letter, bodies) -> None:
    if letter.stage == "received":
        return
    if letter.stage == "declined":
        workflow.decline(opinion, None, DECLINE_REASON)
        return
    workflow.accept(opinion, None)
    workflow.assign(opinion, None, body=bodies[letter.body])
    if letter.stage == "assigned":
        return
    workflow.start(opinion, None)
    workflow.answer(opinion, None, letter.answer)
    if letter.rating:
        workflow.rate(opinion, letter.rating)
    if letter.publish:
        publication.publish(opinion, None, publication.suggested_summary(opinion))


def _move_back(opinion: Opinion, start: datetime.datetime) -> None:
    """Spread the opinion's steps over the days after `start`, one every two days (the answer
    comes about ten days after the letter), so the figures read like real work."""
    events = list(opinion.events.order_by("pk"))
    for step, event in enumerate(events):
        event.created_at = start + datetime.timedelta(days=2 * step, hours=1)
    OpinionEvent.objects.bulk_update(events, ["created_at"])
    moved = {"created_at": start, "confirmed_at": start + datetime.timedelta(hours=1)}
    by_kind = {event.kind: event.created_at for event in events}
    if EventKind.ASSIGNED in by_kind:
        assigned_on = timezone.localdate(by_kind[EventKind.ASSIGNED])
        moved |= {"assigned_on": assigned_on, "due_date": add_working_days(assigned_on, 15)}
    if EventKind.ANSWERED in by_kind:
        moved |= {"answered_at": by_kind[EventKind.ANSWERED]}
        moved |= {"first_answered_at": by_kind[EventKind.ANSWERED]}
    if EventKind.CLOSED in by_kind:
        moved |= {"closed_at": by_kind[EventKind.CLOSED]}
    if opinion.published_at:
        moved |= {"published_at": events[-1].created_at}
    Opinion.objects.filter(pk=opinion.pk).update(**moved)
