# ruff: noqa: E501 -- a translation table: one msgid and its Chinese per entry, as in a .po file
"""Chinese for the Wagtail admin strings that Wagtail's own zh_Hans catalogs lack.

Wagtail 8 ships zh_Hans catalogs that translate about two thirds of its admin: the rest (the
dashboard's page count, the autosave indicator, privacy, the workflow e-mails, the StreamField
block picker of the admin JavaScript, …) would stand in English in front of editors. Each key is
the msgid exactly as Wagtail's English catalog (`wagtail/**/locale/en/LC_MESSAGES/*.po`) writes
it, or (singular, plural) for a plural entry — Chinese has one plural form, written with the
plural's placeholders. `scripts/messages.py` writes them into our catalogs:
ADMIN_TRANSLATIONS into locale/zh_Hans/LC_MESSAGES/django.po (templates and Python) and
ADMIN_JS_TRANSLATIONS into djangojs.po, which Wagtail's JavaScript catalog view
(/admin/jsi18n/) merges in. Our locale directory comes first (LOCALE_PATHS), so these win.

tests/portal/test_admin_chinese.py fails when a Wagtail upgrade brings a string that neither
Wagtail's zh_Hans nor this module translates: add it here and run `make messages`."""

ADMIN_TRANSLATIONS: dict[str | tuple[str, str], str] = {
    # templates/wagtailadmin/shared/headers/_actions.html (Wagtail hard-codes it in English);
    # being in our templates, it would otherwise get the identity translation of our catalog.
    "Actions": "操作",
    # wagtail.admin
    "Use server language: %(language_name)s": "使用服务器语言：%(language_name)s",
    'You do not have permission to publish pages at "%(page_title)s"': "您没有在“%(page_title)s”下发布页面的权限",
    "The slug '%(page_slug)s' is already in use within the parent page.": "短地址“%(page_slug)s”已被上级页面下的其他页面使用。",
    "The new page will be a child of this given parent page.": "新页面将成为所选上级页面的子页面。",
    "Tag(s) %(value_too_long)s are over %(max_tag_length)d characters.": "标签 %(value_too_long)s 超过 %(max_tag_length)d 个字符。",
    "Can access Wagtail admin": "可以访问 Wagtail 管理后台",
    "item": "项",
    "items": "项",
    "Go to the first error": "转到第一处错误",
    (
        "This %(model_name)s is currently at <strong>%(task)s</strong> in "
        "<strong>%(workflow)s</strong>."
    ): "此%(model_name)s目前处于<strong>%(workflow)s</strong>的<strong>%(task)s</strong>环节。",
    "Publishing this %(model_name)s will cancel the current workflow.": "发布此%(model_name)s将取消当前的工作流。",
    "Actions (footer)": "操作（页脚）",
    'There are no %(model_name)s to display. Why not <a href="%(add_url)s">add one</a>?': '没有可显示的%(model_name)s。要<a href="%(add_url)s">添加一个</a>吗？',
    (
        "Preview cannot display due to validation errors. <br /> Click save to highlight the "
        "relevant fields."
    ): "存在校验错误，无法显示预览。<br /> 请点击保存以突出显示相关字段。",
    (
        "Moved down 1 place.",
        "Moved down %(counter)s places.",
    ): "下移 %(counter)s 位。",
    (
        "Moved up 1 place.",
        "Moved up %(counter)s places.",
    ): "上移 %(counter)s 位。",
    "Wagtail %(current_version)s editor guide": "Wagtail %(current_version)s 编辑指南",
    "Privacy and access": "隐私与访问",
    (
        '%(total)s Page <span class="w-sr-only">created in %(site_name)s</span>',
        '%(total)s Pages <span class="w-sr-only">created in %(site_name)s</span>',
    ): '%(total)s 个页面 <span class="w-sr-only">在%(site_name)s中创建</span>',
    "Wagtail upgrade available": "Wagtail 有可用的升级",
    (
        "Your version: <strong>%(current_version)s</strong>. New version: <strong "
        'data-w-upgrade-target="latestVersion"></strong>.'
    ): (
        "当前版本：<strong>%(current_version)s</strong>。新版本：<strong "
        'data-w-upgrade-target="latestVersion"></strong>。'
    ),
    "Read the release notes.": "阅读发行说明。",
    "Your pages and snippets in a workflow": "您在工作流中的页面和片段",
    "Things in Wagtail %(version)s have changed!": "Wagtail %(version)s 有了变化！",
    (
        "Don't worry, we've got your back. Check out the <a class=\"w-whats-new__link\" "
        'href="%(editor_guide_link)s" target="_blank" rel="noreferrer">Wagtail Editor '
        "Guide</a> to get the low down on what's changed and some exciting new features!"
    ): (
        '别担心，我们为您准备好了。请查看<a class="w-whats-new__link" href="%(editor_guide_link)s" '
        'target="_blank" rel="noreferrer">Wagtail 编辑指南</a>，了解有哪些变化以及一些令人兴奋的新功能！'
    ),
    'The %(model_name)s "%(title)s" has been approved in moderation stage "%(task)s".': "%(model_name)s“%(title)s”已在审核环节“%(task)s”通过。",
    'The %(model_name)s "%(title)s" has been approved in "%(task)s".': "%(model_name)s“%(title)s”已在“%(task)s”通过。",
    'The %(model_name)s "%(title)s" has been rejected in moderation stage "%(task)s".': "%(model_name)s“%(title)s”在审核环节“%(task)s”被退回。",
    'The %(model_name)s "%(title)s" has been rejected during "%(task)s".': "%(model_name)s“%(title)s”在“%(task)s”中被退回。",
    (
        'The %(model_name)s "%(title)s" has been submitted for approval in moderation stage '
        '"%(task)s".'
    ): "%(model_name)s“%(title)s”已提交至审核环节“%(task)s”待审批。",
    "You can preview the %(model_name)s here:": "您可以在此预览该%(model_name)s：",
    (
        'The %(model_name)s "%(title)s" has been submitted for approval to moderation stage '
        '"%(task)s".'
    ): "%(model_name)s“%(title)s”已提交至审核环节“%(task)s”待审批。",
    (
        'The %(model_name)s "%(title)s" has been submitted for approval in moderation stage '
        '"%(task)s"'
    ): "%(model_name)s“%(title)s”已提交至审核环节“%(task)s”待审批",
    'The %(model_name)s "%(title)s" has been approved in workflow "%(workflow)s".': "%(model_name)s“%(title)s”已在工作流“%(workflow)s”中审核通过。",
    'The %(model_name)s "%(title)s" has been approved in "%(workflow)s".': "%(model_name)s“%(title)s”已在“%(workflow)s”中审核通过。",
    (
        'The %(model_name)s "%(title)s" has been rejected during "%(task)s" in workflow '
        '"%(workflow)s" by %(rejector)s.'
    ): "%(model_name)s“%(title)s”在工作流“%(workflow)s”的“%(task)s”环节被%(rejector)s退回。",
    (
        'The %(model_name)s "%(title)s" has been rejected during "%(task)s" in workflow '
        '"%(workflow)s".'
    ): "%(model_name)s“%(title)s”在工作流“%(workflow)s”的“%(task)s”环节被退回。",
    'The %(model_name)s "%(title)s" has been rejected during "%(workflow)s".': "%(model_name)s“%(title)s”在“%(workflow)s”中被退回。",
    (
        'The %(model_name)s "%(title)s" has been submitted for moderation to workflow '
        '"%(workflow)s" by %(requester)s.'
    ): "%(requester)s已将%(model_name)s“%(title)s”提交至工作流“%(workflow)s”审核。",
    (
        'The %(model_name)s "%(title)s" has been submitted for moderation to workflow '
        '"%(workflow)s".'
    ): "%(model_name)s“%(title)s”已提交至工作流“%(workflow)s”审核。",
    'The page "%(title)s" has been submitted to workflow "%(workflow)s"': "页面“%(title)s”已提交审核流程“%(workflow)s”",
    'The %(model_name)s "%(title)s" has been submitted to workflow "%(workflow)s"': "%(model_name)s“%(title)s”已提交审核流程“%(workflow)s”",
    "Changing the privacy for this page has been disabled.": "此页面的隐私设置已被禁止修改。",
    "Scheduling…": "正在安排…",
    "Schedule to publish": "定时发布",
    (
        "Deleting this page will also delete %(descendant_count)s child page.",
        "Deleting this page will also delete %(descendant_count)s more child pages.",
    ): "删除此页面还将删除其下 %(descendant_count)s 个子页面。",
    (
        (
            "It will also delete 1 translation and its combined "
            "%(translation_descendant_count)s translated child page."
        ),
        (
            "It will also delete 1 translation and its combined "
            "%(translation_descendant_count)s translated child pages."
        ),
    ): "还将删除 1 个译本及其共 %(translation_descendant_count)s 个已翻译的子页面。",
    (
        (
            "It will also delete %(translation_count)s translations and their combined "
            "%(translation_descendant_count)s translated child page."
        ),
        (
            "It will also delete %(translation_count)s translations and their combined "
            "%(translation_descendant_count)s translated child pages."
        ),
    ): "还将删除 %(translation_count)s 个译本及其共 %(translation_descendant_count)s 个已翻译的子页面。",
    (
        "It will also delete %(translation_count)s translation.",
        "It will also delete %(translation_count)s translations.",
    ): "还将删除 %(translation_count)s 个译本。",
    (
        (
            "Deleting this page will also delete 1 translation and its combined "
            "%(translation_descendant_count)s translated child page."
        ),
        (
            "Deleting this page will also delete 1 translation and its combined "
            "%(translation_descendant_count)s translated child pages."
        ),
    ): "删除此页面还将删除 1 个译本及其共 %(translation_descendant_count)s 个已翻译的子页面。",
    (
        (
            "Deleting this page will also delete %(translation_count)s translations and their"
            " combined %(translation_descendant_count)s translated child page."
        ),
        (
            "Deleting this page will also delete %(translation_count)s translations and their"
            " combined %(translation_descendant_count)s translated child pages."
        ),
    ): "删除此页面还将删除 %(translation_count)s 个译本及其共 %(translation_descendant_count)s 个已翻译的子页面。",
    (
        "Deleting this page will also delete %(translation_count)s translation of this page.",
        (
            "This will also delete %(descendant_count)s more child pages. Deleting this page "
            "will also delete %(translation_count)s translations of this page."
        ),
    ): "还将删除其下 %(descendant_count)s 个子页面。删除此页面还将删除此页面的 %(translation_count)s 个译本。",
    (
        "This will also move one translation of this page and its child pages",
        (
            "This will also move %(translations_to_move_count)s translations of this page and"
            " their child pages"
        ),
    ): "还将移动此页面的 %(translations_to_move_count)s 个译本及其子页面",
    (
        "This will also unpublish one translation of the page.",
        "This will also unpublish all %(translation_count)s translations of the page.",
    ): "还将取消发布此页面的全部 %(translation_count)s 个译本。",
    (
        (
            "This page has one subpage and its translations have a combined one translated "
            "child page. Unpublish these too"
        ),
        (
            "This page has %(live_descendant_count)s child pages and its translations have a "
            "combined one translated child page. Unpublish these too"
        ),
    ): "此页面有 %(live_descendant_count)s 个子页面，其译本共有 1 个已翻译的子页面。一并取消发布",
    (
        (
            "This page has one child page and its translations have a combined "
            "%(translation_descendant_count)s translated child pages. Unpublish these too"
        ),
        (
            "This page has %(live_descendant_count)s child pages and its translations have a "
            "combined %(translation_descendant_count)s translated child pages. Unpublish "
            "these too"
        ),
    ): "此页面有 %(live_descendant_count)s 个子页面，其译本共有 %(translation_descendant_count)s 个已翻译的子页面。一并取消发布",
    (
        "This page has one subpage. Unpublish this too",
        "This page has %(live_descendant_count)s subpages. Unpublish these too",
    ): "此页面有 %(live_descendant_count)s 个子页面。一并取消发布",
    (
        "This page was marked as needing changes at <strong>%(task)s</strong> in "
        "<strong>%(workflow)s</strong>."
    ): "此页面在<strong>%(workflow)s</strong>的<strong>%(task)s</strong>环节被标记为需要修改。",
    "This page is currently at <strong>%(task)s</strong> in <strong>%(workflow)s</strong>.": "此页面目前处于<strong>%(workflow)s</strong>的<strong>%(task)s</strong>环节。",
    (
        "The root level is where you can add new sites to your Wagtail installation. Pages "
        "created here will not be accessible at any URL until they are associated with a "
        "site."
    ): "根级别用于在 Wagtail 中添加新站点。在此创建的页面在关联到站点之前，无法通过任何网址访问。",
    (
        "If you just want to add pages to an existing site, create them as children of the "
        "homepage instead."
    ): "如果只想为现有站点添加页面，请将其创建为首页的子页面。",
    (
        "Pages created here will not be accessible at any URL. To add pages to an existing "
        "site, create them as children of the homepage."
    ): "在此创建的页面无法通过任何网址访问。要为现有站点添加页面，请将其创建为首页的子页面。",
    (
        "There is no site set up for this location. Pages created here will not be accessible"
        " at any URL until a site is associated with this location."
    ): "此位置尚未设置站点。在此创建的页面在有站点关联到此位置之前，无法通过任何网址访问。",
    (
        "There is no site record for this location. Pages created here will not be accessible"
        " at any URL."
    ): "此位置没有站点记录。在此创建的页面无法通过任何网址访问。",
    "This page is locked, by you, to further editing": "此页面已被您锁定，禁止进一步编辑",
    "%(start_index)s-%(end_index)s of %(items_count)s %(model_name)s across entire site.": "全站共 %(items_count)s 条，第 %(start_index)s-%(end_index)s 条。",
    "No results across entire site.": "全站无结果。",
    "Search in '<span class=\"w-title-ellipsis\">%(title)s</span>'": '在“<span class="w-title-ellipsis">%(title)s</span>”中搜索',
    (
        "%(start_index)s-%(end_index)s of %(items_count)s %(model_name)s in '<span "
        'class="w-title-ellipsis">%(title)s</span>\'.'
    ): (
        '“<span class="w-title-ellipsis">%(title)s</span>”中共 %(items_count)s 条，'
        "第 %(start_index)s-%(end_index)s 条。"
    ),
    "No results in '<span class=\"w-title-ellipsis\">%(title)s</span>'.": '“<span class="w-title-ellipsis">%(title)s</span>”中无结果。',
    "%(start_index)s-%(end_index)s of %(items_count)s %(model_name)s": "共 %(items_count)s 条，第 %(start_index)s-%(end_index)s 条",
    (
        "There is one matching page",
        "There are %(counter)s matching pages",
    ): "共有 %(counter)s 个匹配的页面",
    "Choose when this %(model_name)s should go live and/or expire": "选择此%(model_name)s的上线和/或过期时间",
    "Choose when this page should go live and/or expire": "选择此页面的上线和/或过期时间",
    (
        'This publishing schedule will only take effect after you select the "Schedule to '
        'publish" option'
    ): "只有在您选择“定时发布”后，此发布计划才会生效",
    "Anyone with editing permissions can create schedules": "有编辑权限的人都可以创建发布计划",
    "But only those with publishing permissions can make them effective.": "但只有具有发布权限的人才能使其生效。",
    "Locked by <b>you</b> at <b>%(locking_date)s</b>": "由<b>您</b>于<b>%(locking_date)s</b>锁定",
    "Locked by <b>%(locked_by)s</b> at <b>%(locking_date)s</b>": "由<b>%(locked_by)s</b>于<b>%(locking_date)s</b>锁定",
    "%(field_label)s:": "%(field_label)s：",
    "Saved": "已保存",
    "Autosave is paused": "自动保存已暂停",
    "Edit account avatar": "编辑帐号头像",
    (
        "This action will delete <b>%(total_pages_formatted)s</b> page in total.",
        "This action will delete <b>%(total_pages_formatted)s</b> pages in total.",
    ): "此操作共将删除 <b>%(total_pages_formatted)s</b> 个页面。",
    "Please type <b>%(wagtail_site_name)s</b> to confirm.": "请输入<b>%(wagtail_site_name)s</b>以确认。",
    "You saved a new version in another window": "您在另一个窗口中保存了新版本",
    "System": "系统",
    "%(user_name)s saved a new version": "%(user_name)s保存了新版本",
    "View latest version": "查看最新版本",
    "You have unsaved changes in another window": "您在另一个窗口中有未保存的修改",
    "%(user_name)s has unsaved changes": "%(user_name)s有未保存的修改",
    "Currently idle": "当前空闲",
    "Currently viewing": "正在查看",
    (
        "One other user is currently viewing",
        "%(num_user)s other users are currently viewing",
    ): "另有 %(num_user)s 位用户正在查看",
    "Proceeding will overwrite the changes you made in that window.": "继续操作将覆盖您在那个窗口中所做的修改。",
    "Proceeding will overwrite the changes made by %(user_name)s.": "继续操作将覆盖%(user_name)s所做的修改。",
    "Alternatively, you can view the latest version in a new tab.": "您也可以在新标签页中查看最新版本。",
    "A network error occurred": "发生网络错误",
    (
        "Troubleshoot your connection to the site before proceeding. Open the editor in a "
        "separate tab to view the last saved version."
    ): "继续之前请检查与网站的连接。在另一个标签页中打开编辑器可查看最后保存的版本。",
    "account": "帐号设置",
    "Keyboard shortcuts are currently disabled; manage your %(account_link)s to enable them.": "键盘快捷键目前已停用；可在%(account_link)s中启用。",
    "Section": "区域",
    "Keyboard shortcuts are currently enabled; manage your %(account_link)s to disable them.": "键盘快捷键目前已启用；可在%(account_link)s中停用。",
    "Show issue": "显示问题",
    "Content metrics": "内容指标",
    "Words": "字数",
    "Reading time": "阅读时间",
    "Readability": "可读性",
    "This data explained": "数据说明",
    "How we calculate our metrics": "指标的计算方法",
    (
        "We extract the main content from the page preview, remove all formatting, and "
        "calculate the number of words."
    ): "我们从页面预览中提取正文，去除所有格式后统计字数。",
    (
        "We calculate reading time from word count, using different reading speeds for "
        "different languages."
    ): "我们根据字数计算阅读时间，不同语言采用不同的阅读速度。",
    (
        "We use a readability formula based on length of words and sentences. Long sentences "
        "and words result in a worse readability score."
    ): "我们采用基于词语和句子长度的可读性公式。句子和词语越长，可读性得分越差。",
    (
        'See our <a href="%(guide_link)s" target="_blank">content checks guide</a> for more '
        "information on how content metrics are calculated."
    ): '关于内容指标的计算方法，详见<a href="%(guide_link)s" target="_blank">内容检查指南</a>。',
    "Available in %(translations_total)s locales": "有 %(translations_total)s 种语言版本",
    "Locking: ": "锁定：",
    "Anyone can edit this %(model_name)s – lock it to prevent others from editing": "任何人都可以编辑此%(model_name)s——锁定后可防止他人编辑",
    "Anyone can edit this %(model_name)s": "任何人都可以编辑此%(model_name)s",
    "Choose who can view the live version of this page": "选择谁可以查看此页面的已发布版本",
    "To be created by %(user)s": "将由%(user)s创建",
    "Invalid schedule": "发布计划无效",
    "Go-live:": "上线：",
    "Once scheduled:": "安排后：",
    "Refreshing…": "正在刷新…",
    "Refresh": "刷新",
    "Correct the validation errors to resume preview (saving will highlight errors)": "请更正校验错误以恢复预览（保存时将突出显示错误）",
    "Autosave is <span>paused</span>": "自动保存<span>已暂停</span>",
    "Save your changes before leaving": "离开前请保存修改",
    (
        "This %(model_name)s is referenced %(usage_count)s time.",
        "This %(model_name)s is referenced %(usage_count)s times.",
    ): "此%(model_name)s被引用 %(usage_count)s 次。",
    "One or more references to this %(model_name)s prevent it from being deleted.": "此%(model_name)s有一处或多处被引用，无法删除。",
    "Status %(status)s": "状态：%(status)s",
    "%(action)s by <b>%(who)s</b> at <b>%(at)s</b>": "%(action)s（<b>%(who)s</b>，<b>%(at)s</b>）",
    "%(action)s at <b>%(at)s</b>": "%(action)s（<b>%(at)s</b>）",
    "%(action)s by <b>%(who)s</b>": "%(action)s（<b>%(who)s</b>）",
    "This %(model_name)s hasn't been submitted for moderation yet": "此%(model_name)s尚未提交审核",
    (
        "JavaScript is required to use Wagtail, but it is currently disabled.<br /> Here are "
        'the <a href="https://www.enable-javascript.com/" target="_blank" '
        'rel="noreferrer">instructions how to enable JavaScript in your web browser</a>.'
    ): (
        "使用 Wagtail 需要 JavaScript，但目前 JavaScript 已被禁用。<br /> 请参阅<a "
        'href="https://www.enable-javascript.com/" target="_blank" rel="noreferrer">在浏览器中启用 '
        "JavaScript 的说明</a>。"
    ),
    "Item %(index)s of %(total)s": "第 %(index)s 项，共 %(total)s 项",
    "Disable custom ordering": "停用自定义排序",
    "Enable custom ordering": "启用自定义排序",
    "Checks": "检查",
    (
        "This workflow is currently in progress on %(workflow_states_in_progress)s pages. "
        "Deleting this workflow will cancel moderation on these page. Are you sure you want "
        "to delete this workflow?"
    ): "此工作流正在 %(workflow_states_in_progress)s 个页面上进行。删除此工作流将取消这些页面的审核。确定要删除此工作流吗？",
    "Assign your workflow to snippets": "将工作流分配给片段",
    "This workflow is disabled so it cannot be assigned to any snippets.": "此工作流已停用，不能分配给任何片段。",
    "Disabled": "已停用",
    (
        "1 snippet type",
        "%(counter)s snippet types",
    ): "%(counter)s 种片段类型",
    (
        'Why not <a class="create-one-now" href="#tab-new" '
        'data-action="w-tabs#select:prevent" data-w-tabs-target="trigger" '
        'data-w-tabs-focus-param="true">create one now</a>?'
    ): (
        '要<a class="create-one-now" href="#tab-new" data-action="w-tabs#select:prevent" '
        'data-w-tabs-target="trigger" data-w-tabs-focus-param="true">立即创建一个</a>吗？'
    ),
    "Cancelled by %(cancelled_by)s": "由%(cancelled_by)s取消",
    "More bulk actions": "更多批量操作",
    "at %(time)s by %(user_display_name)s": "%(time)s，由%(user_display_name)s",
    "at %(time)s": "%(time)s",
    "%(time)s by %(user_display_name)s": "%(time)s，由%(user_display_name)s",
    "%(time_period)s ago by %(user_display_name)s": "%(time_period)s前，由%(user_display_name)s",
    "Changes requested %(finished_at)s": "%(finished_at)s要求修改",
    "Sent to %(task_name)s %(started_at)s": "%(started_at)s提交至%(task_name)s",
    "%(status_display)s %(task_name)s %(started_at)s": "%(task_name)s%(status_display)s（%(started_at)s）",
    "Application": "应用",
    "Show keyboard shortcuts": "显示键盘快捷键",
    "Toggle minimap": "显示/隐藏小地图",
    "Close modal dialogs (like this one)": "关闭对话框（例如本对话框）",
    "Save changes": "保存修改",
    "Add or show comments": "添加或显示评论",
    "Text editing": "文本编辑",
    "Cut": "剪切",
    "Paste": "粘贴",
    "Paste and match style": "粘贴并匹配样式",
    "Paste without formatting": "粘贴为纯文本",
    "Text formatting": "文本格式",
    "Insert or edit a link": "插入或编辑链接",
    "Monospace (code)": "等宽（代码）",
    "Strike-through": "删除线",
    (
        "Referenced %(count)s time",
        "Referenced %(count)s times",
    ): "被引用 %(count)s 次",
    "Toggle checks": "显示/隐藏检查",
    "(blank)": "（空）",
    "Sort by '%(label)s' in ascending order.": "按“%(label)s”升序排列。",
    "Sort by '%(label)s' in descending order.": "按“%(label)s”降序排列。",
    "'%(page_title)s' has been moved successfully.": "“%(page_title)s”已成功移动。",
    (
        "Focus on the drag button and press up or down arrows to move the item, then press "
        "enter to submit the change."
    ): "将焦点移到拖动按钮上，按上下方向键移动该项，然后按回车键提交修改。",
    "Button text is empty": "按钮文字为空",
    "Use meaningful text for screen reader users": "请为屏幕阅读器用户使用有意义的文字",
    "Empty heading found": "发现空标题",
    "Table header text is empty": "表头文字为空",
    "Empty frame title found": "发现空的框架标题",
    "Use a meaningful title for screen reader users": "请为屏幕阅读器用户使用有意义的标题",
    "Incorrect heading hierarchy": "标题层级不正确",
    "Avoid skipping levels": "避免跳过标题层级",
    "Input button text is empty": "输入按钮文字为空",
    "Link text is empty": "链接文字为空",
    "Misusing paragraphs as headings": "将段落误用作标题",
    "Use proper heading tags": "请使用正确的标题标签",
    "Image alt text has inappropriate pattern": "图片替代文字的写法不恰当",
    "Use meaningful text": "请使用有意义的文字",
    "Meta description is empty": "页面描述为空",
    "Add a concise description for search engines": "请为搜索引擎添加简明的描述",
    "%(classname)s object (%(id)s)": "%(classname)s 对象（%(id)s）",
    "Theme preferences": "主题偏好",
    "No %(model_name)s match your query.": "没有符合查询条件的%(model_name)s。",
    "%(model_name)s '%(title)s' is now unlocked.": "%(model_name)s“%(title)s”已解锁。",
    "%(model_name)s '%(object)s' has been scheduled for publishing.": "%(model_name)s“%(object)s”已安排定时发布。",
    "%(model_name)s '%(object)s' created and scheduled for publishing.": "%(model_name)s“%(object)s”已创建并安排定时发布。",
    "%(model_name)s '%(object)s' is live and this version has been scheduled for publishing.": "%(model_name)s“%(object)s”已上线，此版本已安排定时发布。",
    "%(model_name)s '%(object)s' updated and published.": "%(model_name)s“%(object)s”已更新并发布。",
    "%(model_name)s '%(object)s' created and published.": "%(model_name)s“%(object)s”已创建并发布。",
    "%(model_name)s '%(object)s' has been submitted for moderation.": "%(model_name)s“%(object)s”已提交审核。",
    "%(model_name)s '%(object)s' created and submitted for moderation.": "%(model_name)s“%(object)s”已创建并提交审核。",
    "Workflow on %(model_name)s '%(object)s' has been restarted.": "%(model_name)s“%(object)s”的工作流已重新开始。",
    "Workflow on %(model_name)s '%(object)s' has been cancelled.": "%(model_name)s“%(object)s”的工作流已取消。",
    "Saving will overwrite a newer version.": "保存将覆盖较新的版本。",
    "The %(model_name)s could not be saved as it is locked": "该%(model_name)s已被锁定，无法保存",
    (
        "You are viewing a previous version of this %(model_name)s from <b>%(created_at)s</b>"
        " by %(user)s"
    ): "您正在查看此%(model_name)s由%(user)s于<b>%(created_at)s</b>保存的旧版本",
    "%(model_name)s '%(object)s' has been replaced with version from %(timestamp)s.": "%(model_name)s“%(object)s”已被替换为%(timestamp)s的版本。",
    "Version from %(timestamp)s of %(model_name)s '%(object)s' has been published.": "%(model_name)s“%(object)s”%(timestamp)s的版本已发布。",
    (
        "Version from %(timestamp)s of %(model_name)s '%(object)s' has been scheduled for "
        "publishing."
    ): "%(model_name)s“%(object)s”%(timestamp)s的版本已安排定时发布。",
    "%(related_model_name)s %(field_label)s": "%(related_model_name)s%(field_label)s",
    "Sort item order": "调整排序",
    "New: %(model_name)s": "新建：%(model_name)s",
    "There are validation errors, click save to highlight them.": "存在校验错误，请点击保存以突出显示。",
    "Compare": "比较",
    "Preview for %(block_label)s (%(block_type)s)": "%(block_label)s（%(block_type)s）的预览",
    "If you confirm deletion": "如果确认删除",
    "(Private %(object)s)": "（私有%(object)s）",
    "The %(model_name)s '%(title)s' is not currently awaiting moderation.": "%(model_name)s“%(title)s”目前不在审核中。",
    (
        "The %(model_name)s '%(title)s' is not currently awaiting moderation in task "
        "'%(task_name)s'."
    ): "%(model_name)s“%(title)s”目前不在任务“%(task_name)s”的审核中。",
    "Search all pages…": "搜索所有页面…",
    "Privacy is inherited from the ancestor page - %(ancestor_page)s": "隐私设置继承自上级页面 - %(ancestor_page)s",
    "%(parent_pages)s and %(child_pages)s have been deleted": "%(parent_pages)s及%(child_pages)s已删除",
    (
        "%(num_parent_objects)d page has been deleted",
        "%(num_parent_objects)d pages have been deleted",
    ): "已删除 %(num_parent_objects)d 个页面",
    (
        "%(num_parent_objects)d page",
        "%(num_parent_objects)d pages",
    ): "%(num_parent_objects)d 个页面",
    (
        "%(num_child_objects)d child page",
        "%(num_child_objects)d child pages",
    ): "%(num_child_objects)d 个子页面",
    "%(parent_pages)s and %(child_pages)s have been published": "%(parent_pages)s及%(child_pages)s已发布",
    (
        "%(num_parent_objects)d page has been published",
        "%(num_parent_objects)d pages have been published",
    ): "已发布 %(num_parent_objects)d 个页面",
    "%(parent_pages)s and %(child_pages)s have been unpublished": "%(parent_pages)s及%(child_pages)s已取消发布",
    (
        "%(num_parent_objects)d page has been unpublished",
        "%(num_parent_objects)d pages have been unpublished",
    ): "已取消发布 %(num_parent_objects)d 个页面",
    "Choose parent": "选择上级页面",
    "Create a new %(model_name)s": "新建%(model_name)s",
    "Request to create %(model_name)s was blocked by hook.": "创建%(model_name)s的请求被钩子阻止。",
    "The page could not be created due to validation errors.": "存在校验错误，页面无法创建。",
    "Request to edit %(model_name)s was blocked by hook.": "编辑%(model_name)s的请求被钩子阻止。",
    "The page could not be saved as it is locked.": "页面已被锁定，无法保存。",
    "The page could not be saved due to validation errors.": "存在校验错误，页面无法保存。",
    "Is commenting action": "是否为评论操作",
    "Date updated": "更新日期",
    "Edited by": "编辑者",
    "Has child pages": "有子页面",
    "Any": "任意",
    "Page type": "页面类型",
    "Exploring": "正在浏览",
    (
        "The slug '%(page_slug)s' is already in use at the selected parent page. Make sure "
        "the slug is unique and try again."
    ): "短地址“%(page_slug)s”已被所选上级页面下的其他页面使用。请确保短地址唯一后重试。",
    "Placeholder title": "占位标题",
    "Page types usage": "页面类型使用情况",
    "Locked by": "锁定者",
    "Anyone": "任何人",
    "By task": "按任务",
    "By workflow": "按工作流",
    "Show disabled": "显示已停用",
    (
        (
            "This workflow is in progress on %(states_in_progress)d page/snippet. Disabling "
            "this workflow will cancel moderation on this page/snippet."
        ),
        (
            "This workflow is in progress on %(states_in_progress)d pages/snippets. Disabling"
            " this workflow will cancel moderation on these pages/snippets."
        ),
    ): "此工作流正在 %(states_in_progress)d 个页面/片段上进行。停用此工作流将取消这些页面/片段的审核。",
    (
        (
            "This task is in progress on %(states_in_progress)d page/snippet. Disabling this "
            "task will cause it to be skipped in the moderation workflow and not be listed "
            "for selection when editing a workflow."
        ),
        (
            "This task is in progress on %(states_in_progress)d pages/snippets. Disabling "
            "this task will cause it to be skipped in the moderation workflow and not be "
            "listed for selection when editing a workflow."
        ),
    ): "此任务正在 %(states_in_progress)d 个页面/片段上进行。停用此任务后，审核工作流将跳过它，编辑工作流时也不会列出它以供选择。",
    "Shortcuts": "快捷键",
    # wagtail.contrib.forms
    (
        "The name '%(duplicate_clean_name)s' is already assigned to this field and cannot be "
        "changed. Please enter a different label for the conflicting field."
    ): "名称“%(duplicate_clean_name)s”已分配给此字段，无法更改。请为冲突的字段输入其他标签。",
    (
        "Field name '%(duplicate_clean_name)s' conflicts with another field. Please change "
        "the label."
    ): "字段名“%(duplicate_clean_name)s”与另一个字段冲突。请更改标签。",
    (
        "Comma or new line separated list of choices. Only applicable in checkboxes, radio "
        "and dropdown."
    ): "以逗号或换行分隔的选项列表。仅适用于复选框、单选按钮和下拉列表。",
    "Default value. Comma or new line separated values supported for checkboxes.": "默认值。复选框支持以逗号或换行分隔的多个值。",
    (
        "Are you sure you want to delete this form submission?",
        "Are you sure you want to delete these form submissions?",
    ): "确定要删除这些表单提交记录吗？",
    # wagtail.contrib.redirects
    (
        "<p>Select a file where redirects are separated into rows and contains the columns "
        "representing <code>from</code> and <code>to</code> (they can be named anything).</p>"
        " <p>After submitting you will be taken to a confirmation view where you can "
        "customize your redirects before import.</p>"
    ): (
        "<p>请选择一个文件，每行一条重定向，并包含分别表示<code>原地址</code>和<code>目标地址</code>的列（列名不限）。</p> "
        "<p>提交后将进入确认页面，您可以在导入前调整这些重定向。</p>"
    ),
    'File format of type "%(extension)s" is not supported.': "不支持“%(extension)s”类型的文件格式。",
    "Imported file has a wrong encoding: %(error_message)s.": "导入的文件编码有误：%(error_message)s。",
    "%(error)s encountered while trying to read file: %(filename)s.": "读取文件 %(filename)s 时发生错误：%(error)s。",
    # wagtail.contrib.search_promotions
    "You must enter an external link text if you enter an external link URL.": "填写外部链接网址时，必须同时填写外部链接文字。",
    "You must recommend a page OR an external link.": "必须推荐一个页面或一个外部链接。",
    "Please only select a page OR enter an external link.": "请只选择一个页面或只填写一个外部链接。",
    "query": "搜索词",
    "queries": "搜索词",
    "Choose an internal page for this promotion": "为此推荐选择一个站内页面",
    "External link URL": "外部链接网址",
    "Alternatively, use an external link for this promotion": "也可以为此推荐使用外部链接",
    "Applies to internal page or external link": "适用于站内页面或外部链接",
    (
        "<p>Promoted search results are a means of recommending specific pages or external "
        "links that might not organically come high up in search results. E.g recommending "
        "your primary donation page to a user searching with the less common term "
        '"<em>giving</em>".</p>'
    ): "<p>推荐搜索结果用于推荐那些在自然搜索结果中排名不靠前的特定页面或外部链接。例如，当用户用较少见的词语“<em>捐赠</em>”搜索时，推荐主要的捐赠页面。</p>",
    (
        '<p>The "Search term(s)/phrase" field below must contain the full and exact search '
        "for which you wish to provide recommended results, <em>including</em> any "
        "misspellings/user error. To help, you can choose from search terms that have been "
        "popular with users of your site.</p>"
    ): "<p>下方的“搜索词/短语”字段必须填写希望为之提供推荐结果的完整、准确的搜索内容，<em>包括</em>任何错别字或用户输入错误。为方便起见，您可以从本站用户常用的搜索词中选择。</p>",
    "Recommended search result": "推荐搜索结果",
    "Add a recommended result": "添加推荐结果",
    "No promoted results have been created.": "尚未创建推荐结果。",
    "Views": "浏览次数",
    "Search terms": "搜索词",
    "Recommendations have not been created due to errors.": "存在错误，推荐未创建。",
    "Recommendations have not been saved due to errors.": "存在错误，推荐未保存。",
    # wagtail.contrib.simple_translation
    (
        "Include subtree (%(descendant_count)s page)",
        "Include subtree (%(descendant_count)s pages)",
    ): "包括下级页面（%(descendant_count)s 个页面）",
    "Can submit translations": "可以提交翻译",
    # wagtail.contrib.table_block
    "Table headers": "表头",
    "Display the first row as a header": "将第一行显示为表头",
    "Display the first column as a header": "将第一列显示为表头",
    "Display the first row AND first column as headers": "将第一行和第一列都显示为表头",
    "No headers": "无表头",
    "Which cells should be displayed as headers?": "哪些单元格应显示为表头？",
    (
        "A heading that identifies the overall topic of the table, and is useful for screen "
        "reader users."
    ): "概括表格主题的标题，对屏幕阅读器用户很有帮助。",
    "Select a header option": "选择表头选项",
    # wagtail.contrib.typed_table_block
    "Caption": "表格标题",
    # wagtail.documents
    "Maximum filesize: %(max_upload_size)s.": "文件大小上限：%(max_upload_size)s。",
    (
        'Why not <a class="upload-one-now" href="#tab-upload" '
        'data-action="w-tabs#select:prevent" data-w-tabs-target="trigger" '
        'data-w-tabs-focus-param="true">upload one now</a>?'
    ): (
        '要<a class="upload-one-now" href="#tab-upload" data-action="w-tabs#select:prevent" '
        'data-w-tabs-target="trigger" data-w-tabs-focus-param="true">立即上传一个</a>吗？'
    ),
    (
        '%(total)s Document <span class="w-sr-only">created in %(site_name)s</span>',
        '%(total)s Documents <span class="w-sr-only">created in %(site_name)s</span>',
    ): '%(total)s 个文档 <span class="w-sr-only">在%(site_name)s中创建</span>',
    "The document could not be created due to errors.": "存在错误，文档未创建。",
    "The file could not be found. Please change the source or delete the document.": "找不到该文件。请更换来源或删除此文档。",
    # wagtail.images
    "unknown number": "未知数量",
    "Layout": "布局",
    "You haven't uploaded any images.": "您尚未上传任何图片。",
    (
        '%(total)s Image <span class="w-sr-only">created in %(site_name)s</span>',
        '%(total)s Images <span class="w-sr-only">created in %(site_name)s</span>',
    ): '%(total)s 张图片 <span class="w-sr-only">在%(site_name)s中创建</span>',
    "Image focal point": "图片焦点",
    "Grid layout": "网格布局",
    "List layout": "列表布局",
    "Please provide an image description to comply with best practices for accessibility.": "请提供图片描述，以符合无障碍的最佳做法。",
    (
        "Upload successful. However, your new image seems to be a duplicate of this existing "
        "image. You may delete it if it wasn't required."
    ): "上传成功。但新图片似乎与这张已有图片重复。如不需要，可以将其删除。",
    "Oldest": "最早",
    "Usage count: (low to high)": "使用次数（从少到多）",
    "Usage count: (high to low)": "使用次数（从多到少）",
    "Generate URL": "生成网址",
    "The filter options you have selected are not valid.": "所选的筛选条件无效。",
    # wagtail
    "Wagtail API v3": "Wagtail API v3",
    "- Select an option -": "- 请选择 -",
    "Wagtail sitemaps": "Wagtail 站点地图",
    "Unknown content type": "未知内容类型",
    "Date cannot be in the future.": "日期不能晚于今天。",
    "No one can make changes while the %(model_name)s is locked": "%(model_name)s锁定期间任何人都不能修改",
    "<b>'{title}' was locked</b> by <b>you</b> on <b>{datetime}</b>.": "<b>“{title}”已被锁定</b>：由<b>您</b>于<b>{datetime}</b>锁定。",
    "<b>'{title}' is locked</b> by <b>you</b>.": "<b>“{title}”已被锁定</b>，锁定者为<b>您</b>。",
    "<b>'{title}' was locked</b> by <b>{user}</b> on <b>{datetime}</b>.": "<b>“{title}”已被锁定</b>：由<b>{user}</b>于<b>{datetime}</b>锁定。",
    "<b>'{title}' is locked</b>.": "<b>“{title}”已被锁定</b>。",
    "Locked by you": "被您锁定",
    "Locked by another user": "被其他用户锁定",
    "Only you can make changes while the %(model_name)s is locked": "%(model_name)s锁定期间只有您可以修改",
    "Only %(user)s can make changes while the %(model_name)s is locked": "%(model_name)s锁定期间只有%(user)s可以修改",
    "This %(model_name)s is currently awaiting moderation.": "此%(model_name)s正在等待审核。",
    (
        "This {model_name} is awaiting <b>'{task_name}'</b> in the <b>'{workflow_name}'</b> "
        "workflow."
    ): "此{model_name}正在<b>“{workflow_name}”</b>工作流中等待<b>“{task_name}”</b>。",
    "Only reviewers for this task can edit the %(model_name)s.": "只有此任务的审核人可以编辑该%(model_name)s。",
    "Locked by workflow": "被工作流锁定",
    "Reviewers can edit this %(model_name)s – lock it to prevent other reviewers from editing": "审核人可以编辑此%(model_name)s——锁定后可防止其他审核人编辑",
    "Only reviewers can edit and approve the %(model_name)s": "只有审核人可以编辑和批准该%(model_name)s",
    "{model_name} '{title}' is locked and has been scheduled to go live at {datetime}": "{model_name}“{title}”已锁定，并已安排于{datetime}上线",
    "Locked by schedule": "被发布计划锁定",
    "Currently locked and will go live on the scheduled date": "当前已锁定，将于计划日期上线",
    "A human-readable label to identify this token.": "便于识别此令牌的名称。",
    "created": "创建时间",
    "revoked at": "撤销时间",
    "last used at": "最后使用时间",
    "API token": "API 令牌",
    "API tokens": "API 令牌",
    "locale": "语言区域",
    "for content type": "适用内容类型",
    (
        "The slug '%(page_slug)s' is already in use within the parent page at "
        "'%(parent_url_path)s'."
    ): "短地址“%(page_slug)s”已被“%(parent_url_path)s”下的其他页面使用。",
    "Cannot overwrite a revision that is not the latest for this %(model_name)s.": "不能覆盖非此%(model_name)s最新版本的修订。",
    "Cannot overwrite a revision that was not created by the current user.": "不能覆盖非当前用户创建的修订。",
    "the %(model_name)s will also be deleted": "该%(model_name)s也将被删除",
    "prevents deletion": "阻止删除",
    "will be set to the default %(model_name)s": "将设为默认的%(model_name)s",
    "will do nothing": "不受影响",
    "may prevent deletion": "可能阻止删除",
    "will be set to a %(model_name)s specified by the system": "将设为系统指定的%(model_name)s",
    "will unset the reference": "将取消引用",
    "group site permission": "用户组站点权限",
    "group site permissions": "用户组站点权限",
    "Private, accessible with a shared password": "私有，凭共享密码访问",
    "Private, accessible to any logged-in users": "私有，登录用户均可访问",
    "shared password": "共享密码",
    (
        "Shared passwords should not be used to protect sensitive content. Anyone who has "
        "this password will be able to view the content."
    ): "共享密码不应用于保护敏感内容。任何知道此密码的人都能查看内容。",
    "There may only be one in progress or needs changes workflow state per page/snippet.": "每个页面/片段只能有一个进行中或需要修改的工作流状态。",
    "Workflow '%(workflow_name)s' on %(model_name)s '%(title)s': %(status)s": "%(model_name)s“%(title)s”上的工作流“%(workflow_name)s”：%(status)s",
    (
        "Active workflows can be added to pages/snippets. Deactivating a workflow does not "
        "remove it from existing pages/snippets."
    ): "启用的工作流可以添加到页面/片段。停用工作流不会将其从已有的页面/片段中移除。",
    (
        "Pages/snippets at this step in a workflow will be moderated or approved by these "
        "groups of users"
    ): "处于工作流此环节的页面/片段将由这些用户组审核或批准",
    "Task '%(task_name)s' on Revision '%(revision_info)s': %(status)s": "修订“%(revision_info)s”上的任务“%(task_name)s”：%(status)s",
    "Create API token": "创建 API 令牌",
    "API token created": "API 令牌已创建",
    "Revoke API token": "撤销 API 令牌",
    "API token revoked": "API 令牌已撤销",
    "%(model_name)s scheduled for publishing at %(go_live_at)s": "%(model_name)s已安排于%(go_live_at)s发布",
    "%(model_name)s scheduled for publishing": "%(model_name)s已安排定时发布",
    "%(model_name)s unscheduled for publishing at %(go_live_at)s": "%(model_name)s已取消于%(go_live_at)s的定时发布",
    "%(model_name)s unscheduled from publishing": "%(model_name)s已取消定时发布",
    "Removed the '%(restriction)s' view restriction. The page is public.": "已移除“%(restriction)s”访问限制，页面现已公开。",
    "Resubmitted '%(task)s'. Workflow resumed": "已重新提交“%(task)s”，工作流继续进行",
    # wagtail.locales
    "%(num_pages)d pages and %(num_others)d others": "%(num_pages)d 个页面及 %(num_others)d 个其他对象",
    (
        "%(num_pages)d page",
        "%(num_pages)d pages",
    ): "%(num_pages)d 个页面",
    # wagtail.snippets
    (
        "You haven't created any %(snippet_type_name)s snippets. Why not <a "
        'href="%(wagtailsnippets_create_snippet_url)s" target="_blank" '
        'rel="noreferrer">create one now</a>?'
    ): (
        '您尚未创建任何%(snippet_type_name)s片段。要<a href="%(wagtailsnippets_create_snippet_url)s" '
        'target="_blank" rel="noreferrer">立即创建一个</a>吗？'
    ),
    # wagtail.users
    "Required. Letters, digits and @/./+/-/_ only.": "必填。只能包含字母、数字和 @/./+/-/_。",
    "admin theme": "后台主题",
    "More contrast": "更高对比度",
    "contrast": "对比度",
    "Snug": "紧凑",
    "density": "密度",
    "Enable custom keyboard shortcuts specific to Wagtail.": "启用 Wagtail 专用的自定义键盘快捷键。",
    "Yes, revoke": "是，撤销",
    "No, don't revoke": "不，不撤销",
    'The token "%(name)s" has been created, copy it now, it will never be shown again.': "令牌“%(name)s”已创建，请立即复制，之后将不再显示。",
    "Copy token": "复制令牌",
    "Back to API tokens": "返回 API 令牌",
    "Copying failed — please select and copy the token manually.": "复制失败——请手动选择并复制令牌。",
    "Revoked": "已撤销",
    "Toggle all change permissions": "切换全部修改权限",
    "Toggle all delete permissions": "切换全部删除权限",
    "Toggle all custom permissions": "切换全部自定义权限",
    "Can view": "可以查看",
    "Last used": "最后使用",
    "Token": "令牌",
    "Revoke": "撤销",
    "Never": "从未",
    "Are you sure you want to revoke this API token?": "确定要撤销此 API 令牌吗？",
    "API token '%(name)s' revoked.": "API 令牌“%(name)s”已撤销。",
}

ADMIN_JS_TRANSLATIONS: dict[str | tuple[str, str], str] = {
    # wagtail.admin
    "(%(number)s new items in this menu)": "（此菜单中有 %(number)s 个新项目）",
    "(1 new item in this menu)": "（此菜单中有 1 个新项目）",
    "(New)": "（新）",
    (
        "%(num)s error",
        "%(num)s errors",
    ): "%(num)s 处错误",
    (
        "%(num)s min",
        "%(num)s mins",
    ): "%(num)s 分钟",
    (
        "%(num)s pixel",
        "%(num)s pixels",
    ): "%(num)s 像素",
    "%(time_zone_option)s: %(localized_time_zone_label)s": "%(time_zone_option)s：%(localized_time_zone_label)s",
    "A network error occurred.": "发生网络错误。",
    "A server error occurred.": "发生服务器错误。",
    "Autosave in progress…": "正在自动保存…",
    "Blocks": "块",
    "Changes have been autosaved.": "修改已自动保存。",
    "Complex": "复杂",
    "Error while sending preview data.": "发送预览数据时出错。",
    "Fair": "一般",
    "Good": "良好",
    "Insert a block": "插入块",
    "Split block": "拆分块",
    "Write something or type ‘/’ to insert a block": "输入内容，或键入“/”插入块",
}
