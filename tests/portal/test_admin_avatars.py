"""The admin fetches nothing from outside hosts: no gravatar.com avatars for editors."""

import re

import pytest
from django.contrib.auth.models import User

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("path", ["/admin/", "/admin/account/", "/admin/users/"])
def test_admin_pages_have_no_gravatar(client, home, path):
    user = User.objects.create_superuser("admin", "editor@example.org", "correct-horse-battery-42")
    client.force_login(user)
    response = client.get(path)
    assert response.status_code == 200
    html = response.content.decode()
    assert "gravatar" not in html.lower()
    assert "releases.wagtail.org" not in html  # no upgrade check from the dashboard
    # The avatar is Wagtail's own default picture, from our static files.
    assert re.search(r'class="[^"]*avatar[^"]*"', html)
    assert "wagtailadmin/images/default-user-avatar" in html
    # No image of the admin comes from another host.
    sources = re.findall(r'<img[^>]+src="([^"]+)"', html)
    assert sources and not [s for s in sources if re.match(r"(https?:)?//", s)], sources
