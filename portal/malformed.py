"""Reject requests whose query string or path carries NUL bytes or other C0 control characters.

No resident types them; they come from scanners, and PostgreSQL cannot store or compare them
(it raises instead), so they are answered early with a plain 400 in Chinese."""

import re

from django.http import HttpResponseBadRequest

CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class RejectControlCharactersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        values = [request.path, *request.GET.keys()]
        values += [value for values_ in request.GET.lists() for value in values_[1]]
        if any(CONTROL.search(value) for value in values):
            return HttpResponseBadRequest(
                "请求中含有无效字符。".encode(), content_type="text/plain; charset=utf-8"
            )
        return self.get_response(request)
