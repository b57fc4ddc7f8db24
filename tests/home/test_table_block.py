"""Editors' tables render in the shared data-table pattern: each body cell carries its column
heading (data-label), which a phone shows beside the value when the rows become cards."""

from django.template.loader import render_to_string

from home.templatetags.table_tags import labelled_rows


def table(first_row_is_header=True, data=None):
    return {
        "data": data or [["街道", "代表人数", "联络站"], ["东城街道", "21", "5"], ["青石镇", None]],
        "first_row_is_table_header": first_row_is_header,
        "first_col_is_header": True,
        "table_caption": "代表分布",
    }


def test_cells_carry_their_column_heading():
    assert labelled_rows(table()) == [
        [("街道", "东城街道"), ("代表人数", "21"), ("联络站", "5")],
        [("街道", "青石镇"), ("代表人数", None)],
    ]


def test_without_a_header_row_no_cell_is_labelled():
    rows = labelled_rows(table(first_row_is_header=False))
    assert len(rows) == 3
    assert {heading for row in rows for heading, _ in row} == {None}


def test_a_row_longer_than_the_header_gets_empty_labels():
    rows = labelled_rows(table(data=[["街道"], ["东城街道", "21"]]))
    assert rows == [[("街道", "东城街道"), ("", "21")]]


def test_rendered_table_is_a_data_table_with_labels():
    html = render_to_string("components/streamfield/blocks/table_block.html", {"value": table()})
    assert '<table class="data-table">' in html
    assert '<th scope="col">代表人数</th>' in html
    assert '<th scope="row">东城街道</th>' in html  # the first column is the row heading
    assert '<td data-label="代表人数">21</td>' in html
    assert '<td data-label="联络站">5</td>' in html
    assert '<td data-label="代表人数"></td>' in html  # an empty cell stays empty, labelled
