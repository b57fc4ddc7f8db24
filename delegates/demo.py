"""Demo delegates and stations for `seed_demo`: the 8 streets/towns of the fictional 江滨区
(near Huzhou, Zhejiang), 38 stations, ~170 delegates of mixed levels, two years of performance
records, past and upcoming receptions, star histories and 述职报告 — with a few stations
deliberately stale or missing a disclosure, as a real district would have.

Deterministic (seeded) and idempotent: if the directory already has delegates, nothing is added.
Dates are relative to today so that the staleness rules show what they are meant to show."""

import datetime
import random
from decimal import Decimal

from django.utils import timezone
from wagtail.rich_text import RichText

from home.demo import text
from home.demo.media import demo_image, demo_pdf

from .choices import Level, RecordKind, StationKind, StationRole, StreetKind
from .liaisons import ensure_liaison_group
from .models import (
    DelegateIndexPage,
    DelegatePage,
    DelegateRole,
    DelegationGroup,
    PerformanceRecord,
    PointsRule,
    ReceptionSession,
    StarAssessment,
    StationCommunity,
    StationIndexPage,
    StationMembership,
    StationPage,
    StationPhoto,
    StationRuleDocument,
    Street,
)

# (street, centre latitude, centre longitude, number of stations) — WGS-84, around 30.87N 120.09E.
STREET_GEOMETRY = [
    (30.8725, 120.1121, 5),
    (30.8682, 120.0683, 5),
    (30.8513, 120.0921, 5),
    (30.8934, 120.0894, 5),
    (30.8791, 120.0952, 5),
    (30.8262, 120.1315, 5),
    (30.9183, 120.1484, 4),
    (30.9051, 120.0213, 4),
]
STEMS_A = "金银长新清明春青云丰和安福兴宁瑞康德华荣"
STEMS_B = "桥湖山苑港塘溪园湾岭"
SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田"
    "董袁潘蒋蔡余杜叶程苏魏吕丁沈"
)
GIVEN = [
    "建国",
    "秀兰",
    "志强",
    "丽华",
    "海涛",
    "文静",
    "国栋",
    "雪梅",
    "晓燕",
    "子平",
    "红梅",
    "伟民",
    "桂英",
    "明辉",
    "春燕",
    "永康",
    "佳怡",
    "振华",
    "玉兰",
    "建平",
    "立新",
    "慧敏",
    "德胜",
    "晓东",
    "淑芬",
    "宏伟",
    "丽娟",
    "国强",
    "美玲",
    "学军",
    "亚平",
    "俊杰",
    "婷婷",
    "卫东",
    "静怡",
    "成林",
    "海燕",
    "志刚",
    "晓梅",
    "少华",
]
UNITS = [
    "{street}{community}社区党委书记",
    "{street}中心小学校长",
    "江滨区人民医院主任医师",
    "浙江江滨纺织有限公司总经理",
    "{street}农业专业合作社理事长",
    "江滨区律师协会副会长",
    "{street}卫生院院长",
    "湖州江滨物流有限公司职工",
    "{street}{community}股份经济合作社董事长",
    "江滨区第一中学教师",
    "江滨区市场监督管理局科员",
    "江滨新材料科技有限公司工程师",
    "{street}党工委副书记",
    "个体工商户",
    "{street}养老服务中心主任",
]
PROFESSIONAL_GROUPS = [
    "财政经济专业小组",
    "社会建设专业小组",
    "城乡建设环境保护专业小组",
    "教育科学文化卫生专业小组",
    "法制专业小组",
    "",
]
RECORD_TITLES = {
    RecordKind.MEETING: ["出席区{term}人民代表大会第{n}次会议", "列席区人大常委会第{n}次会议"],
    RecordKind.INSPECTION: ["参加{topic}专题视察", "视察{street}{topic}项目"],
    RecordKind.SURVEY: ["参加{topic}专题调研", "开展{topic}情况走访调研"],
    RecordKind.ENFORCEMENT: ["参加{law}执法检查"],
    RecordKind.RECEPTION: ["在联络站接待选民，收集{topic}方面意见建议", "参加“代表接待日”活动"],
    RecordKind.SUGGESTION: ["提出关于{topic}的建议", "领衔提出关于加强{topic}的议案"],
    RecordKind.DUTY_REPORT: ["向选民述职并接受评议"],
    RecordKind.TRAINING: ["参加区人大代表履职能力培训班", "参加{topic}专题学习"],
    RecordKind.SERVICE: ["牵头推进{topic}民生实事", "协调解决{community}居民{topic}问题"],
}
KIND_WEIGHTS = [
    (RecordKind.MEETING, 3),
    (RecordKind.INSPECTION, 2),
    (RecordKind.SURVEY, 2),
    (RecordKind.ENFORCEMENT, 1),
    (RecordKind.RECEPTION, 4),
    (RecordKind.SUGGESTION, 2),
    (RecordKind.TRAINING, 1),
    (RecordKind.SERVICE, 2),
]
POINTS_RULES = [
    (RecordKind.MEETING, "2", "20", "出席、列席人大会议"),
    (RecordKind.INSPECTION, "3", "15", "参加视察"),
    (RecordKind.SURVEY, "3", "15", "参加专题调研"),
    (RecordKind.ENFORCEMENT, "3", "12", "参加执法检查"),
    (RecordKind.RECEPTION, "4", "24", "进站接待选民，每月不少于一次"),
    (RecordKind.SUGGESTION, "5", "25", "提出建议、批评和意见或议案"),
    (RecordKind.DUTY_REPORT, "10", "10", "向原选区选民述职"),
    (RecordKind.TRAINING, "1", "6", "参加履职学习培训"),
    (RecordKind.SERVICE, "5", "20", "为民办实事项目"),
]
RULES_HTML = (
    "<h3>人大代表联络站工作制度</h3><ol>"
    "<li>代表接待选民制度：进站代表每月至少进站接待选民一次，接访安排提前一周向社会公布。</li>"
    "<li>选民意见建议处理制度：收集的意见建议实行登记、研判、交办、督办、反馈闭环管理。</li>"
    "<li>代表履职登记制度：代表参加视察、调研、执法检查、接访等活动如实登记，纳入履职档案。</li>"
    "<li>代表述职制度：进站代表每年向选民述职一次，接受选民评议。</li>"
    "<li>“五上墙”公开制度：代表名录、接访安排、规章制度、履职情况、述职报告及时公开更新。</li>"
    "</ol>"
)
# Stations (by index) that are deliberately behind on one disclosure.
NO_UPCOMING, SHORT_NOTICE, RULES_OLD, NO_RULES, NO_DUTY_REPORTS, STALE_RECORDS = (
    3,
    9,
    14,
    21,
    27,
    33,
)


def ensure_reference_data():
    streets = []
    for index, (name, (lat, lng, _n)) in enumerate(zip(text.STREETS, STREET_GEOMETRY, strict=True)):
        kind = StreetKind.TOWN if name.endswith("镇") else StreetKind.STREET
        body = f"{name}人大{'主席团' if kind == StreetKind.TOWN else '工委'}"
        street, _ = Street.objects.update_or_create(
            name=name,
            defaults={
                "kind": kind,
                "body_name": body,
                "latitude": lat,
                "longitude": lng,
                "sort_order": index,
            },
        )
        DelegationGroup.objects.get_or_create(
            name=f"{name}代表团", defaults={"street": street, "sort_order": index}
        )
        streets.append(street)
    for kind, points, cap, note in POINTS_RULES:
        PointsRule.objects.get_or_create(
            kind=kind,
            defaults={"points": Decimal(points), "yearly_cap": Decimal(cap), "note": note},
        )
    return streets


def ensure_indexes(home):
    station_index = StationIndexPage.objects.first()
    if station_index is None:
        station_index = StationIndexPage(
            title="联络站",
            slug="stations",
            show_in_menus=True,
            intro="人大代表联络站（代表之家、代表工作室）是代表联系群众的固定场所。"
            "每个站点公开代表名录、接访安排、规章制度、履职情况和述职报告（“五上墙”）。",
        )
        home.add_child(instance=station_index)
    delegate_index = DelegateIndexPage.objects.first()
    if delegate_index is None:
        delegate_index = DelegateIndexPage(
            title="代表名录",
            slug="delegates",
            show_in_menus=True,
            intro=f"{text.DISTRICT}各级人大代表的基本情况、所在联络站和履职档案。",
        )
        home.add_child(instance=delegate_index)
    return station_index, delegate_index


def _names(rng, count):
    pool = [s + g for s in SURNAMES for g in GIVEN]
    rng.shuffle(pool)
    names = list(text.PEOPLE) + [n for n in pool if n not in text.PEOPLE]
    return names[:count]


def _communities(rng):
    stems = [a + b for a in STEMS_A for b in STEMS_B]
    rng.shuffle(stems)
    return stems


def populate(home, columns=None, seed: int = 2025) -> dict:
    """Create the demo stations and delegates unless they already exist."""
    streets = ensure_reference_data()
    station_index, delegate_index = ensure_indexes(home)
    if DelegatePage.objects.exists():
        return {"stations": 0, "delegates": 0}
    rng = random.Random(seed)
    now = timezone.now()
    today = timezone.localdate()
    groups = {g.street_id: g for g in DelegationGroup.objects.all()}
    stems = _communities(rng)
    rules_pdf = demo_pdf(
        "人大代表联络站工作制度（范本）", [RULES_HTML.replace("<li>", "").replace("</li>", "")]
    )

    # Stations ------------------------------------------------------------------------------
    stations = []
    community_names = {}
    for s_index, (street, (lat0, lng0, count)) in enumerate(
        zip(streets, STREET_GEOMETRY, strict=True)
    ):
        town = street.kind == StreetKind.TOWN
        for n in range(count):
            i = len(stations)
            covered = [stems.pop() + ("村" if town else "社区") for _ in range(rng.randint(3, 5))]
            if n == 0:
                title = f"{street.name}人大代表之家"
                kind = StationKind.HOME
                lat, lng = lat0, lng0
            else:
                title = f"{street.name}{covered[0]}人大代表联络站"
                kind = StationKind.STUDIO if n == count - 1 else StationKind.STATION
                lat = lat0 + rng.uniform(-0.014, 0.014)
                lng = lng0 + rng.uniform(-0.016, 0.016)
            road = rng.choice(["人民路", "解放路", "文昌路", "湖滨路", "建设路", "青石路", "南街"])
            code = f"JB-{s_index + 1:02d}-{n + 1:02d}"
            station = StationPage(
                title=title,
                slug=code.lower(),
                code=code,
                kind=kind,
                street=street,
                address=f"浙江省{text.DISTRICT}{street.name}{road}{rng.randint(1, 399)}号"
                f"{covered[0]}{'村委会' if town else '党群服务中心'}{rng.randint(1, 3)}楼",
                latitude=round(lat, 6),
                longitude=round(lng, 6),
                opening_hours=rng.choice(
                    ["工作日 8:30-11:30，13:30-17:00", "周一至周五 9:00-17:00", "工作日 8:30-17:00"]
                ),
                phone=f"0572-{rng.randint(2100000, 2999999)}",
                liaison_name=rng.choice(SURNAMES) + rng.choice(GIVEN),
                liaison_phone=f"1{rng.choice('3589')}{rng.randint(100000000, 999999999)}",
                intro=f"{title}覆盖{'、'.join(covered)}，是代表联系选民、收集社情民意的固定场所。",
                rules="" if i == NO_RULES else RULES_HTML,
                rules_reviewed_on=None
                if i == NO_RULES
                else today
                - datetime.timedelta(days=420 if i == RULES_OLD else rng.randint(20, 200)),
                has_sign=True,
                has_staff=True,
                has_rules=i != NO_RULES,
                has_facilities=rng.random() > 0.1,
                has_activities=rng.random() > 0.15,
                has_effect=rng.random() > 0.25,
                show_in_menus=False,
            )
            station_index.add_child(instance=station)
            for k, name in enumerate(covered):
                StationCommunity.objects.create(
                    station=station,
                    name=name,
                    sort_order=k,
                    latitude=round(lat + rng.uniform(-0.006, 0.006), 6),
                    longitude=round(lng + rng.uniform(-0.007, 0.007), 6),
                )
            community_names[station.pk] = covered
            if i != NO_RULES:
                StationRuleDocument.objects.create(
                    station=station, document=rules_pdf, title="人大代表联络站工作制度"
                )
            if n == 0:
                image = demo_image(f"{title}外景", f"{title}外景", rng)
                StationPhoto.objects.create(station=station, image=image, caption="站点外景")
            stations.append(station)

    # Delegates -----------------------------------------------------------------------------
    names = _names(rng, 172)
    delegates = []
    memberships = []
    assignment = []
    for d_index, name in enumerate(names):
        station = stations[d_index % len(stations)]
        town = station.street.kind == StreetKind.TOWN
        community = rng.choice(community_names[station.pk])
        roles = []
        if town and d_index % 5 == 0:
            roles.append((Level.TOWNSHIP, "第十八届", datetime.date(2021, 12, 10)))
        else:
            roles.append((Level.COUNTY, text.TERM, datetime.date(2021, 12, 20)))
            if town and d_index % 3 == 0:
                roles.append((Level.TOWNSHIP, "第十八届", datetime.date(2021, 12, 10)))
        if d_index % 11 == 0:
            roles.append((Level.CITY, "第十六届", datetime.date(2022, 1, 15)))
        if d_index in (5, 48, 97, 130):
            roles.append((Level.PROVINCIAL, "第十四届", datetime.date(2023, 1, 15)))
        if d_index == 0:
            roles.append((Level.NATIONAL, "第十四届", datetime.date(2023, 3, 5)))
        delegate = DelegatePage(
            title=name,
            slug=f"d{d_index + 1:04d}",
            code=f"JBD-{d_index + 1:04d}",
            gender="f"
            if name[-2:]
            in {
                "秀兰",
                "丽华",
                "文静",
                "雪梅",
                "晓燕",
                "红梅",
                "桂英",
                "春燕",
                "佳怡",
                "玉兰",
                "慧敏",
                "淑芬",
                "丽娟",
                "美玲",
                "婷婷",
                "静怡",
                "海燕",
                "晓梅",
            }
            else "m",
            unit_position=rng.choice(UNITS).format(street=station.street.name, community=community),
            delegation_group=groups[station.street_id],
            professional_group=rng.choice(PROFESSIONAL_GROUPS),
            bio=f"{name}，{text.DISTRICT}{station.street.name}人，长期扎根基层，"
            f"关注{rng.choice(text.TOPICS)}和{rng.choice(text.TOPICS)}等民生问题。",
        )
        for order, (level, term, start) in enumerate(roles):
            delegate.roles.add(
                DelegateRole(
                    level=level,
                    term=term,
                    constituency=f"第{rng.randint(1, 60)}选区" if level == Level.COUNTY else "",
                    start_date=start,
                    sort_order=order,
                )
            )
        if d_index % 9 == 4:  # served in the previous term too
            delegate.roles.add(
                DelegateRole(
                    level=Level.COUNTY,
                    term="第十五届",
                    constituency=f"第{rng.randint(1, 60)}选区",
                    start_date=datetime.date(2016, 12, 18),
                    end_date=datetime.date(2021, 12, 19),
                    sort_order=9,
                )
            )
        delegate_index.add_child(instance=delegate)
        delegates.append(delegate)
        assignment.append(station)
        position = sum(1 for s in assignment if s.pk == station.pk)
        role = StationRole.HEAD if position == 1 else StationRole.MEMBER
        memberships.append(
            StationMembership(station=station, delegate=delegate, role=role, sort_order=position)
        )
        if d_index % 17 == 0:  # a few delegates also sit in a second station
            other = stations[(d_index + 7) % len(stations)]
            memberships.append(StationMembership(station=other, delegate=delegate, sort_order=99))
    StationMembership.objects.bulk_create(memberships)
    members_of = {}
    for m in memberships:
        members_of.setdefault(m.station.pk, []).append(m.delegate)
    stale_ids = {d.pk for d in members_of[stations[STALE_RECORDS].pk]}
    no_report_ids = {d.pk for d in members_of[stations[NO_DUTY_REPORTS].pk]}
    for m in memberships:
        if m.station.pk == stations[NO_DUTY_REPORTS].pk and m.sort_order == 99:
            no_report_ids.discard(m.delegate.pk)

    # Performance records over this year and last ---------------------------------------------
    records = []
    kinds = [k for k, w in KIND_WEIGHTS for _ in range(w)]
    for delegate, station in zip(delegates, assignment, strict=True):
        for year in (today.year - 1, today.year):
            last_day = today if year == today.year else datetime.date(year, 12, 31)
            if delegate.pk in stale_ids:
                last_day = min(last_day, today - datetime.timedelta(days=130))
            span = (last_day - datetime.date(year, 1, 1)).days
            if span <= 0:
                continue
            for _ in range(rng.randint(4, 13) if year < today.year else rng.randint(2, 9)):
                kind = rng.choice(kinds)
                template = rng.choice(RECORD_TITLES[kind])
                records.append(
                    PerformanceRecord(
                        delegate=delegate,
                        date=datetime.date(year, 1, 1)
                        + datetime.timedelta(days=rng.randint(0, span)),
                        kind=kind,
                        title=template.format(
                            term=text.TERM,
                            n=text.congress_session(year)
                            if "人民代表大会" in template
                            else rng.randint(1, 6),
                            topic=rng.choice(text.TOPICS),
                            street=station.street.name,
                            law=rng.choice(text.LAWS),
                            community=rng.choice(community_names[station.pk]),
                        ),
                    )
                )
    PerformanceRecord.objects.bulk_create(records)

    # Reception sessions ------------------------------------------------------------------------
    DutyMembers = DelegatePage.reception_sessions.through  # noqa: N806
    duty = []
    for i, station in enumerate(stations):
        members = members_of.get(station.pk, [])
        base = timezone.localtime(now + datetime.timedelta(days=rng.randint(0, 4))).replace(
            hour=9, minute=0, second=0, microsecond=0
        )
        plan = [(-14 * k) for k in range(1, 8)]  # past: every two weeks
        if i == NO_UPCOMING:
            pass
        elif i == SHORT_NOTICE:
            plan += [2]
        else:
            plan += [9, 23]
        for offset in plan:
            start = base + datetime.timedelta(days=offset)
            if offset > 0 and i == SHORT_NOTICE:
                announced = now - datetime.timedelta(hours=20)
            elif offset > 0:
                announced = min(
                    now - datetime.timedelta(days=1), start - datetime.timedelta(days=12)
                )
            else:
                announced = start - datetime.timedelta(days=rng.randint(7, 12))
            past = offset < 0
            session = ReceptionSession.objects.create(
                station=station,
                start=start,
                end=start + datetime.timedelta(hours=rng.choice([2, 3])),
                topic=rng.choice(text.TOPICS) if rng.random() > 0.3 else "",
                people_received=rng.randint(3, 28) if past else None,
                issues_raised=f"群众反映{rng.choice(text.TOPICS)}、{rng.choice(text.TOPICS)}等问题"
                f"{rng.randint(2, 9)}件。"
                if past
                else "",
                handling=f"已当场答复 {rng.randint(1, 3)} 件，其余已登记并交办相关部门，"
                "按“收集、研判、交办、督办、反馈”流程跟踪办理。"
                if past
                else "",
                announced_at=announced,
                capacity=12 if offset > 0 else None,  # 约访: places residents may book
            )
            for delegate in rng.sample(members, min(len(members), 2)):
                duty.append(
                    DutyMembers(receptionsession_id=session.pk, delegatepage_id=delegate.pk)
                )
    DutyMembers.objects.bulk_create(duty)

    # Star histories ---------------------------------------------------------------------------
    stars = []
    for i, station in enumerate(stations):
        level = rng.randint(2, 4)
        day = datetime.date(today.year - 2, 12, rng.randint(10, 28))
        stars.append(StarAssessment(station=station, date=day, stars=level, reason="首次星级评定"))
        for year in (today.year - 1, today.year):
            if year == today.year and today.month < 3:
                break
            change = rng.choice([-1, 0, 1, 1]) if i not in (RULES_OLD, NO_RULES) else -1
            level = max(1, min(5, level + change))
            reason = {
                1: "年度考核优秀，接访活动规范、群众满意度高，升一星",
                0: "年度考核合格，保持星级",
                -1: "“五上墙”内容更新不及时、接访活动不足，降一星",
            }[change]
            stars.append(
                StarAssessment(
                    station=station,
                    date=datetime.date(year, 1 if year == today.year else 12, 15),
                    stars=level,
                    reason=reason,
                )
            )
    StarAssessment.objects.bulk_create(stars)

    # Duty reports (述职报告), linked to the delegates ---------------------------------------------
    reports = 0
    if columns and "work-reports" in columns:
        reports = _duty_reports(columns["work-reports"], delegates, no_report_ids, rng, now)

    for station in stations:
        ensure_liaison_group(station)
    return {"stations": len(stations), "delegates": len(delegates), "duty_reports": reports}


def _duty_reports(column, delegates, excluded, rng, now):
    from news.choices import ReportKind
    from news.models import ReportPage

    by_name = {d.title: d for d in delegates}
    # The news demo already has some duty reports written by name: link them.
    for report in ReportPage.objects.filter(report_kind=ReportKind.DUTY, delegate__isnull=True):
        delegate = by_name.get(report.issuing_body.removesuffix("代表"))
        if delegate:
            ReportPage.objects.filter(pk=report.pk).update(delegate=delegate)
    created = 0
    for index, delegate in enumerate(delegates):
        if delegate.pk in excluded or index == 40:  # one more delegate who has not reported
            continue
        date = now - datetime.timedelta(days=rng.randint(20, 300), hours=rng.randint(0, 8))
        topic = rng.choice(text.TOPICS)
        page = ReportPage(
            title=f"{delegate.title}代表{date.year}年度履职情况述职报告",
            slug=f"duty-{delegate.code.lower()}-{date.year}",
            date=date,
            report_kind=ReportKind.DUTY,
            year=date.year,
            issuing_body=f"{delegate.title}代表",
            delegate=delegate,
            editor="代表工作委员会",
            summary=f"{delegate.title}代表向选民报告一年来参加会议、视察调研、进站接访和"
            f"推动{topic}等方面的履职情况。",
            body=[
                (
                    "paragraph",
                    RichText(
                        f"<p>各位选民：一年来，我认真参加区人民代表大会会议和代表联组活动，"
                        f"每月进站接待选民，围绕{topic}开展调研，"
                        f"提出建议{rng.randint(1, 4)}件。</p>"
                    ),
                )
            ],
            live=True,
            first_published_at=date,
            last_published_at=date,
        )
        column.add_child(instance=page)
        created += 1
    return created


def home_links() -> dict:
    """Quick-entry targets on the home page for the delegates' features."""
    station_index = StationIndexPage.objects.first()
    delegate_index = DelegateIndexPage.objects.first()
    links = {}
    if station_index:
        base = station_index.url or "/stations/"
        for label, route in (
            ("找联络站", "locator"),
            ("五上墙公开", "overview"),
            ("接访安排", "receptions"),
        ):
            links[label] = {"page": None, "url": base + station_index.reverse_subpage(route)}
    if delegate_index:
        links["找代表"] = {"page": delegate_index, "url": ""}
    return links
