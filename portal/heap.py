"""Keep Python's full garbage collections off the request path of a web worker.

A worker's startup heap (Django, Wagtail, every model, form and URL pattern) holds about 400,000
objects that live as long as the process. CPython runs a full (generation 2) collection whenever
the objects promoted since the last one exceed a quarter of that heap, and a full collection walks
all of it: at 10x demo data about one uncached request in fifteen to thirty paid 130-300 ms of CPU
for it (bench/pages.py), instead of 40-60 ms.

`freeze_startup_heap()` loads what the first request would load (the URL patterns and with them
every view), collects once, and moves the survivors to the permanent generation (`gc.freeze()`),
which collections do not walk. A second collection then records the now small collected heap as
the base of the quarter rule, so later full collections walk only what requests left behind
(10-40 ms, rarely). Nothing is cached and no behaviour changes; the objects frozen are never
freed, which they would not be anyway.
"""

import gc


def freeze_startup_heap() -> None:
    from django.urls import get_resolver

    # Import every URLconf and view now rather than on the first request.
    get_resolver().url_patterns  # noqa: B018
    gc.collect()
    gc.freeze()
    gc.collect()
