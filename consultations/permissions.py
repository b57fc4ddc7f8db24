"""Who may do what with comments — Django model permissions, granted to groups in the admin:
`consultations.view_comment` reads the moderation list and the exports,
`consultations.change_comment` moderates, `consultations.view_comment_contact` alone shows a
commenter's contact (and adds it to an export), each time written to the audit log."""

VIEW = "consultations.view_comment"
MODERATE = "consultations.change_comment"
CONTACT = "consultations.view_comment_contact"


def may_read(user) -> bool:
    return user.is_active and (user.has_perm(VIEW) or user.has_perm(MODERATE))


def may_moderate(user) -> bool:
    return user.is_active and user.has_perm(MODERATE)


def may_see_contact(user) -> bool:
    return user.is_active and user.has_perm(CONTACT)
