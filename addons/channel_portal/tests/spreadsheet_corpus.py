# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Spreadsheets for the upload tests, built in memory.

``cases()`` gives the good files and every kind of bad file a store could
upload (by mistake or not); the module-level builders let a test read one
file on its own and compare the rows with ``GOOD_ROWS``.
"""

import datetime
import io
import random
import re
import zipfile

import openpyxl
import xlwt

from odoo.addons.channel_portal.tools.spreadsheet import MAX_BYTES, MAX_RATIO, MAX_ROWS, MAX_UNCOMPRESSED

SHEET_XML = "xl/worksheets/sheet1.xml"

# Sheet rows from row 1: a header, a number in a text column, a barcode
# typed as a number, a blank row, spaces, a missing quantity or code, a
# blank-looking row and a note in column C.
GOOD_LINES = [
    ("Product Code", "数量"),
    ("MX-0001", 12),
    (6923450000014.0, 2.5),
    (),
    ("  MX-0003  ", "6"),
    ("MX-0004", None),
    (None, 3),
    ("   ", None),
    (6923450000015, 1, "note"),
]
GOOD_ROWS = [
    {"row": 2, "code": "MX-0001", "quantity": 12},
    {"row": 3, "code": "6923450000014", "quantity": 2.5},
    {"row": 5, "code": "MX-0003", "quantity": "6"},
    {"row": 6, "code": "MX-0004", "quantity": None},
    {"row": 7, "code": "", "quantity": 3},
    {"row": 9, "code": "6923450000015", "quantity": 1},
]
# Three columns, as the stock report upload reads them (code, on hand, sold):
# a row with only its third column filled is not blank.
REPORT_LINES = [
    ("Code", "On hand", "Sold"),
    ("T-PEN", 30, 22),
    (6923450000014, "  ", 1, "ignored: column D"),
    (None, None, 4),
]
REPORT_ROWS = [
    (2, ["T-PEN", 30, 22]),
    (3, ["6923450000014", None, 1]),
    (4, ["", None, 4]),
]
NO_HEADER_LINES = [("MX-0001", 5), ("MX-0002", "7")]
NO_HEADER_ROWS = [
    {"row": 1, "code": "MX-0001", "quantity": 5},
    {"row": 2, "code": "MX-0002", "quantity": "7"},
]


def xlsx(lines, notes=None):
    """An .xlsx whose first sheet holds lines (tuples of cell values); notes,
    when given, goes in A1 of a second sheet."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for line in lines:
        sheet.append(list(line))
    if notes is not None:
        workbook.create_sheet("Notes")["A1"] = notes
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def xls(lines, notes="Only the first sheet is read"):
    """An .xls whose first sheet holds lines (an xlwt.Formula is a formula)
    and a second sheet notes in A1."""
    workbook = xlwt.Workbook()
    sheet = workbook.add_sheet("Order")
    for rowx, line in enumerate(lines):
        for colx, value in enumerate(line):
            if value is not None:
                sheet.write(rowx, colx, value)
    workbook.add_sheet("Notes").write(0, 0, notes)
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def xls_special_cells():
    """An .xls whose quantities are an error cell (xlrd gives #N/A as the
    number 42), a boolean and a date."""
    workbook = xlwt.Workbook()
    sheet = workbook.add_sheet("Order")
    sheet.write(0, 0, "MX-0001")
    sheet.row(0).set_cell_error(1, 0x2A)  # #N/A
    sheet.write(1, 0, "MX-0002")
    sheet.write(1, 1, True)
    sheet.write(2, 0, "MX-0003")
    sheet.write(2, 1, datetime.date(2024, 1, 5), xlwt.easyxf(num_format_str="YYYY-MM-DD"))
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


SPECIAL_ROWS = [
    {"row": 1, "code": "MX-0001", "quantity": "#N/A"},
    {"row": 2, "code": "MX-0002", "quantity": True},
    {"row": 3, "code": "MX-0003", "quantity": datetime.datetime(2024, 1, 5)},
]


def good_xlsx():
    return xlsx(GOOD_LINES)


def good_xls():
    return xls(GOOD_LINES)


def header_and_lines(count):
    return [("Product Code", "Quantity")] + [(f"MX-{index:04d}", index) for index in range(1, count + 1)]


def replace_members(data, replacements):
    """The zip data with some members' content replaced (name -> bytes)."""
    source = zipfile.ZipFile(io.BytesIO(data))
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as target:
        for member in source.infolist():
            target.writestr(member.filename, replacements.get(member.filename, source.read(member.filename)))
    return output.getvalue()


def padded_sheet(data, padding):
    """The .xlsx with whitespace padding inside its sheet XML: still a
    valid workbook, but far larger once inflated."""
    sheet = zipfile.ZipFile(io.BytesIO(data)).read(SHEET_XML)
    head, tail = sheet.split(b"<sheetData", 1)
    return replace_members(data, {SHEET_XML: head + padding + b"<sheetData" + tail})


def zip_bomb_xlsx():
    """30 MB of spaces in the sheet: both over MAX_UNCOMPRESSED and over MAX_RATIO."""
    return padded_sheet(xlsx(NO_HEADER_LINES), b" " * (30 * 1024 * 1024))


def ratio_bomb_xlsx():
    """Under MAX_UNCOMPRESSED in total but a member inflating over MAX_RATIO times."""
    return padded_sheet(xlsx(NO_HEADER_LINES), b" " * (MAX_UNCOMPRESSED // 4))


def large_uncompressed_xlsx():
    """Over MAX_UNCOMPRESSED in total, every member under MAX_RATIO: runs of
    spaces of random lengths compress about 50 times."""
    rand = random.Random(7)
    chunks, size = [], 0
    while size <= MAX_UNCOMPRESSED:
        chunk = b" " * rand.randint(20, 120) + b"\n"
        chunks.append(chunk)
        size += len(chunk)
    return padded_sheet(xlsx(NO_HEADER_LINES), b"".join(chunks))


def no_sheet_xlsx():
    """A workbook whose list of sheets is empty."""
    data = xlsx(NO_HEADER_LINES)
    workbook_xml = zipfile.ZipFile(io.BytesIO(data)).read("xl/workbook.xml")
    return replace_members(data, {"xl/workbook.xml": re.sub(rb"<sheets>.*</sheets>", b"<sheets/>", workbook_xml)})


def text_formula_xlsx():
    """A text cell (an inline string, not a formula) starting with "=" in B2."""
    data = xlsx(NO_HEADER_LINES)
    sheet = zipfile.ZipFile(io.BytesIO(data)).read(SHEET_XML)
    text = b'<c r="B2" t="inlineStr"><is><t>7</t></is></c>'
    assert text in sheet, "openpyxl no longer writes text as an inline string"
    sheet = sheet.replace(text, b'<c r="B2" t="inlineStr"><is><t>=HYPERLINK("http://example.com")</t></is></c>')
    return replace_members(data, {SHEET_XML: sheet})


def wide_xlsx():
    """Few lines, but each with a cell in the last column (XFD)."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for row in range(1, 101):
        sheet.cell(row=row, column=1, value=f"MX-{row:04d}")
        sheet.cell(row=row, column=2, value=1)
        sheet.cell(row=row, column=16384, value="x")
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def random_bytes(size, seed, prefix=b""):
    rand = random.Random(seed)
    return prefix + bytes(rand.getrandbits(8) for __ in range(size))


def cases():
    """[(name, filename, data, expected error substring or None when the file is good)]"""
    good = good_xlsx()
    ole2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    return [
        # good files
        ("good xlsx", "order.xlsx", good, None),
        ("good xls", "order.xls", good_xls(), None),
        ("xls error, boolean and date cells", "order.xls", xls_special_cells(), None),
        ("upper-case extension", "ORDER.XLSX", good, None),
        ("no header", "order.xlsx", xlsx(NO_HEADER_LINES), None),
        ("header only", "order.xlsx", xlsx(header_and_lines(0)), None),
        ("empty sheet", "order.xlsx", xlsx([]), None),
        ("exactly MAX_ROWS lines", "order.xlsx", xlsx(header_and_lines(MAX_ROWS)), None),
        # only the first sheet is read, so only it must hold values only
        ("xlsx formula on another sheet", "order.xlsx", xlsx(NO_HEADER_LINES, notes="=1+1"), None),
        ("xls formula on another sheet", "order.xls", xls(NO_HEADER_LINES, notes=xlwt.Formula("1+1")), None),
        # refused before reading
        ("empty", "order.xlsx", b"", "is empty"),
        ("oversize", "order.xlsx", b"PK\x03\x04" + b"\0" * MAX_BYTES,
         f"larger than {MAX_BYTES // (1024 * 1024)} MB"),
        ("csv", "order.csv", b"code,quantity\nMX-0001,12\n", "Only .xlsx and .xls"),
        ("no extension", "order", good, "Only .xlsx and .xls"),
        ("text renamed xlsx", "order.xlsx", b"code,quantity\nMX-0001,12\n", "is not a real .xlsx"),
        ("xls renamed xlsx", "order.xlsx", good_xls(), "is not a real .xlsx"),
        ("xlsx renamed xls", "order.xls", good, "is not a real .xls"),
        ("random bytes xls", "order.xls", random_bytes(4096, 1), "is not a real .xls"),
        # zip bombs
        ("zip bomb", "order.xlsx", zip_bomb_xlsx(), "too large once uncompressed"),
        (f"member over {MAX_RATIO}x", "order.xlsx", ratio_bomb_xlsx(), "too large once uncompressed"),
        ("total over MAX_UNCOMPRESSED", "order.xlsx", large_uncompressed_xlsx(), "too large once uncompressed"),
        # damaged
        ("truncated xlsx", "order.xlsx", good[:len(good) // 2], "could not be read"),
        ("zip, not a workbook", "order.xlsx", replace_members(good, {"xl/workbook.xml": b"<oops"}),
         "could not be read"),
        ("random OLE2 xls", "order.xls", random_bytes(4096, 2, prefix=ole2), "could not be read"),
        ("truncated xls", "order.xls", good_xls()[:1536], "could not be read"),
        # content refused
        ("xlsx formula", "order.xlsx", xlsx(header_and_lines(1) + [("MX-0002", "=B2*2")]), "formulas (cell B3)"),
        ("xlsx formula in column D", "order.xlsx", xlsx([("MX-0001", 1, None, "=SUM(B1:B1)")]),
         "formulas (cell D1)"),
        ("xlsx text starting with =", "order.xlsx", text_formula_xlsx(), "formulas (cell B2)"),
        ("xls formula", "order.xls", xls(header_and_lines(1) + [("MX-0002", xlwt.Formula("B2*2"))]),
         "formulas (cell B3)"),
        ("xls text starting with =", "order.xls", xls([("MX-0001", "=1+1")]), "formulas (cell B1)"),
        ("too many rows", "order.xlsx", xlsx(header_and_lines(MAX_ROWS + 5)), f"more than {MAX_ROWS} lines"),
        ("too many rows xls", "order.xls", xls(header_and_lines(MAX_ROWS + 5)), f"more than {MAX_ROWS} lines"),
        ("no sheet", "order.xlsx", no_sheet_xlsx(), "no sheet"),
        ("wide sheet", "order.xlsx", wide_xlsx(), "first sheet is too large"),
    ]
