"""Reading values that visitors type or edit into query strings."""

MAX_ID = 2**31 - 1


def int_param(value, minimum=1, maximum=MAX_ID):
    """An integer from a query-string value within [minimum, maximum], or None for anything
    else: empty, signs, non-ASCII digits such as "２" or "²", or numbers too large for the
    database."""
    if not value or not value.isascii() or not value.isdigit():
        return None
    number = int(value)
    return number if minimum <= number <= maximum else None
