"""The admin is in Chinese in front of editors, and its title names the configured site."""

import pytest
from django.contrib.auth.models import Group, User
from wagtail.models import Site

from home.models import SiteSettings

pytestmark = pytest.mark.django_db

# English that Wagtail's zh_Hans catalog lacks and ours supplies (portal/admin_messages.py).
UNTRANSLATED = ["Search all pages…", "Privacy and access", ">Saved<", "Password<", "- Wagtail<"]


@pytest.fixture
def editor(client, home):
    user = User.objects.create_user("editor", "editor@example.org", "correct-horse-battery-42")
    user.groups.add(Group.objects.get(name="编辑"))
    client.force_login(user)
    return user


def test_admin_title_shows_the_configured_site_name(client, editor):
    settings = SiteSettings.for_site(Site.objects.get())
    settings.site_name = "江滨区人大常委会"
    settings.save()
    html = client.get("/admin/").content.decode()
    title = html[html.index("<title>") : html.index("</title>")]
    assert title.endswith("- 江滨区人大常委会") and "某某区" not in title
    assert Site.objects.get().site_name == "江滨区人大常委会"  # kept in step with the settings


@pytest.mark.parametrize("path", ["/admin/", "/admin/pages/", "/admin/account/"])
def test_main_admin_screens_show_no_listed_english(client, editor, home, path):
    response = client.get(path, follow=True)
    assert response.status_code == 200
    html = response.content.decode()
    assert [s for s in UNTRANSLATED if s in html] == []
