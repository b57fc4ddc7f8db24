"""Every document of the index, built and analysed for a rebuild, in several processes."""

from __future__ import annotations

from collections.abc import Iterator

from .documents import SearchDoc, chunked, registry


def _prepare(doc: SearchDoc) -> SearchDoc:
    doc._analyzed = doc.analyzed()
    doc._suggest = doc.suggest_inputs()
    return doc


_DONE = "done"


def iter_prepared(workers: int = 1, batch_size: int = 200) -> Iterator[SearchDoc]:
    """Every document of the index, built and analysed: what a rebuild writes.

    With ``workers > 1``, that many forked processes each read and analyse their share of the
    rows (primary key modulo ``workers``) on connections of their own, and this process only
    receives finished documents (in no particular order). Reading in other processes needs a
    database they can see: not the inside of a transaction, not an in-memory SQLite database;
    there, and with one worker, everything happens in this process.
    """
    return iter_built(_prepare, workers, batch_size)


def iter_built(transform, workers: int = 1, batch_size: int = 200, templates: bool = True):
    """``transform(doc)`` of every document of the index, in ``workers`` processes (see
    ``iter_prepared``); ``templates``: as ``Registry.iter_all``."""
    from django.db import connection

    if (
        workers <= 1
        or connection.in_atomic_block
        or (connection.vendor == "sqlite" and connection.is_in_memory_db())
    ):
        for doc in registry.iter_all(templates=templates):
            yield transform(doc)
        return
    import multiprocessing

    from django.db import connections

    connections.close_all()  # the children must not share this process's sockets
    context = multiprocessing.get_context("fork")
    queue = context.Queue(maxsize=workers * 4)
    processes = [
        context.Process(
            target=_build_share,
            args=(queue, transform, (k, workers), batch_size, templates),
            daemon=True,
        )
        for k in range(workers)
    ]
    for process in processes:
        process.start()
    try:
        running = workers
        while running:
            message, payload = queue.get()
            if message == _DONE:
                running -= 1
            elif message == "error":
                raise RuntimeError(f"a rebuild worker failed: {payload}")
            else:
                yield from payload
    finally:
        for process in processes:
            if process.is_alive():
                process.terminate()
            process.join()


def _build_share(queue, transform, share: tuple[int, int], batch_size: int, templates) -> None:
    """Worker process: build and transform one share of the documents, in batches."""
    try:
        for batch in chunked(registry.iter_all(share=share, templates=templates), batch_size):
            queue.put(("docs", [transform(doc) for doc in batch]))
    except Exception as exc:  # noqa: BLE001 - reported to the parent, which raises it
        queue.put(("error", f"{type(exc).__name__}: {exc}"))
    else:
        queue.put((_DONE, None))
    finally:
        from django.db import connections

        connections.close_all()
