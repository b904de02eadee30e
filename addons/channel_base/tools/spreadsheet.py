# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Read the product codes and quantities a store uploads as a spreadsheet.

The file comes from the internet, so it is checked before and while it is
read: size, extension, real format (magic bytes), every part of the package
(how many, the size of each once inflated, the styles, the shared texts, the
total, the compression ratio, XML nesting and entities) and for .xls the
records of the workbook (styles, fonts, formats, texts, cells) before xlrd
builds anything, formulas, number of rows and of cells. Every problem becomes a ``UserError`` that says what is
wrong and what to do; no other exception leaves ``read_rows``.

Only the values of the first columns of the first sheet are returned (A the
product code, B the quantity of an order; more columns for other uploads);
checking them against the catalogue is the caller's business.

Shared by the store portal's uploads (``channel_portal``) and the backend's
imports (``channel_api``, with a header row and larger limits). Requires
openpyxl and xlsxwriter (Odoo's own requirements) and xlrd 2 for .xls (the
suite's requirements.txt pins it; Odoo pins xlrd 1.2 below Python 3.12).
"""

import io
import logging
import math
import os
import struct
import zipfile
from xml.parsers import expat

import openpyxl
import xlrd
import xlsxwriter
from openpyxl.utils import get_column_letter
from xlrd.compdoc import CompDoc

from odoo.exceptions import UserError

_logger = logging.getLogger(__name__)

MAX_BYTES = 2 * 1024 * 1024
# The upload routes refuse a request body larger than this (HTTP 413) before
# reading it; a file up to it is read only to MAX_BYTES + 1 and refused with
# the message that says how large a file may be.
MAX_REQUEST_BYTES = 4 * MAX_BYTES
MAX_ROWS = 1000
MAX_UNCOMPRESSED = 20 * 1024 * 1024
MAX_RATIO = 100
# Parts of an .xlsx (zip members). openpyxl parses some whole even when it
# streams the sheet: the stylesheet (about 18 times its size in memory: a
# styles.xml of 19 MB cost 350 MiB and more), the shared texts (about 6 times),
# the workbook, the package's lists and properties. A real order's parts are
# a few KB each (a styles.xml of tens of KB), so these caps refuse only
# hostile or needlessly heavy files.
MAX_MEMBERS = 500
MAX_PART = 1024 * 1024  # any other XML part
MAX_STYLES = 1024 * 1024
# the shared texts: this much per cell of the lines read (at least MAX_PART)
SHARED_STRINGS_PER_CELL = 48
# elements inside elements: a real part nests fewer than 20 deep
MAX_XML_DEPTH = 64
XML_SUFFIXES = (".xml", ".rels", ".vml")
WORKSHEETS = "xl/worksheets/"
SHARED_STRINGS_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"
# Records of an .xls workbook that xlrd turns into objects before the limits
# on rows apply: a cell style (XF) costs five objects (80,000 in a 2 MB file:
# +63 MiB); a real workbook has tens (Excel's own limit is 64,000 with fonts).
MAX_XLS_STYLE_RECORDS = 4000  # XF, FONT and FORMAT records together
# Cell slots walked on the first sheet (rows x width; an empty row counts
# one): one cell in column XFD makes a row 16384 slots wide, and a sheet of
# a few MB of XML can hold hundreds of thousands of rows, so this bounds the
# time a small file can cost. An order of MAX_ROWS lines is far below it.
MAX_CELLS = 200 * 1000

MAGIC = {
    ".xlsx": b"PK\x03\x04",  # zip
    ".xls": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",  # OLE2 compound document
}

# BIFF record opcodes (.xls)
BIFF_BOF = frozenset({0x0009, 0x0209, 0x0409, 0x0809})
BIFF_EOF = 0x000A
BIFF_BOUNDSHEET = 0x0085
BIFF_FORMULA = frozenset({0x0006, 0x0206, 0x0406})
BIFF_STYLES = frozenset({0x00E0, 0x0031, 0x0231, 0x041E})  # XF, FONT, FONT (BIFF3-4), FORMAT
BIFF_SST = 0x00FC
BIFF_CONTINUE = 0x003C
# cells xlrd stores (without formatting_info it skips BLANK and MULBLANK):
# NUMBER, LABEL, BOOLERR, RK, LABELSST, RSTRING and their BIFF2-4 forms
BIFF_CELLS = frozenset({0x0203, 0x0204, 0x0205, 0x027E, 0x00FD, 0x00D6, 0x0003, 0x0004, 0x0005, 0x007E}) | BIFF_FORMULA
BIFF_MULRK = 0x00BD
BOUNDSHEET_WORKSHEET = 0x00

# error cells (#N/A...) come as their text, which is not a header
ERROR_TEXTS = frozenset(xlrd.error_text_from_code.values())

TEMPLATE_EXAMPLES = [("MX-0001", 12), ("MX-0002", 24)]


def read_code_quantity_rows(env, data, filename):
    """Return the lines of an uploaded order: columns A (code) and B (quantity).

    :return: ``[{"row": int, "code": str, "quantity": value}]``, see
        ``read_rows`` (with two columns) for what each holds and which rows
        are skipped
    :raise UserError: for any file that cannot be used, with the reason
    """
    return [
        {"row": number, "code": code, "quantity": quantity}
        for number, (code, quantity) in read_rows(env, data, filename, columns=2)
    ]


def read_rows(env, data, filename, columns=2, header="auto", max_rows=MAX_ROWS, max_bytes=MAX_BYTES):
    """Return the lines of an uploaded .xlsx or .xls whose column A holds
    product codes, as ``[(row number, [A, B, ...])]``.

    :param env: environment, used to translate the messages
    :param bytes data: content of the file (the caller reads at most
        ``MAX_BYTES + 1`` bytes, so that a larger file is recognised)
    :param str filename: name of the uploaded file; its extension says the
        format, which the content must match
    :param int columns: how many columns to return, from A (at least 1)
    :return: in sheet order, the 1-based row number of the sheet and the
        values of its first ``columns`` cells: A as text (stripped; an
        integral number without ``.0``, so that a barcode typed as a number
        matches), the others as the sheet holds them (int, float, str,
        bool, datetime; an error cell as its text such as ``"#N/A"``; a
        blank cell as None). Rows blank in all these columns are skipped,
        and so is the first other row when its B is a text that is not a
        number (a header such as "Quantity").
    :param header: ``"auto"`` as said above; ``True``: the first non-blank
        row holds the column titles (texts only), it is skipped, and a file
        without one is refused
    :param int max_rows: the most lines a file may hold
    :param int max_bytes: the largest file accepted
    :raise UserError: for any file that cannot be used, with the reason
    """
    if isinstance(data, (bytearray, memoryview)):
        data = bytes(data)
    extension = _check_file(env, data, filename, max_bytes)
    limits = {"columns": columns, "header": header, "max_rows": max_rows,
              "max_cells": max(MAX_CELLS, max_rows * (columns + 4))}
    try:
        if extension == ".xlsx":
            _check_zip(env, data, max_bytes=max_bytes,
                       max_shared_strings=max(MAX_PART, max_rows * columns * SHARED_STRINGS_PER_CELL))
            return _read_xlsx(env, data, limits)
        return _read_xls(env, data, limits,
                         max_shared_strings=max(MAX_PART, max_rows * columns * SHARED_STRINGS_PER_CELL))
    except UserError:
        raise
    except Exception as error:  # whatever a damaged file makes a reader raise
        _logger.info("Uploaded spreadsheet %r could not be read: %r", filename, error)
        raise UserError(env._(
            "The file could not be read: it may be damaged or protected by a password. "
            "Open it in your spreadsheet program, save it again as .xlsx and upload it again."
        )) from error


def template_xlsx(env):
    """Return an .xlsx to fill in: the header and two example lines.

    The code column is formatted as text so that a barcode typed in keeps
    all its digits instead of becoming a rounded number.
    """
    output = io.BytesIO()
    workbook = xlsxwriter.Workbook(output, {"in_memory": True})
    sheet = workbook.add_worksheet()
    bold = workbook.add_format({"bold": True})
    text = workbook.add_format({"num_format": "@"})
    sheet.set_column(0, 0, 24, text)
    sheet.set_column(1, 1, 12)
    sheet.write_row(0, 0, [env._("Product Code"), env._("Quantity")], bold)
    for row, (code, quantity) in enumerate(TEMPLATE_EXAMPLES, start=1):
        sheet.write_string(row, 0, code, text)
        sheet.write_number(row, 1, quantity)
    sheet.freeze_panes(1, 0)
    workbook.close()
    return output.getvalue()


# === CHECKS BEFORE READING === #

def _check_file(env, data, filename, max_bytes=MAX_BYTES):
    """Refuse what can be refused without reading; return the extension."""
    if not data:
        raise UserError(env._("The file is empty: choose the spreadsheet again and upload it."))
    if len(data) > max_bytes:
        raise UserError(env._(
            "The file is larger than %(size)s MB: keep only the lines to upload "
            "(no pictures, no other sheets) or split it into several files.",
            size=max_bytes // (1024 * 1024),
        ))
    extension = os.path.splitext((filename or "").strip().lower())[1]
    if extension not in MAGIC:
        raise UserError(env._(
            "Only .xlsx and .xls spreadsheets can be uploaded: "
            "save the file as .xlsx in your spreadsheet program and upload it again."
        ))
    if not data.startswith(MAGIC[extension]):
        raise UserError(env._(
            "The file is not a real %(extension)s spreadsheet (another kind of file renamed, "
            "or a file protected by a password): open it in your spreadsheet program, "
            "save it as .xlsx without a password and upload it again.",
            extension=extension,
        ))
    return extension


def _check_zip(env, data, max_bytes=MAX_BYTES, max_shared_strings=MAX_PART):
    """Refuse a package that would cost memory before openpyxl inflates or
    parses any of it: too many parts, a zip bomb (a part inflating more than
    MAX_RATIO times, or more than MAX_UNCOMPRESSED in all), a part larger
    than its cap (the stylesheet, the shared texts, any other XML part), an
    XML part nested too deeply or declaring entities.

    The sizes checked are the ones the central directory declares; zipfile
    never inflates a member beyond its declared size (it stops there and the
    CRC check fails), so a file lying about them cannot get past. The XML
    parts are then read in chunks by expat (nothing kept but a depth).
    """
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        members = archive.infolist()
        if len(members) > MAX_MEMBERS:
            raise UserError(env._(
                "The file has too many parts (%(count)s, at most %(max)s): keep only the lines to upload, "
                "on the first sheet, without pictures, and upload it again.",
                count=len(members), max=MAX_MEMBERS,
            ))
        total = sum(member.file_size for member in members)
        if total > MAX_UNCOMPRESSED or any(
            member.file_size > MAX_RATIO * max(member.compress_size, 1) for member in members
        ):
            raise UserError(env._(
                "The file is too large once uncompressed: keep only the lines to upload, "
                "on the first sheet, and upload it again."
            ))
        by_name = {member.filename: member for member in members}
        shared_strings = {"xl/sharedStrings.xml"}
        types = by_name.get("[Content_Types].xml")
        if types:
            _check_part_size(env, types, MAX_PART)
            shared_strings |= _scan_xml(env, archive, types, content_types=True)
        for member in members:
            name = member.filename
            if name in shared_strings:
                if member.file_size > max_shared_strings:
                    raise UserError(env._(
                        "The file holds too much text (%(size)s MB once uncompressed, at most %(max)s MB): "
                        "keep only the lines to upload, on the first sheet, or split it into several files.",
                        size=_megabytes(member.file_size), max=_megabytes(max_shared_strings),
                    ))
            elif name == "xl/styles.xml":
                if member.file_size > MAX_STYLES:
                    raise UserError(env._(
                        "The file holds too many cell styles (%(size)s MB of styles, at most %(max)s MB): "
                        "copy the lines to upload into a new spreadsheet, pasting values only, "
                        "save it as .xlsx and upload that file.",
                        size=_megabytes(member.file_size), max=_megabytes(MAX_STYLES),
                    ))
            elif name.startswith(WORKSHEETS) and name.endswith(".xml"):
                pass  # streamed cell by cell within MAX_CELLS; its size counts in the total
            elif name.lower().endswith(XML_SUFFIXES):
                _check_part_size(env, member, MAX_PART)
            else:
                _check_part_size(env, member, max_bytes)  # pictures and such: never parsed
        for member in members:
            if member is not types and member.filename.lower().endswith(XML_SUFFIXES):
                _scan_xml(env, archive, member)


def _megabytes(size):
    return f"{size / (1024 * 1024):.1f}"


def _check_part_size(env, member, limit):
    if member.file_size > limit:
        raise UserError(env._(
            "A part of the file is too large once uncompressed (%(part)s: %(size)s MB, at most %(max)s MB): "
            "keep only the lines to upload, on the first sheet, without pictures, and upload it again.",
            part=member.filename, size=_megabytes(member.file_size), max=_megabytes(limit),
        ))


def _scan_xml(env, archive, member, content_types=False):
    """Read an XML part with expat, in chunks, refusing a DOCTYPE (entities:
    "billion laughs") and nesting deeper than MAX_XML_DEPTH.

    :return: with ``content_types``, the names of the parts the package
        declares as shared texts (openpyxl reads them wherever they are)
    """
    parser = expat.ParserCreate()
    state = {"depth": 0, "deepest": 0}
    shared_strings = set()

    def start(name, attributes):
        state["depth"] += 1
        if state["depth"] > MAX_XML_DEPTH:
            raise _TooDeep()
        if content_types and attributes.get("ContentType") == SHARED_STRINGS_TYPE and attributes.get("PartName"):
            shared_strings.add(attributes["PartName"].lstrip("/"))

    def end(name):
        state["depth"] -= 1

    def doctype(*args):
        raise _Doctype()

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.StartDoctypeDeclHandler = doctype
    parser.EntityDeclHandler = doctype
    try:
        with archive.open(member) as stream:
            while chunk := stream.read(64 * 1024):
                parser.Parse(chunk, False)
            parser.Parse(b"", True)
    except _TooDeep:
        raise UserError(env._(
            "The file was not saved by a spreadsheet program (its part %(part)s nests more than "
            "%(max)s levels deep): open it in your spreadsheet program, save it as .xlsx and upload it again.",
            part=member.filename, max=MAX_XML_DEPTH,
        )) from None
    except _Doctype:
        raise UserError(env._(
            "The file was not saved by a spreadsheet program (its part %(part)s declares entities): "
            "open it in your spreadsheet program, save it as .xlsx and upload it again.",
            part=member.filename,
        )) from None
    return shared_strings


class _TooDeep(Exception):
    pass


class _Doctype(Exception):
    pass


# === READERS === #

def _read_xlsx(env, data, limits):
    # read_only: cells are streamed; data_only=False: formulas show as such
    workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=False, keep_links=False)
    try:
        if not workbook.worksheets:
            _raise_no_sheet(env)
        sheet = workbook.worksheets[0]
        # the dimension the file declares may be wrong: read all its rows
        sheet.reset_dimensions()
        return _collect_rows(env, _xlsx_values(env, sheet), **limits)
    finally:
        workbook.close()


def _xlsx_values(env, sheet):
    """Yield (row number, [values]) of every row, refusing formula cells."""
    for number, cells in enumerate(sheet.iter_rows(), start=1):
        values = []
        for cell in cells:
            if cell.data_type == "f":
                _raise_formula(env, cell.coordinate)
            values.append(cell.value)
        yield number, values


def _read_xls(env, data, limits, max_shared_strings=MAX_PART):
    log = io.StringIO()  # xlrd writes its warnings to a file: keep them out of the server's output
    stream = _xls_workbook_stream(data, log)
    _check_xls(env, stream, limits["max_cells"], max_shared_strings)
    # ragged_rows: do not pad every row to the widest one (memory)
    book = xlrd.open_workbook(file_contents=data, logfile=log, on_demand=True, ragged_rows=True)
    try:
        if not book.nsheets:
            _raise_no_sheet(env)
        sheet = book.sheet_by_index(0)  # parsed now: a damaged sheet fails here
        cell = _xls_formula_cell(stream)
        if cell:
            _raise_formula(env, cell)
        return _collect_rows(env, _xls_values(book, sheet), **limits)
    finally:
        book.release_resources()


def _xls_values(book, sheet):
    for rowx in range(sheet.nrows):
        yield rowx + 1, [_xls_value(book, cell) for cell in sheet.row(rowx)]


def _xls_value(book, cell):
    """The value as openpyxl would give it: xlrd gives booleans and error
    cells as ints (an error must not read as a quantity) and dates as floats."""
    if cell.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
        return None
    if cell.ctype == xlrd.XL_CELL_BOOLEAN:
        return bool(cell.value)
    if cell.ctype == xlrd.XL_CELL_ERROR:
        return xlrd.error_text_from_code.get(cell.value, "#VALUE!")
    if cell.ctype == xlrd.XL_CELL_DATE:
        try:
            return xlrd.xldate_as_datetime(cell.value, book.datemode)
        except (ValueError, OverflowError, xlrd.XLDateError):
            return cell.value
    return cell.value


# === FORMULAS IN .XLS === #
# xlrd gives the last computed value of a formula as if it were a value, so
# the BIFF records of the workbook stream are read to find FORMULA records.

def _xls_workbook_stream(data, log):
    document = CompDoc(data, logfile=log)
    stream = document.get_named_stream("Workbook") or document.get_named_stream("Book")
    if not stream:
        raise ValueError("no Workbook stream in the compound document")
    return stream


def _biff_records(stream, start=0):
    """Yield (opcode, body) of the records from position start."""
    position, end = start, len(stream)
    while position + 4 <= end:
        opcode, length = struct.unpack_from("<HH", stream, position)
        yield opcode, stream[position + 4:position + 4 + length]
        position += 4 + length


def _xls_first_sheet_position(stream):
    """Position of the first worksheet's BOF (the sheet xlrd gives as index 0)
    from the BOUNDSHEET records of the workbook globals, or None."""
    for opcode, body in _biff_records(stream):
        if opcode == BIFF_BOUNDSHEET and len(body) >= 6:
            position, _visibility, kind = struct.unpack_from("<iBB", body)
            if kind == BOUNDSHEET_WORKSHEET:
                # position 0 is the globals' own BOF: not a sheet
                return position if 0 < position < len(stream) else None
        elif opcode == BIFF_EOF:
            break  # end of the globals
    return None


def _check_xls(env, stream, max_cells, max_shared_strings):
    """Refuse a workbook that would cost memory before xlrd builds anything
    from it: too many cell styles, too many or too much shared text, a first
    sheet wider and longer than ``max_cells`` (xlrd pads each row to its last
    cell, as _collect_rows counts it)."""
    styles, texts, in_sst = 0, 0, False
    for opcode, body in _biff_records(stream):
        if opcode == BIFF_CONTINUE and in_sst:
            texts += len(body)
            continue
        in_sst = opcode == BIFF_SST
        if opcode in BIFF_STYLES:
            styles += 1
        elif in_sst:
            texts += len(body)
            count = struct.unpack_from("<i", body, 4)[0] if len(body) >= 8 else 0
            if count > max_cells:
                texts = max_shared_strings + 1
        elif opcode == BIFF_EOF:
            break  # the end of the workbook globals
    if styles > MAX_XLS_STYLE_RECORDS:
        raise UserError(env._(
            "The file holds too many cell styles (%(count)s, at most %(max)s): copy the lines to upload "
            "into a new spreadsheet, pasting values only, save it as .xlsx and upload that file.",
            count=styles, max=MAX_XLS_STYLE_RECORDS,
        ))
    if texts > max_shared_strings:
        raise UserError(env._(
            "The file holds too much text (more than %(max)s MB): keep only the lines to upload, "
            "on the first sheet, or split it into several files.",
            max=_megabytes(max_shared_strings),
        ))
    start = _xls_first_sheet_position(stream)
    widths, depth = {}, 0
    for opcode, body in _biff_records(stream, start or 0):
        if opcode in BIFF_CELLS and len(body) >= 4:
            rowx, colx = struct.unpack_from("<HH", body)
            widths[rowx] = max(widths.get(rowx, 0), colx + 1)
        elif opcode == BIFF_MULRK and len(body) >= 6:
            rowx = struct.unpack_from("<H", body)[0]
            last = struct.unpack_from("<H", body, len(body) - 2)[0]
            widths[rowx] = max(widths.get(rowx, 0), last + 1)
        if start is None:
            continue
        if opcode in BIFF_BOF:
            depth += 1
        elif opcode == BIFF_EOF:
            depth -= 1
            if depth <= 0:
                break
    # every row up to the last one counts, an empty one as one slot
    slots = sum(widths.values()) + (max(widths) + 1 - len(widths) if widths else 0)
    if slots > max_cells:
        _raise_sheet_too_large(env)


def _xls_formula_cell(stream):
    """Name of the first formula cell of the first sheet ("B3"), or None.

    Without a usable BOUNDSHEET record the whole stream is searched.
    """
    start = _xls_first_sheet_position(stream)
    depth = 0
    for opcode, body in _biff_records(stream, start or 0):
        if opcode in BIFF_FORMULA:
            rowx, colx = struct.unpack_from("<HH", body) if len(body) >= 4 else (0, 0)
            return _cell_name(rowx + 1, colx)
        if start is None:
            continue
        if opcode in BIFF_BOF:
            depth += 1  # the sheet, or a chart embedded in it
        elif opcode == BIFF_EOF:
            depth -= 1
            if depth <= 0:
                break
    return None


# === ROWS === #

def _collect_rows(env, sheet_rows, columns, header="auto", max_rows=MAX_ROWS, max_cells=MAX_CELLS):
    """Turn (row number, [values]) into the lines read_rows returns,
    enforcing the limits as it goes so that a huge sheet is not read to the
    end."""
    rows, slots, first = [], 0, True
    for number, values in sheet_rows:
        slots += len(values) or 1
        if slots > max_cells:
            _raise_sheet_too_large(env)
        for colx, value in enumerate(values):
            if isinstance(value, str) and value.lstrip().startswith("="):
                _raise_formula(env, _cell_name(number, colx))
        line = [None if _is_blank(value) else value for value in values[:columns]]
        line += [None] * (columns - len(line))
        if all(value is None for value in line):
            continue
        if first:
            first = False
            if header is True:
                if not all(value is None or (isinstance(value, str) and not _is_number(value)) for value in line):
                    raise UserError(env._(
                        "The first row must hold the column titles of the template: download the "
                        "template, paste the lines under its titles and upload it again."
                    ))
                continue
            if columns > 1 and _is_header(line[1]):
                continue
        if len(rows) >= max_rows:
            raise UserError(env._(
                "The file has more than %(max)s lines: split it into several files "
                "of at most %(max)s lines.",
                max=max_rows,
            ))
        line[0] = _code_text(line[0])
        rows.append((number, line))
    return rows


def _is_blank(value):
    return value is None or (isinstance(value, str) and not value.strip())


def _is_header(quantity):
    """Whether the quantity of the first line is a column title ("Quantity")."""
    return isinstance(quantity, str) and quantity.strip() not in ERROR_TEXTS and not _is_number(quantity)


def _is_number(text):
    """Whether a text reads as a quantity ("12", " 1,200 ", "2.5")."""
    try:
        float(text.strip().replace(",", ""))
    except ValueError:
        return False
    return True


def _code_text(value):
    """The code as text: 6923450000014.0 (a barcode typed in a number cell)
    is "6923450000014"."""
    if value is None:
        return ""
    if isinstance(value, float) and math.isfinite(value) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _cell_name(number, colx):
    """Name a cell: "B3" for row number 3 (1-based) and column index 1 (0-based)."""
    return f"{get_column_letter(colx + 1)}{number}"


def _raise_formula(env, cell):
    raise UserError(env._(
        "The file has formulas (cell %(cell)s): upload values only. Copy the cells, "
        "paste them back as values, save the file and upload it again.",
        cell=cell,
    ))


def _raise_sheet_too_large(env):
    raise UserError(env._(
        "The first sheet is too large: keep only the lines to upload (product codes "
        "in column A) and upload it again."
    ))


def _raise_no_sheet(env):
    raise UserError(env._(
        "The file has no sheet: put the lines to upload on its first sheet, "
        "the product codes in column A."
    ))
