"""The site itself for `seed_demo`: home page, Site record, settings and the home page blocks."""

from wagtail.models import Page, Site

from home.models import HomePage, SiteSettings

from . import text


def ensure_home() -> HomePage:
    home = HomePage.objects.first()
    if home is None:
        # Wagtail's placeholder welcome page is replaced by ours.
        Page.objects.filter(depth=2, content_type__model="page").delete()
        root = Page.get_first_root_node()
        home = HomePage(title=f"{text.CONGRESS}首页", slug="home")
        root.add_child(instance=home)
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        site = Site(hostname="localhost", port=80, is_default_site=True)
    site.root_page = home
    site.site_name = text.CONGRESS
    site.save()
    return home


def ensure_settings(site: Site) -> None:
    settings = SiteSettings.for_site(site)
    if settings.icp_number:
        return
    settings.site_name = text.CONGRESS
    settings.body_name = f"{text.DISTRICT}人民代表大会常务委员会"
    settings.copyright_holder = f"{text.CONGRESS}办公室"
    settings.icp_number = "浙ICP备20250917号-1"
    settings.contact_address = f"浙江省{text.DISTRICT}人民路88号区行政中心3号楼"
    settings.contact_phone = "0572-2345678"
    settings.contact_email = "rdbgs@jiangbin.example.gov.cn"
    settings.footer_text = "本网站由区人大常委会办公室负责维护。建议使用 1280×800 以上分辨率浏览。"
    settings.save()


def home_blocks(columns, featured, links=None) -> list:
    """`links` may override quick-entry targets by label (the delegates app supplies the
    station locator and the delegate directory)."""
    links = links or {}

    def link(slug, label=None):
        if label in links:
            return links[label]
        return {"page": columns[slug], "url": ""}

    return [
        (
            "quick_entries",
            {
                "heading": "便民服务",
                "entries": [
                    {
                        "label": "找联络站",
                        "description": "查找离您最近的人大代表联络站",
                        "link": link("delegate-work", "找联络站"),
                    },
                    {
                        "label": "找代表",
                        "description": "查看人大代表名录和履职情况",
                        "link": link("delegate-work", "找代表"),
                    },
                    {
                        "label": "五上墙公开",
                        "description": "各联络站代表名录、接访安排等公开情况",
                        "link": link("delegate-work", "五上墙公开"),
                    },
                    {
                        "label": "接访安排",
                        "description": "近期人大代表进站接待选民的安排",
                        "link": link("delegate-work", "接访安排"),
                    },
                    {
                        "label": "通知公告",
                        "description": "最新通知、公告和任免事项",
                        "link": link("notices"),
                    },
                    {
                        "label": "订阅本站",
                        "description": "RSS / Atom 订阅地址",
                        "link": {"page": None, "url": "/feeds/"},
                    },
                ],
            },
        ),
        ("latest", {"heading": "通知公告", "column": columns["notices"], "count": 6}),
        ("latest", {"heading": "工作动态", "column": columns["news"], "count": 6}),
        ("featured", {"heading": "工作报告", "pages": featured}),
        ("latest", {"heading": "代表工作", "column": columns["delegate-work"], "count": 6}),
        # Figures are counted from the data when the page renders.
        ("facts", {"intro": f"{text.CONGRESS}是{text.DISTRICT}人民代表大会的常设机关。"}),
    ]
