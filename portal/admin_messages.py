"""Chinese for the Wagtail admin strings that Wagtail's own zh_Hans catalog lacks.

`gettext_noop` marks each msgid (exactly as Wagtail writes it) so that `makemessages` puts it
into our catalog; `scripts/messages.py` then writes the translation below instead of the
identity. Our catalog comes first in LOCALE_PATHS, so the admin shows these. Add a string here
when the admin test (tests/portal/test_admin_chinese.py) finds English in front of editors."""

from django.utils.translation import gettext_noop

ADMIN_TRANSLATIONS = {
    gettext_noop("Search all pages…"): "搜索所有页面…",
    gettext_noop("Privacy and access"): "隐私与访问",
    gettext_noop("Saved"): "已保存",
    gettext_noop(
        'The page "%(title)s" has been submitted to workflow "%(workflow)s"'
    ): "页面“%(title)s”已提交审核流程“%(workflow)s”",
    gettext_noop(
        'The %(model_name)s "%(title)s" has been submitted to workflow "%(workflow)s"'
    ): "%(model_name)s“%(title)s”已提交审核流程“%(workflow)s”",
}
