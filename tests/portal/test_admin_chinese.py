"""The admin is in Chinese in front of editors, and its title names the configured site.

UNTRANSLATED lists the English that a walk through the demo admin found in front of the editor,
the reviewer and a station liaison (dashboard, explorer, page editing with its side panels and
privacy, search, snippets, images, documents, account, reports, workflow); the screens below are
rendered with the test client and must show none of it. Wagtail's zh_Hans catalogs lack about a
third of the admin's strings: portal/admin_messages.py supplies them (Python/templates and the
admin's JavaScript catalog), and a test checks that every msgid of Wagtail's English catalogs
has Chinese, so that an upgrade bringing new strings fails here."""

import io
import json
import re
from pathlib import Path

import polib
import pytest
import wagtail
from django.apps import apps
from django.contrib.auth.models import Group, User
from django.core import mail
from django.core.files.images import ImageFile
from django.test import override_settings
from django.utils import translation
from django.utils.translation.trans_real import DjangoTranslation
from PIL import Image
from wagtail.documents.models import Document
from wagtail.models import Site

from delegates.liaisons import liaison_group_name
from delegates.models import StationPhoto
from home.models import PortalImage, SiteSettings
from home.roles import EDITORS, REVIEWERS, WORKFLOW_NAME
from news.models import PublicationAttachment

pytestmark = pytest.mark.django_db

UNTRANSLATED = (
    "Password<",  # account settings panel
    "Search all pages…",  # dashboard search box
    "Pages <span",  # dashboard: "475 Pages created in …" (a plural entry)
    "Page <span",
    "Images <span",
    "Documents <span",
    ">Saved<",  # autosave indicator
    "Autosave is paused",
    "Privacy and access",
    "Choose who can view the live version",  # status side panel: privacy
    "Anyone can edit this",  # status side panel: locking
    "Content metrics",  # checks side panel
    "Reading time",
    "Schedule to publish",
    "Go to the first error",
    "Show keyboard shortcuts",  # keyboard shortcuts dialog
    "Paste without formatting",
    'aria-label="Actions"',  # hard-coded in Wagtail's slim header (template override)
    "across entire site",  # page search counts
    "None，",  # … with their model name, None in Wagtail's page search ("共 168 个None，")
    "Sort by '",
    "Africa/Abidjan",  # 600 English time zone names in the account settings
    ">Root<",  # Wagtail's initial data: root page and root collection
    "Root »",
    "'Root'",
    "Moderators approval",  # … its default workflow and task
    "Editors",  # … and groups (offered in the privacy dialog)
    "Moderators",
    "Station photo",  # inline rows without a Chinese model name (usage screens)
    "Station rule document",
    "Publication attachment",
    "- Wagtail<",
)
# English in the admin's JavaScript (StreamField block picker, Draftail, autosave, minimap,
# content checks); a plural entry as (singular, plural).
JS_UNTRANSLATED = (
    "Insert a block",
    "Blocks",
    "Split block",
    "Write something or type ‘/’ to insert a block",
    "Autosave in progress…",
    "Changes have been autosaved.",
    "A network error occurred.",
    ("%(num)s error", "%(num)s errors"),
    ("%(num)s min", "%(num)s mins"),
)
WAGTAIL_ROOT = Path(wagtail.__file__).parent


def png():
    buffer = io.BytesIO()
    Image.new("RGB", (640, 480), "#8a2a2a").save(buffer, "PNG")
    return ImageFile(buffer, name="station.png")


def make_user(name, *groups):
    user = User.objects.create_user(name, f"{name}@example.org", "correct-horse-battery-42")
    user.groups.add(*groups)
    return user


@pytest.fixture
def editor(client, home):
    user = make_user("editor", Group.objects.get(name=EDITORS))
    client.force_login(user)
    return user


@pytest.fixture
def content(home, make_station, make_notice):
    """A station with a photo and a rules document, a notice with an attachment."""
    image = PortalImage.objects.create(title="联络站外景", description="联络站外景", file=png())
    document = Document.objects.create(title="接待制度", file="documents/rules.pdf")
    station = make_station(title="幸福社区人大代表联络站", code="JB-01-02")
    station.photos.add(StationPhoto(image=image))
    station.save_revision().publish()
    notice = make_notice(title="关于召开区人大常委会第二十次会议的通知")
    notice.attachments.add(PublicationAttachment(document=document))
    notice.save_revision().publish()
    return {"station": station, "notice": notice, "image": image, "document": document}


def english_on(client, path):
    response = client.get(path, follow=True)
    assert response.status_code == 200, path
    html = response.content.decode()
    if response["Content-Type"].startswith("application/json"):
        html = json.loads(html).get("html", "")
    assert re.search(r"[\u4e00-\u9fff]", html), path  # a Chinese screen, not an empty one
    return [s for s in UNTRANSLATED if s in html]


def test_admin_title_shows_the_configured_site_name(client, editor):
    settings = SiteSettings.for_site(Site.objects.get())
    settings.site_name = "江滨区人大常委会"
    settings.save()
    html = client.get("/admin/").content.decode()
    title = html[html.index("<title>") : html.index("</title>")]
    assert title.endswith("- 江滨区人大常委会") and "某某区" not in title
    assert Site.objects.get().site_name == "江滨区人大常委会"  # kept in step with the settings


def editor_screens(c):
    station, notice = c["station"], c["notice"]
    return [
        "/admin/",
        "/admin/pages/",
        f"/admin/pages/{notice.get_parent().pk}/",
        f"/admin/pages/{notice.pk}/edit/",
        f"/admin/pages/{station.pk}/edit/",
        f"/admin/pages/{notice.pk}/history/",
        "/admin/pages/search/?q=通知",
        "/admin/snippets/delegates/street/",
        "/admin/images/",
        f"/admin/images/{c['image'].pk}/",
        f"/admin/images/usage/{c['image'].pk}/",
        "/admin/images/chooser/",
        "/admin/documents/",
        f"/admin/documents/usage/{c['document'].pk}/",
        "/admin/account/",
        "/admin/reports/locked/",
        "/admin/reports/workflow/",
        "/admin/reports/aging-pages/",
    ]


def test_editor_sees_no_listed_english(client, editor, content):
    found = {path: english_on(client, path) for path in editor_screens(content)}
    assert {path: strings for path, strings in found.items() if strings} == {}


def test_reviewer_privacy_dialog_is_chinese(client, content):
    client.force_login(make_user("reviewer", Group.objects.get(name=REVIEWERS)))
    notice = content["notice"]
    assert english_on(client, f"/admin/pages/{notice.pk}/privacy/") == []
    assert english_on(client, f"/admin/pages/{notice.pk}/edit/") == []


def test_station_liaison_sees_no_listed_english(client, content):
    station = content["station"]
    client.force_login(make_user("liaison01", Group.objects.get(name=liaison_group_name(station))))
    paths = [
        "/admin/",
        f"/admin/pages/{station.pk}/edit/",
        "/admin/pages/search/?q=联络站",
        "/admin/images/",
        "/admin/documents/",
        "/admin/account/",
    ]
    found = {path: english_on(client, path) for path in paths}
    assert {path: strings for path, strings in found.items() if strings} == {}


def test_dashboard_counts_pages_in_chinese(client, editor, content):
    html = client.get("/admin/").content.decode()
    assert re.search(r"\d+ 个页面 <span", html)


def js_catalog(client):
    source = client.get("/admin/jsi18n/").content.decode()
    return json.loads(re.search(r"const newcatalog = (\{.*?\});", source, re.S).group(1))


def test_admin_javascript_strings_have_chinese(client, home):
    catalog = js_catalog(client)
    for key in JS_UNTRANSLATED:
        text = catalog.get(key if isinstance(key, str) else key[0])
        text = text[0] if isinstance(text, list) else text
        assert text and re.search(r"[\u4e00-\u9fff]", text), key
    assert catalog["Insert a block"] == "插入块"


def wagtail_catalogs(domain):
    """Wagtail's English catalogs of the installed Wagtail apps: every string it may show."""
    for app in apps.get_app_configs():
        path = Path(app.path) / "locale" / "en" / "LC_MESSAGES" / f"{domain}.po"
        if app.name.startswith("wagtail") and path.exists():
            yield path


@pytest.mark.parametrize("domain", ["django", "djangojs"])
def test_every_wagtail_admin_string_has_chinese(domain):
    """Wagtail's zh_Hans and portal/admin_messages.py together translate every msgid of
    Wagtail's English catalogs (fails on a Wagtail upgrade that brings new strings)."""
    paths = list(wagtail_catalogs(domain))
    assert paths, "Wagtail's English catalogs not found"
    with translation.override("zh-hans"):
        if domain == "django":
            catalog = translation.trans_real.translation("zh-hans")._catalog
        else:
            localedirs = [str(path.parents[2]) for path in paths]
            catalog = DjangoTranslation("zh-hans", domain=domain, localedirs=localedirs)._catalog
    missing = []
    for path in paths:
        for entry in polib.pofile(str(path)):
            key = (entry.msgid, 0) if entry.msgid_plural else entry.msgid
            if not entry.obsolete and entry.msgid and key not in catalog:
                missing.append(entry.msgid)
    assert missing == [], f"add Chinese to portal/admin_messages.py: {missing[:10]}"


def test_wagtail_defaults_have_chinese_names(client, editor):
    from django.contrib.auth.models import Permission
    from wagtail.models import Collection, Page, Task, Workflow

    assert Page.get_first_root_node().title == "根目录"
    assert Collection.get_first_root_node().name == "全站"
    assert not Group.objects.filter(name__in=["Editors", "Moderators"]).exists()
    assert not Workflow.objects.filter(name="Moderators approval").exists()
    assert not Task.objects.filter(name="Moderators approval").exists()
    english = Permission.objects.filter(name__startswith="Can ").values_list("name", flat=True)
    assert list(english) == []
    assert Permission.objects.get(codename="add_street").name == "可以添加街道乡镇"
    assert Permission.objects.get(codename="access_admin").name == "可以访问 Wagtail 管理后台"


def test_wagtail_default_group_with_members_is_kept(db):
    from home.roles import ensure_editorial_roles

    moderators = Group.objects.create(name="Moderators")
    make_user("someone", moderators)
    ensure_editorial_roles()
    assert Group.objects.filter(name="Moderators").exists()


@override_settings(WAGTAILADMIN_BASE_URL="http://192.0.2.5:8010")
def test_workflow_email_is_chinese_and_links_to_the_real_host(editor, content):
    reviewer = make_user("reviewer", Group.objects.get(name=REVIEWERS))
    admin = User.objects.create_superuser("admin", "admin@example.org", "correct-horse-battery-42")
    notice = content["notice"]
    notice.title = "关于调整接访时间的通知"
    revision = notice.save_revision(user=editor)
    mail.outbox.clear()
    notice.get_workflow().start(notice, editor)
    assert revision.pk == notice.latest_revision_id
    # The reviewers hear of the task, the administrators of the workflow.
    to = {
        address: [m.subject for m in mail.outbox if address in m.to]
        for address in (reviewer.email, admin.email)
    }
    assert to[reviewer.email] and to[admin.email], to
    assert f"页面“关于调整接访时间的通知”已提交审核流程“{WORKFLOW_NAME}”" in to[admin.email]
    for message in mail.outbox:
        # Leave out the links and the user names (admin, editor).
        prose = re.sub(r"https?://\S+|admin|editor", "", message.subject + message.body)
        assert not re.findall(r"\b[A-Za-z]{3,}\b", prose), message.body
        assert f"http://192.0.2.5:8010/admin/pages/{notice.pk}/" in message.body
        assert "localhost" not in message.body and "testserver" not in message.body
