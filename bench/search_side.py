"""One side of ``bench/search_versus.py``: the search code of one checkout, in a process of its own.

    python bench/search_side.py CHECKOUT        # commands on stdin, answers on stdout

Imports ``search`` from CHECKOUT (an old revision's temporary worktree, or this one), so that
each side indexes and asks with its own code; the database and the index prefix come from the
environment (``DATABASE_URL``, ``ELASTICSEARCH_INDEX_PREFIX``). Only interfaces every revision
since the issue was filed has are used (``ElasticsearchBackend``, ``iter_prepared``,
``SearchDoc``, ``SearchRequest``). One JSON object per line each way:

- ``{"op": "build", "workers": N, "stations": [{key, kind, title, url}, ...]}``: rebuild the
  index from the database, then add the stations; answers the count and seconds;
- ``{"op": "run", "queries": [...], "cold": false}``: each query asked as ``make bench-search``
  asks it (``backend.search(SearchRequest(query=q))``); answers the wall and CPU milliseconds of
  each (CPU: this process's, the Python side of a search). With ``cold``, Elasticsearch's request
  cache is emptied before every query (not timed).
"""

from __future__ import annotations

import json
import os
import sys
import time


def main(checkout: str) -> None:
    sys.path.insert(0, checkout)
    os.chdir(checkout)
    answers = os.fdopen(os.dup(1), "w", buffering=1)
    os.dup2(2, 1)  # anything the code prints goes to stderr, not into the answers

    import django

    django.setup()
    from search.backends import search_config
    from search.backends.base import SearchRequest
    from search.backends.elasticsearch import ElasticsearchBackend
    from search.documents import SearchDoc, iter_prepared

    backend = ElasticsearchBackend({**search_config(), "BACKEND": "elasticsearch"})
    for line in sys.stdin:
        command = json.loads(line)
        if command["op"] == "build":
            backend.clear()
            docs = iter_prepared(command["workers"])
            stats = backend.rebuild(docs, chunk_size=500)
            backend.index([SearchDoc(**station) for station in command["stations"]])
            backend.refresh()
            answer = {"count": backend.count(), "seconds": stats["seconds"]}
        elif command["op"] == "run":
            wall, cpu = [], []
            for query in command["queries"]:
                if command.get("cold"):
                    backend.client.indices.clear_cache(index=backend.alias, request=True)
                started, used = time.perf_counter(), time.process_time()
                backend.search(SearchRequest(query=query))
                wall.append((time.perf_counter() - started) * 1000)
                cpu.append((time.process_time() - used) * 1000)
            answer = {"wall": wall, "cpu": cpu}
        else:
            raise ValueError(f"unknown command {command['op']!r}")
        answers.write(json.dumps(answer) + "\n")


if __name__ == "__main__":
    main(sys.argv[1])
