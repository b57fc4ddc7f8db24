"""Mail to commenters through the durable task queue, queued with the comment's change and
retried with backoff like every resident's mail (voices.tasks). The task carries the plain
confirmation token; the comment stores only its hash."""

from django.core.mail import send_mail
from django_tasks import task

from voices.tasks import enqueue_with_the_change, send_or_retry

from .mail import compose_confirm
from .models import Comment


@task(queue_name="default")
def send_confirm_mail(comment_id: int, token: str, attempt: int = 1) -> str:
    comment = Comment.objects.select_related("consultation", "article").filter(pk=comment_id)
    comment = comment.first()
    if comment is None or "@" not in comment.contact:
        return "no address"
    subject, body = compose_confirm(comment, token)
    return send_or_retry(
        lambda: send_mail(subject, body, None, [comment.contact]),
        send_confirm_mail,
        (comment_id, token),
        attempt,
    )


def queue_confirm_mail(comment: Comment, token: str) -> None:
    enqueue_with_the_change(send_confirm_mail, comment.pk, token)
