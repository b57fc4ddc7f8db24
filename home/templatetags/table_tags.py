"""Editors' tables (the body's table block) in the shared data-table pattern."""

from django import template

register = template.Library()


@register.filter
def labelled_rows(value):
    """The table block's body rows as [(heading, cell), …], heading being the cell's column
    heading from the first row when that row is the header (else None): on a phone each cell
    shows its heading (data-label), as in every other data table of the site."""
    data = value.get("data") or []
    if not value.get("first_row_is_table_header") or not data:
        return [[(None, cell) for cell in row] for row in data]
    headings = [heading or "" for heading in data[0]]
    return [
        [(headings[i] if i < len(headings) else "", cell) for i, cell in enumerate(row)]
        for row in data[1:]
    ]
