"""Believable Chinese text for the demo site, in the vocabulary of the seed documents.

Deterministic: every generator takes a `random.Random`, so the same seed yields the same site."""

import random

DISTRICT = "江滨区"
CONGRESS = f"{DISTRICT}人大常委会"
TERM = "第十六届"
# The 第十六届 congress was elected in December 2021; its n-th annual session (人代会) meets
# early in year 2021 + n (1st session 2022, 5th session 2026).
TERM_ELECTED_YEAR = 2021


def congress_session(year: int) -> int:
    """The number of this term's annual congress session held in `year`."""
    return max(1, year - TERM_ELECTED_YEAR)


STREETS = ["东城街道", "西湖街道", "南门街道", "北山街道", "新华街道", "城关镇", "河口镇", "青石镇"]

TOPICS = [
    "老旧小区改造",
    "城市更新",
    "居家社区养老服务",
    "义务教育优质均衡发展",
    "生态环境保护",
    "优化营商环境",
    "农村人居环境整治",
    "生活垃圾分类",
    "食品安全",
    "基层社会治理",
    "就业创业促进",
    "基层医疗卫生服务",
    "民生实事项目推进",
    "预算执行",
    "国有资产管理",
    "河长制落实",
    "校园周边交通安全",
    "住宅小区物业管理",
    "非物质文化遗产保护",
    "乡村振兴",
]

LAWS = [
    "《中华人民共和国食品安全法》",
    "《中华人民共和国大气污染防治法》",
    "《中华人民共和国未成年人保护法》",
    "《中华人民共和国安全生产法》",
    "《中华人民共和国消防法》",
    "《中华人民共和国老年人权益保障法》",
    "《中华人民共和国水污染防治法》",
    "《中华人民共和国道路交通安全法》",
]

PEOPLE = [
    "张子平",
    "李秀兰",
    "王建国",
    "陈晓燕",
    "刘志强",
    "赵丽华",
    "孙海涛",
    "周文静",
    "吴国栋",
    "郑雪梅",
]
EDITORS = ["研究室新闻宣传处", "办公室信息科", "代表工作委员会", "选举联络工委"]

TAGS = [
    "代表工作",
    "联络站",
    "接访",
    "执法检查",
    "视察",
    "调研",
    "述职",
    "民生实事",
    "监督工作",
    "立法",
    "预算审查",
    "基层人大",
    "全过程人民民主",
    "家站点",
    "五上墙",
]

OPENINGS = [
    "为深入贯彻落实党中央关于坚持和完善人民代表大会制度的重要部署，",
    "根据区人大常委会年度工作要点安排，",
    "为进一步密切人大代表同人民群众的联系，",
    "为充分发挥人大代表在基层治理中的作用，",
    "按照常委会主任会议的部署，",
]
SENTENCES = [
    "活动中，代表们深入街道社区、企业和项目现场，实地察看、听取汇报，与基层干部群众面对面交流。",
    "代表们认为，{topic}工作事关群众切身利益，相关部门思路清晰、措施有力，取得了阶段性成效。",
    "同时也指出，工作中仍存在统筹协调不够、资金保障不足、长效机制有待健全等问题。",
    "会议要求，要坚持问题导向，对照代表和群众反映的问题逐项梳理，建立台账、明确时限、跟踪落实。",
    "常委会将持续跟踪监督，推动审议意见落到实处，确保人民群众的获得感成色更足。",
    "各人大代表联络站要按照“六有”标准规范运行，落实“五上墙”制度，定期公布代表接访安排。",
    "代表联组充分发挥承上启下的桥梁纽带作用，组织代表开展视察、调研、接访等活动。",
    "本次活动共收集群众意见建议{n}条，已按照收集、研判、交办、督办、反馈的闭环流程分类处理。",
    "参加活动的代表表示，将进一步增强履职意识，主动联系选民，积极反映社情民意。",
    "会议听取了区政府有关部门关于{topic}情况的汇报，与会人员进行了认真审议。",
    "下一步，{congress}将把{topic}作为监督重点，综合运用听取报告、专题询问、跟踪视察等方式，持续推动工作落实。",
    "各街道人大工委和乡镇人大主席团要加强对家站点建设的指导，推动代表履职服务平台提质增效。",
]
CLOSINGS = [
    "区人大常委会有关领导参加活动。",
    "区人大常委会相关工作委员会负责人参加会议。",
    "各街道人大工委、乡镇人大主席团负责同志列席会议。",
]


def paragraph(rng: random.Random, topic: str, sentences: int = 4) -> str:
    picked = rng.sample(SENTENCES, sentences)
    text = "".join(s.format(topic=topic, n=rng.randint(12, 86), congress=CONGRESS) for s in picked)
    return text


def article_body(rng: random.Random, topic: str, paragraphs: int = 3) -> list[str]:
    first = rng.choice(OPENINGS) + f"近日，{CONGRESS}组织部分人大代表围绕{topic}开展专题活动。"
    parts = [first + paragraph(rng, topic, 2)]
    parts += [paragraph(rng, topic) for _ in range(paragraphs - 1)]
    parts.append(rng.choice(CLOSINGS))
    return parts


def summary(rng: random.Random, topic: str) -> str:
    return rng.choice(
        [
            f"{CONGRESS}组织代表围绕{topic}开展视察调研，推动相关问题解决。",
            f"代表们深入一线了解{topic}情况，提出意见建议，常委会将持续跟踪监督。",
            f"围绕{topic}，区人大常委会听取专项工作报告并开展审议。",
        ]
    )
