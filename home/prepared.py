"""Queries compiled once per process, run with new parameters.

A page's queries keep their shape from request to request; only the values differ (a page's
id, a list of paths, the time). The ORM builds and compiles the SQL again every time, and
for the small indexed queries of a page that costs many times what the database needs to
answer them. A function decorated with ``@prepared`` builds the QuerySet as usual; the first
call for each *shape* (database alias and vendor, the type of every argument, the length of
every list argument, the value of every None/True/False argument) builds it with placeholder
values, compiles it, and keeps the SQL with the positions where each argument's value lands
among the parameters. Later calls bind the new values there and read the rows back through
the QuerySet's own iterable class, so they come back exactly as the QuerySet would return
them (model instances with select_related and annotations, values() dicts, values_list()
tuples), converters included. Parameters are always bound, never written into the SQL.

    @prepared
    def sessions_of(station_id, now):
        return ReceptionSession.objects.filter(station_id=station_id, end__gte=now)

    sessions_of(page.pk, timezone.now())  # a list

What an argument may be: int, float, str, date, datetime, time, None, a bool, or a list or
tuple of those. A value must reach the SQL as given (after the database's own adaptation of
dates and times): a lookup that transforms it (``__year``, ``__contains``/``__startswith``
when the value holds a LIKE wildcard) either fails at the first call with a clear error, or,
for LIKE patterns, is run through the ORM for that call. The QuerySet may not use
prefetch_related (use prefetch_related_objects on the result) nor depend on anything but the
arguments (the current language, the time: pass them in)."""

from __future__ import annotations

import copy
import datetime
import functools
import itertools

from django.core.exceptions import EmptyResultSet
from django.db import connections, router
from django.db.models import QuerySet
from django.db.models.sql.compiler import SQLCompiler

_INT_BASE = 1_987_654_000  # inside a 32-bit integer column: the ORM's range checks accept it
_LIKE_SPECIAL = ("%", "_", "\\")
MAX_SHAPES = 64  # per prepared query: list arguments of many lengths are not all kept


class PreparedQueryError(ValueError):
    """The QuerySet cannot be prepared (a programming error: the message says why)."""


def _adapt(connection, value):
    """`value` as the ORM hands it to the database driver for a field of its type."""
    if type(value) is int:  # most arguments are ids
        return value
    ops = connection.ops
    if isinstance(value, datetime.datetime):
        return ops.adapt_datetimefield_value(value)
    if isinstance(value, datetime.date):
        return ops.adapt_datefield_value(value)
    if isinstance(value, datetime.time):
        return ops.adapt_timefield_value(value)
    return value


def _holds_like_special(value: str) -> bool:
    return any(char in value for char in _LIKE_SPECIAL)


def _constant(value) -> bool:
    """Values that are part of the shape itself (they can change the SQL, e.g. IS NULL)."""
    return value is None or isinstance(value, bool)


def _shape(value):
    if _constant(value):
        return ("=", value)
    if isinstance(value, (list, tuple)):
        if _ids(value):
            return ("[]", (int,) * len(value))
        return ("[]", tuple(_shape(item) for item in value))
    if isinstance(value, (datetime.datetime, datetime.time)):
        return (type(value), value.tzinfo is not None)
    if isinstance(value, (int, float, str, datetime.date)):
        return type(value)
    raise PreparedQueryError(f"a prepared query takes no {type(value).__name__} argument")


class _Sentinels:
    """Distinct placeholder values, one per argument (per item of a list argument)."""

    def __init__(self):
        self.counter = itertools.count(1)

    def like(self, value):
        if _constant(value):
            return value
        if isinstance(value, (list, tuple)):
            return [self.like(item) for item in value]
        number = next(self.counter)
        if isinstance(value, float):
            return _INT_BASE + number + 0.25
        if isinstance(value, int):
            return _INT_BASE + number
        if isinstance(value, str):
            return f"prepared{_INT_BASE}x{number}x"
        if isinstance(value, datetime.datetime):
            start = datetime.datetime(1901, 2, 3, 4, 5, 6, tzinfo=value.tzinfo)
            return start + datetime.timedelta(minutes=number)
        if isinstance(value, datetime.date):
            return datetime.date(1901, 2, 3) + datetime.timedelta(days=number)
        return datetime.time(4, number % 60, number // 60, tzinfo=value.tzinfo)


def _ids(values) -> bool:
    """A list of plain integers (ids, the common list argument): its shape and its values
    are taken without looking at each item on its own."""
    return all(type(value) is int for value in values)


def _flatten(values):
    for value in values:
        if isinstance(value, (list, tuple)):
            yield from (value if _ids(value) else _flatten(value))
        elif not _constant(value):
            yield value


class _Plan:
    """One shape's SQL and where each (flattened) argument goes among its parameters."""

    def __init__(self, queryset: QuerySet, sentinels: list, alias: str):
        connection = connections[alias]
        self.queryset = queryset
        self.compiler = queryset.query.get_compiler(using=alias)
        self.converters = {}  # id(connection) -> the compiler's converters on it
        try:
            self.sql, params = self.compiler.as_sql()
        except EmptyResultSet:  # e.g. an empty list for __in: no rows, no query
            self.sql, params = None, ()
        except (ValueError, TypeError, OverflowError) as error:
            raise PreparedQueryError(
                f"{queryset.model.__name__} query cannot be compiled with placeholder values"
                f" ({error}): a lookup transforms an argument; pass what the SQL compares"
            ) from error
        # A value that is a whole LIKE pattern (``iexact`` on SQLite) reaches the SQL as given
        # only when it holds no wildcard: with one, the ORM (which escapes it) runs that call.
        self.has_like = self.sql is not None and "LIKE" in self.sql.upper()
        adapted = [_adapt(connection, value) for value in sentinels]
        found = set()
        # Each parameter: ("const", value) | ("arg", i, wrapper) | ("like", i, before, after).
        self.slots = []
        for param in params:
            slot = ("const", param)
            for index, value in enumerate(adapted):
                if isinstance(param, type(value)) and param == value:
                    # psycopg 3 gets integers as Int4/Int8…: the same wrapper for new values.
                    wrap = None if type(param) is type(value) else type(param)
                    slot = ("arg", index, wrap)
                elif isinstance(param, str) and isinstance(value, str) and value in param:
                    before, _, after = param.partition(value)
                    slot = ("like", index, before, after)
                else:
                    continue
                found.add(index)
                break
            self.slots.append(slot)
        missing = set(range(len(sentinels))) - found
        if self.sql is not None and missing:
            raise PreparedQueryError(
                f"argument value(s) {sorted(missing)} of {queryset.model.__name__} query do not"
                " reach its SQL as given (a lookup transforms them): pass what the SQL compares"
            )

    def run(self, connection, params) -> SQLCompiler:
        """A copy of the compiler that runs the SQL with `params` on `connection`: all rows
        in one fetch, the column converters looked up once per connection."""
        compiler = copy.copy(self.compiler)
        compiler.connection = connection
        sql, col_count, trim = self.sql, self.compiler.col_count, self.compiler.has_extra_select

        def as_sql(*args, **kwargs):
            return sql, params

        def execute_sql(*args, **kwargs):
            with connection.cursor() as cursor:
                cursor.execute(sql, params)
                rows = cursor.fetchall()
            return [[row[:col_count] for row in rows] if trim else rows]

        key = id(connection)
        converters = self.converters.get(key)
        if converters is None:
            converters = self.converters[key] = compiler.get_converters(
                [column[0] for column in self.compiler.select[:col_count]]
            )
        compiler.as_sql, compiler.execute_sql = as_sql, execute_sql
        compiler.get_converters = lambda expressions: converters
        return compiler

    def params(self, connection, values):
        """The parameters for `values` (flattened arguments); None when a LIKE pattern would
        need the ORM's escaping."""
        params = []
        for slot in self.slots:
            kind = slot[0]
            if kind == "const":
                params.append(slot[1])
            elif kind == "arg":
                value = _adapt(connection, values[slot[1]])
                if self.has_like and isinstance(value, str) and _holds_like_special(value):
                    return None
                params.append(value if slot[2] is None else slot[2](value))
            else:
                value = values[slot[1]]
                if _holds_like_special(value):
                    return None
                params.append(f"{slot[2]}{value}{slot[3]}")
        return params


class _Bound:
    """What the QuerySet's iterable class reads of the QuerySet and its query, with the
    compiler that runs the prepared SQL."""

    def __init__(self, queryset: QuerySet, compiler: SQLCompiler):
        self._queryset_query = queryset.query
        self._compiler = compiler
        self.db = compiler.using
        self.model = queryset.model
        self.query = self
        self._fields = queryset._fields
        self._known_related_objects = queryset._known_related_objects

    def get_compiler(self, using=None, connection=None, elide_empty=True):
        return self._compiler

    def __getattr__(self, name):
        return getattr(self._queryset_query, name)


class Prepared:
    def __init__(self, build):
        self.build = build
        self.plans: dict[tuple, _Plan] = {}
        functools.update_wrapper(self, build)

    def __call__(self, *args, using: str | None = None) -> list:
        shape = tuple(_shape(value) for value in args)
        model = getattr(self, "model", None)
        alias = using or (router.db_for_read(model) if model is not None else None)
        plan = None
        if alias is not None:
            plan = self.plans.get((alias, connections[alias].vendor, shape))
        if plan is None:
            if len(self.plans) >= MAX_SHAPES:  # lists of many lengths: not kept, the ORM runs
                queryset = self.build(*args)
                return list(queryset.using(using) if using else queryset)
            plan = self._prepare(args, using, shape)
        if plan.sql is None:
            return []
        connection = connections[plan.compiler.using]
        params = plan.params(connection, list(_flatten(args)))
        if params is None:  # a value the ORM would escape: the ORM runs this one
            queryset = self.build(*args)
            return list(queryset.using(using) if using else queryset)
        return list(
            plan.queryset._iterable_class(_Bound(plan.queryset, plan.run(connection, params)))
        )

    def _prepare(self, args, using, shape) -> _Plan:
        sentinels = _Sentinels()
        placeholders = [sentinels.like(value) for value in args]
        try:
            queryset = self.build(*placeholders)
        except (ValueError, TypeError, OverflowError) as error:
            raise PreparedQueryError(
                f"{self.build.__name__} cannot be built with placeholder values ({error}):"
                " a lookup transforms an argument; pass what the SQL compares"
            ) from error
        if not isinstance(queryset, QuerySet):
            raise PreparedQueryError(f"{self.build.__name__} must return a QuerySet")
        if queryset._prefetch_related_lookups:
            raise PreparedQueryError(
                f"{self.build.__name__}: prefetch_related is not prepared; run"
                " prefetch_related_objects on the rows"
            )
        if using:
            queryset = queryset.using(using)
        self.model = queryset.model
        alias = queryset.db
        plan = _Plan(queryset, list(_flatten(placeholders)), alias)
        self.plans[(alias, connections[alias].vendor, shape)] = plan
        return plan


def padded(ids) -> list:
    """`ids` (not empty) repeated at the end up to the next power of two: the same answer to
    ``__in`` in a prepared query, with a few list lengths (query shapes) instead of one per
    number of rows asked for."""
    ids = list(ids)
    size = 1 << (len(ids) - 1).bit_length()
    return ids + [ids[-1]] * (size - len(ids))


def prepared(build) -> Prepared:
    """Decorate a function that returns a QuerySet built from its arguments: calling it
    returns the QuerySet's rows as a list, the SQL compiled once per shape."""
    return Prepared(build)


def attach_prefetched(instances, relation: str, model, rows_by_instance: dict) -> None:
    """Give each of `instances` its `relation` (a reverse foreign key or a many-to-many
    manager: ``instance.<relation>.all()``) as read by a prepared query, as
    prefetch_related would, without building a filtered QuerySet per instance.
    `rows_by_instance` maps an instance's pk to its rows (instances without an entry get
    none). What is stored is an evaluated empty QuerySet of `model` holding the rows: reading
    it (all(), iteration, len, exists) gives the rows; narrowing it further (filter()) asks
    the database for nothing and gives no rows, never rows of another instance."""
    empty = model._default_manager.none()
    for instance in instances:
        rows = object.__new__(type(empty))
        rows.__dict__.update(empty.__dict__, _hints={**empty._hints}, _known_related_objects={})
        rows._result_cache = list(rows_by_instance.get(instance.pk, ()))
        rows._prefetch_done = True
        cache = instance.__dict__.setdefault("_prefetched_objects_cache", {})
        cache[relation] = rows


def in_database(instance, relation: str) -> bool:
    """Whether `instance`'s child rows of `relation` (a modelcluster ParentalKey or
    ParentalManyToManyField) come from the database, not from a preview's or a draft's rows
    held in memory: only then may a prepared query read them instead."""
    return relation not in getattr(instance, "_cluster_related_objects", {})
