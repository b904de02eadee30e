# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Spreadsheets for the upload tests, built in memory.

``cases()`` gives the good files and every kind of bad file a store could
upload (by mistake or not); the module-level builders let a test read one
file on its own and compare the rows with ``GOOD_ROWS``.
"""

import datetime
import io
import random
import re
import struct
import zipfile

import openpyxl
import xlwt
import xlwt.CompoundDoc

from odoo.addons.channel_base.tools.spreadsheet import MAX_BYTES, MAX_RATIO, MAX_ROWS, MAX_UNCOMPRESSED

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


# === HOSTILE PACKAGES === #
# Small files whose parts (not the sheet) are what costs memory: each passes
# the size, total and ratio checks an .xlsx had before, and each is refused by
# the part checks before openpyxl parses anything (openpyxl parses styles.xml
# and sharedStrings.xml whole, at about 18 times their size for styles).

def _add_member(data, name, content, content_type=None, relationship=None):
    """The .xlsx with one more member, declared in [Content_Types].xml and
    related from the workbook when content_type / relationship are given."""
    archive = zipfile.ZipFile(io.BytesIO(data))
    replacements = {name: content}
    if content_type:
        types = archive.read("[Content_Types].xml")
        replacements["[Content_Types].xml"] = types.replace(
            b"</Types>", b'<Override PartName="/%s" ContentType="%s"/></Types>' % (name.encode(), content_type))
    if relationship:
        rels = archive.read("xl/_rels/workbook.xml.rels")
        target = name.split("/", 1)[1].encode()
        replacements["xl/_rels/workbook.xml.rels"] = rels.replace(
            b"</Relationships>", b'<Relationship Id="rIdHostile" Type="%s" Target="%s"/></Relationships>'
            % (relationship, target))
    source_names = set(archive.namelist())
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as target:
        for member in archive.infolist():
            target.writestr(member.filename, replacements.get(member.filename, archive.read(member.filename)))
        if name not in source_names:
            target.writestr(name, content)
    return output.getvalue()


PALETTE = [random.Random(15).getrandbits(24) for __ in range(4096)]


def huge_styles_xlsx(size=19 * 1024 * 1024):
    """The file of issue 16: about half a MB whose styles.xml inflates to 19 MB
    of distinct cell formats (about 40 times: under MAX_RATIO and, in total,
    under MAX_UNCOMPRESSED); openpyxl took ~350 MiB to parse it."""
    rand = random.Random(16)
    data = xlsx(NO_HEADER_LINES)
    styles = zipfile.ZipFile(io.BytesIO(data)).read("xl/styles.xml")
    fonts, xfs, total = [], [], 0
    while total < size:
        font = b'<font><name val="Calibri"/><sz val="%d"/><color rgb="FF%06X"/></font>' % (
            rand.randint(6, 40), rand.choice(PALETTE))
        xf = b'<xf numFmtId="%d" fontId="%d" fillId="%d" borderId="0" xfId="0" applyFont="1"/>' % (
            rand.randint(0, 49), len(fonts) + 1, rand.randint(0, 1))
        fonts.append(font)
        xfs.append(xf)
        total += len(font) + len(xf)
    styles = re.sub(rb'<fonts count="1">(.*?)</fonts>',
                    lambda m: b'<fonts count="%d">' % (len(fonts) + 1) + m.group(1) + b"".join(fonts) + b"</fonts>",
                    styles, count=1, flags=re.S)
    styles = re.sub(rb'<cellXfs count="1">(.*?)</cellXfs>',
                    lambda m: b'<cellXfs count="%d">' % (len(xfs) + 1) + m.group(1) + b"".join(xfs) + b"</cellXfs>",
                    styles, count=1, flags=re.S)
    return replace_members(data, {"xl/styles.xml": styles})


def huge_shared_strings_xlsx(size=12 * 1024 * 1024):
    """A sharedStrings.xml of 12 MB of short texts (openpyxl keeps them all
    in memory), each part under MAX_RATIO and the total under MAX_UNCOMPRESSED."""
    rand = random.Random(17)
    strings, total = [], 0
    while total < size:
        text = b"<si><t>MX-%05d %s</t></si>" % (rand.randint(0, 99999), b"ab"[rand.getrandbits(1):] * rand.randint(1, 6))
        strings.append(text)
        total += len(text)
    xml = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
           b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="%d" uniqueCount="%d">'
           % (len(strings), len(strings)) + b"".join(strings) + b"</sst>")
    return _add_member(
        xlsx(NO_HEADER_LINES), "xl/sharedStrings.xml", xml,
        content_type=b"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml",
        relationship=b"http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings",
    )


def many_parts_xlsx(count=6000):
    """A good workbook with thousands of tiny extra parts."""
    data = xlsx(NO_HEADER_LINES)
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as target:
        with zipfile.ZipFile(io.BytesIO(data)) as source:
            for member in source.infolist():
                target.writestr(member.filename, source.read(member.filename))
        for index in range(count):
            target.writestr(f"customXml/item{index}.xml", b"<a/>")
    return output.getvalue()


def oversized_part_xlsx(size=6 * 1024 * 1024):
    """docProps/core.xml (parsed whole by openpyxl) of 6 MB: runs of spaces
    of random lengths, under MAX_RATIO."""
    rand = random.Random(19)
    chunks, total = [], 0
    while total < size:
        chunk = b" " * rand.randint(20, 120) + b"\n"
        chunks.append(chunk)
        total += len(chunk)
    data = xlsx(NO_HEADER_LINES)
    core = zipfile.ZipFile(io.BytesIO(data)).read("docProps/core.xml")
    head, tail = core.split(b"<dc:creator", 1)
    return replace_members(data, {"docProps/core.xml": head + b"".join(chunks) + b"<dc:creator" + tail})


def deeply_nested_xlsx(depth=20000):
    """A styles.xml (parsed whole by openpyxl) holding elements nested
    20,000 deep (names vary, so that it compresses under MAX_RATIO)."""
    rand = random.Random(20)
    names = [b"x%d" % rand.randint(0, 99999) for __ in range(depth)]
    nest = b"".join(b"<%s>" % name for name in names) + b"".join(b"</%s>" % name for name in reversed(names))
    data = xlsx(NO_HEADER_LINES)
    styles = zipfile.ZipFile(io.BytesIO(data)).read("xl/styles.xml")
    return replace_members(data, {"xl/styles.xml": styles.replace(b"</styleSheet>", nest + b"</styleSheet>")})


def entity_xlsx():
    """A workbook.xml declaring an internal entity (the start of a "billion laughs")."""
    data = xlsx(NO_HEADER_LINES)
    workbook_xml = zipfile.ZipFile(io.BytesIO(data)).read("xl/workbook.xml")
    doctype = b'<!DOCTYPE workbook [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
    if workbook_xml.startswith(b"<?xml"):
        head, tail = workbook_xml.split(b"?>", 1)
        workbook_xml = head + b"?>" + doctype + tail
    else:
        workbook_xml = doctype + workbook_xml
    return replace_members(data, {"xl/workbook.xml": workbook_xml})


def many_styles_xls(count=80000):
    """An .xls of 2 MB whose workbook holds 80,000 cell style (XF) records:
    xlrd builds five objects for each before any sheet is read."""
    workbook = xlwt.Workbook()
    sheet = workbook.add_sheet("Order")
    for rowx, (code, quantity) in enumerate(NO_HEADER_LINES):
        sheet.write(rowx, 0, code)
        sheet.write(rowx, 1, quantity)
    stream = workbook.get_biff_data()
    records, position = [], 0
    while position + 4 <= len(stream):
        opcode, length = struct.unpack_from("<HH", stream, position)
        records.append((opcode, stream[position:position + 4 + length]))
        position += 4 + length
    last_xf = max(index for index, (opcode, __) in enumerate(records) if opcode == 0x00E0)
    extra = records[last_xf][1] * count
    output = []
    for index, (opcode, record) in enumerate(records):
        if opcode == 0x0085:  # BOUNDSHEET: the sheet's BOF moves by the records added
            offset, rest = struct.unpack_from("<i", record, 4)[0], record[8:]
            record = record[:4] + struct.pack("<i", offset + len(extra)) + rest
        output.append(record)
        if index == last_xf:
            output.append(extra)
    document = io.BytesIO()
    xlwt.CompoundDoc.XlsDoc().save(document, b"".join(output))
    return document.getvalue()


def wide_xls(rows=40000):
    """Few values, but each row's value in the last column (IV): xlrd pads
    every row to it, 256 slots a row, before the limits on rows apply."""
    workbook = xlwt.Workbook()
    sheet = workbook.add_sheet("Order")
    for rowx in range(rows):
        sheet.write(rowx, 255, rowx)
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
        # parts that openpyxl parses whole (issue 16: a styles.xml of 19 MB cost 350 MiB)
        ("huge styles.xml", "order.xlsx", huge_styles_xlsx(), "too many cell styles"),
        ("huge sharedStrings.xml", "order.xlsx", huge_shared_strings_xlsx(), "too much text"),
        ("many parts", "order.xlsx", many_parts_xlsx(), "too many parts"),
        ("oversized part", "order.xlsx", oversized_part_xlsx(), "docProps/core.xml: 6.0 MB"),
        ("deeply nested part", "order.xlsx", deeply_nested_xlsx(), "nests more than"),
        ("entities", "order.xlsx", entity_xlsx(), "declares entities"),
        ("xls with many cell styles", "order.xls", many_styles_xls(), "too many cell styles"),
        ("wide xls", "order.xls", wide_xls(), "first sheet is too large"),
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
