"""Demo consultations for `manage.py seed_demo`: the index page, one draft open for comments
(21 articles, comments in every state) and one closed with its 采纳情况. Idempotent: an
existing index page with consultations is left alone. Commenters are invented and their
addresses end in .invalid, so no mail could leave."""

import datetime

from django.utils import timezone

from .choices import CommentStatus
from .demo_drafts import ELDERLY_CARE, GREENING
from .models import Comment, ConsultationIndexPage, ConsultationPage, beijing_today

CONTACT_POINT = "江滨区人大常委会基层立法联系点"

OPEN_COMMENTS = (
    # (article label or "" for the whole draft, name, text, status)
    (
        "",
        "王建国",
        "草案总体很好，建议增加社区居民参与绿地管护的具体办法，让居民有渠道参与。",
        "approved",
    ),
    (
        "第九条",
        "李秀英",
        "新建居住区绿地率百分之三十的标准建议保留，但要明确屋顶绿化能否折算，避免开发商钻空子。",
        "approved",
    ),
    (
        "第九条",
        "",
        "旧城改造区的绿地率百分之二十五在老城区很难做到，建议允许用口袋公园等方式补足。",
        "approved",
    ),
    (
        "第十条",
        "张桂兰",
        "征求周边居民意见的程序建议写明期限和公示方式，比如在小区公告栏公示不少于七日。",
        "approved",
    ),
    (
        "第十三条",
        "陈志强",
        "临时占用绿地一年的期限偏长，建议缩短为六个月，确需延长的重新审批。",
        "approved",
    ),
    ("第十四条", "刘芳", "建议把遛狗不清理粪便、在绿地内违规停车也列入禁止行为。", "approved"),
    (
        "第十六条",
        "赵明",
        "很多老旧小区没有物业，业主共同养护难以落实，建议由街道兜底组织养护。",
        "approved",
    ),
    ("第十九条", "", "罚款数额五十元到五百元偏低，对故意毁绿的起不到震慑作用。", "moderation"),
    ("第十一条", "孙丽", "配套绿化同步验收很重要，建议验收时邀请居民代表参加。", "moderation"),
)

CLOSED_COMMENTS = (
    (
        "第四条",
        "周大爷",
        "每百户二十平方米的用房标准建议提高，老年人多的社区明显不够用。",
        "approved",
    ),
    ("第五条", "吴阿姨", "强烈支持提供晚餐，独居老人晚饭最难解决。", "approved"),
    ("", "郑先生", "建议增加对家庭照护者的培训和喘息服务。", "approved"),
)

ADOPTION_NOTE = (
    "<p>本次征求意见期间，江滨区基层立法联系点共收集意见 36 条，经整理汇总后报送市人大常委会"
    "法制工作委员会。</p><ul><li>关于提高居家养老服务用房配建标准的意见，已被采纳，草案修改稿"
    "第四条调整为每百户不少于三十平方米；</li><li>关于社区助餐提供晚餐的意见，已被采纳，写入"
    "草案修改稿第五条；</li><li>关于家庭照护者培训的意见，已作为新增条款研究，拟在配套文件中"
    "规定。</li></ul>"
)


def ensure_index(home) -> ConsultationIndexPage:
    index = ConsultationIndexPage.objects.child_of(home).first()
    if index is None:
        index = ConsultationIndexPage(
            title="立法意见征集",
            slug="consultations",
            show_in_menus=True,
            intro=(
                "<p>江滨区人大常委会基层立法联系点受上级人大常委会委托，就法规草案公开征求意见。"
                "欢迎您对草案整体或具体条文提出意见和建议。</p>"
            ),
        )
        home.add_child(instance=index)
    return index


def _publish(index, page) -> ConsultationPage:
    index.add_child(instance=page)
    page.save_revision().publish()
    return ConsultationPage.objects.get(pk=page.pk)


def _comments(page, specs, start) -> int:
    articles = {a.label: a for a in page.articles.all()}
    for n, (label, name, text, status) in enumerate(specs):
        created = start + datetime.timedelta(hours=7 * n + 3)
        Comment.objects.create(
            consultation=page,
            article=articles.get(label),
            name=name,
            contact=f"resident{page.pk}-{n}@example.invalid",
            text=text,
            status=status,
            created_at=created,
            confirmed_at=created + datetime.timedelta(minutes=10),
            moderated_at=created + datetime.timedelta(days=1)
            if status == CommentStatus.APPROVED
            else None,
            form_token=f"demo-{page.pk}-{n}",
        )
    return len(specs)


def populate(home) -> int:
    index = ensure_index(home)
    if ConsultationPage.objects.child_of(index).exists():
        return 0
    today = beijing_today()
    now = timezone.now()
    greening = _publish(
        index,
        ConsultationPage(
            title="江州市城市绿化条例（修订草案征求意见稿）",
            slug="city-greening-regulation",
            asked_by="江州市人大常委会法制工作委员会",
            contact_point=CONTACT_POINT,
            summary="市人大常委会就城市绿化条例修订草案公开征求意见，欢迎对绿地率、临时占用绿地、养护责任等条文提出意见。",
            explanation=(
                "<p>现行《江州市城市绿化条例》施行已逾十年，城市绿化的规划、建设和管护出现了"
                "不少新情况。修订草案重点完善了绿地系统规划、新建居住区绿地率、临时占用绿地"
                "审批和居住区绿地养护责任等规定。</p>"
            ),
            opens_on=today - datetime.timedelta(days=10),
            closes_on=today + datetime.timedelta(days=20),
            draft_text=GREENING,
        ),
    )
    elderly = _publish(
        index,
        ConsultationPage(
            title="江州市居家养老服务条例（草案征求意见稿）",
            slug="home-elderly-care-regulation",
            asked_by="江州市人大常委会社会建设委员会",
            contact_point=CONTACT_POINT,
            summary="市人大常委会就居家养老服务条例草案征求意见，已截止，采纳情况见页面。",
            explanation="<p>草案主要规定居家养老服务设施的配建标准和社区助餐等服务。</p>",
            opens_on=today - datetime.timedelta(days=70),
            closes_on=today - datetime.timedelta(days=40),
            draft_text=ELDERLY_CARE,
            adoption_note=ADOPTION_NOTE,
        ),
    )
    created = _comments(greening, OPEN_COMMENTS, now - datetime.timedelta(days=9))
    created += _comments(elderly, CLOSED_COMMENTS, now - datetime.timedelta(days=65))
    return created
