"""Filling a table with many rows at once without a column-width pass per cell.

A header whose sections size to their contents measures every row of a column each time a cell
changes; inside a laid-out page that pass can run once per ``setItem``, and a few hundred rows then
keep the GUI thread busy for seconds. :func:`bulk_fill` holds the columns at their width and the
painting off while the rows go in, then gives the header its modes back: one pass for the whole table.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtWidgets import QHeaderView, QTableWidget


@contextmanager
def bulk_fill(table: QTableWidget) -> Iterator[QTableWidget]:
    """Within the block, fill ``table`` freely; its column widths are computed once at the end."""
    header = table.horizontalHeader()
    modes = [header.sectionResizeMode(column) for column in range(header.count())]
    sorting = table.isSortingEnabled()
    table.setSortingEnabled(False)
    table.setUpdatesEnabled(False)
    header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    try:
        yield table
    finally:
        for column, mode in enumerate(modes):
            header.setSectionResizeMode(column, mode)
        table.setSortingEnabled(sorting)
        table.setUpdatesEnabled(True)
