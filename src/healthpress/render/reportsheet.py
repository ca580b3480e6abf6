"""A yearly report as a spreadsheet: an Excel workbook (openpyxl) or CSV text, for submission.

Both are laid out the same way, one form row to a sheet row: the title, the period, then each part's
heading, its lines (label with unit, value), its tables (head, then label and values) and its prose.
A value not filled is 缺; no cell is ever a formula (text that starts like one is kept as text).
"""

from __future__ import annotations

from dataclasses import dataclass
from io import BytesIO

from healthpress.bureau.reportforms import MISSING, ReportForm, Value
from healthpress.bureau.stats import csv_text

Cell = str | int | float


@dataclass(frozen=True, slots=True)
class SheetRow:
    """One row of the sheet: its cells, what it is (title, period, section, head, line, prose), and the
    merged ranges of a table head (first column, columns, rows; 0-based)."""

    cells: tuple[Cell, ...]
    kind: str
    merges: tuple[tuple[int, int, int], ...] = ()


def cell(value: Value) -> Cell:
    """A value as a sheet holds it: numbers stay numbers (a whole one without .0), 缺 for missing, 是/否."""
    if value is None:
        return MISSING
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float) and value.is_integer():
        return int(value)  # fees: 0 is 0, as the page shows it, not 0.0
    return value


def sheet_rows(form: ReportForm) -> list[SheetRow]:
    rows = [SheetRow((form.heading,), "title"),
            SheetRow((f"统计期限：{form.year}年1月1日至{form.year}年12月31日",), "period")]
    for section in form.sections:
        rows.append(SheetRow((section.heading,), "section"))
        if section.prose:
            rows.append(SheetRow((section.text if section.text is not None else MISSING,), "prose"))
        for line in section.rows:
            label = "　" * line.depth + line.label + (f"（单位：{line.unit}）" if line.unit else "")
            rows.append(SheetRow((label,) if line.heading else (label, cell(line.value)), "line"))
        for table in section.tables:
            if table.caption:
                rows.append(SheetRow((table.caption,), "caption"))
            rows += _head(table)
            for row in table.rows:
                label = ("　" * row.depth + row.label,) if table.labelled or not row.values else ()
                rows.append(SheetRow((*label, *(cell(v) for v in row.values)), "line"))
            if table.note:
                rows.append(SheetRow((table.note,), "prose"))
    return rows


def _head(table) -> list[SheetRow]:
    """The head rows with every cell in its column: a cell spanning rows or columns leaves blanks, merged."""
    taken: set[tuple[int, int]] = set()
    grid: list[list[Cell]] = [[""] * table.width for _ in table.head]
    merges: list[list[tuple[int, int, int]]] = [[] for _ in table.head]
    for r, head in enumerate(table.head):
        column = 0
        for head_cell in head:
            while (r, column) in taken:
                column += 1
            grid[r][column] = head_cell.label
            for dr in range(head_cell.rowspan):
                for dc in range(head_cell.colspan):
                    taken.add((r + dr, column + dc))
            if head_cell.colspan > 1 or head_cell.rowspan > 1:
                merges[r].append((column, head_cell.colspan, head_cell.rowspan))
            column += head_cell.colspan
    return [SheetRow(tuple(cells), "head", tuple(m)) for cells, m in zip(grid, merges)]


def render_report_csv(form: ReportForm) -> str:
    """The report as CSV text for Excel (UTF-8 with a byte order mark, as `stats --csv`; no formula)."""
    return "\ufeff" + csv_text(row.cells for row in sheet_rows(form))


def render_report_xlsx(form: ReportForm) -> bytes:
    """The report as an .xlsx workbook (Excel and WPS open it): one sheet, headings bold, table heads
    merged and centred, every text cell stored as text."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    book = Workbook()
    sheet = book.active
    sheet.title = f"{form.year}年"[:31]
    bold, title = Font(bold=True), Font(bold=True, size=14)
    wrap = Alignment(wrap_text=True, vertical="top")
    merged: list[tuple[int, int, int, int]] = []
    for number, row in enumerate(sheet_rows(form), start=1):
        for column, value in enumerate(row.cells, start=1):
            target = sheet.cell(row=number, column=column)
            target.value = value
            if isinstance(value, str):
                target.data_type = "s"  # text, never a formula, whatever it starts with
                target.quotePrefix = value.startswith(("=", "+", "-", "@"))
            if row.kind in ("title",):
                target.font = title
            elif row.kind in ("section", "caption", "head"):
                target.font = bold
            if row.kind == "head":
                target.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
            elif row.kind == "prose":
                target.alignment = wrap
        merged += [(number, column + 1, number + rowspan - 1, column + colspan) for column, colspan, rowspan in row.merges]
        if row.kind == "prose":
            merged.append((number, 1, number, 8))
            sheet.row_dimensions[number].height = 15 * max(2, len(str(row.cells[0])) // 40 + 1)
    for start_row, start_column, end_row, end_column in merged:  # once every cell is written
        sheet.merge_cells(start_row=start_row, start_column=start_column, end_row=end_row, end_column=end_column)
    sheet.column_dimensions["A"].width = 48
    for letter in "BCDEFGHIJKLMNOP":
        sheet.column_dimensions[letter].width = 12
    out = BytesIO()
    book.save(out)
    return out.getvalue()
