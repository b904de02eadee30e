# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import random
import tracemalloc

from odoo.exceptions import UserError
from odoo.tests import TransactionCase, tagged

from odoo.addons.channel_base.tools import spreadsheet

from . import spreadsheet_corpus


@tagged("post_install", "-at_install")
class TestSpreadsheet(TransactionCase):
    """The upload reader returns the lines of a good file and refuses every
    bad one with a UserError that says why, never with another exception."""

    def _read(self, data, filename="order.xlsx"):
        return spreadsheet.read_code_quantity_rows(self.env, data, filename)

    def test_corpus(self):
        for name, filename, data, error in spreadsheet_corpus.cases():
            with self.subTest(case=name):
                if error is None:
                    self.assertIsInstance(self._read(data, filename), list)
                    continue
                with self.assertRaises(UserError) as caught:
                    self._read(data, filename)
                self.assertIn(error, caught.exception.args[0])

    def test_hostile_packages_refused_before_parsing(self):
        """A small file whose parts cost memory once parsed is refused by the
        part checks, with its own message, before openpyxl or xlrd builds
        anything: refusing it costs a few MiB where reading it cost hundreds
        (issue 16: a 0.7 MB .xlsx with a 19 MB styles.xml, 670 MiB)."""
        hostile = [
            ("order.xlsx", spreadsheet_corpus.huge_styles_xlsx, "too many cell styles"),
            ("order.xlsx", spreadsheet_corpus.huge_shared_strings_xlsx, "too much text"),
            ("order.xlsx", spreadsheet_corpus.many_parts_xlsx, "too many parts"),
            ("order.xlsx", spreadsheet_corpus.oversized_part_xlsx, "A part of the file is too large"),
            ("order.xlsx", spreadsheet_corpus.deeply_nested_xlsx, "nests more than"),
            ("order.xlsx", spreadsheet_corpus.entity_xlsx, "declares entities"),
            ("order.xls", spreadsheet_corpus.many_styles_xls, "too many cell styles"),
            ("order.xls", spreadsheet_corpus.wide_xls, "first sheet is too large"),
        ]
        for filename, build, error in hostile:
            with self.subTest(case=build.__name__):
                data = build()
                tracemalloc.start()
                try:
                    with self.assertRaises(UserError) as caught:
                        self._read(data, filename)
                    __, peak = tracemalloc.get_traced_memory()
                finally:
                    tracemalloc.stop()
                self.assertIn(error, caught.exception.args[0])
                self.assertLess(peak, 16 * 1024 * 1024, "the file was parsed before it was refused")

    def test_backend_limits_scale(self):
        """The backend import's larger limits (20,000 rows of 14 columns)
        still read a real file of that size: the part caps follow the rows."""
        lines = [tuple(f"T{col}" for col in range(14))] + [
            (f"ERP-C-{row}", "store", f"S-{row}", f"店铺{row}", "HD-HZ", "L1", "T1", "浙", "杭州市",
             f"湖墅南路 {row} 号", f"0571-{row:08d}", "", f"store.{row}", "C")
            for row in range(2000)
        ]
        rows = spreadsheet.read_rows(self.env, spreadsheet_corpus.xlsx(lines), "members.xlsx", columns=14,
                                     header=True, max_rows=20000, max_bytes=10 * 1024 * 1024)
        self.assertEqual(len(rows), 2000)

    def test_good_xlsx(self):
        """Header and blank rows skipped, sheet row numbers kept, codes
        stripped, a barcode typed as a number read without ".0"."""
        self.assertEqual(self._read(spreadsheet_corpus.good_xlsx()), spreadsheet_corpus.GOOD_ROWS)

    def test_good_xls(self):
        """The same from .xls, where xlrd gives every number as a float."""
        self.assertEqual(self._read(spreadsheet_corpus.good_xls(), "order.xls"), spreadsheet_corpus.GOOD_ROWS)

    def test_no_header(self):
        """A first row whose quantity is a number is a line, not a header."""
        lines, expected = spreadsheet_corpus.NO_HEADER_LINES, spreadsheet_corpus.NO_HEADER_ROWS
        self.assertEqual(self._read(spreadsheet_corpus.xlsx(lines)), expected)
        self.assertEqual(self._read(spreadsheet_corpus.xls(lines), "order.xls"), expected)

    def test_no_lines(self):
        self.assertEqual(self._read(spreadsheet_corpus.xlsx([])), [])
        self.assertEqual(self._read(spreadsheet_corpus.xlsx(spreadsheet_corpus.header_and_lines(0))), [])

    def test_max_rows(self):
        """MAX_ROWS lines pass (the header is not one of them), one more does not."""
        limit = spreadsheet.MAX_ROWS
        rows = self._read(spreadsheet_corpus.xlsx(spreadsheet_corpus.header_and_lines(limit)))
        self.assertEqual(len(rows), limit)
        self.assertEqual(rows[-1], {"row": limit + 1, "code": f"MX-{limit:04d}", "quantity": limit})
        with self.assertRaises(UserError):
            self._read(spreadsheet_corpus.xlsx(spreadsheet_corpus.header_and_lines(limit + 1)))

    def test_read_rows(self):
        """More columns (the stock report): blank cells as None, missing
        cells padded, the code column as text."""
        for filename, build in (("report.xlsx", spreadsheet_corpus.xlsx), ("report.xls", spreadsheet_corpus.xls)):
            with self.subTest(filename=filename):
                rows = spreadsheet.read_rows(self.env, build(spreadsheet_corpus.REPORT_LINES), filename, columns=3)
                self.assertEqual(rows, spreadsheet_corpus.REPORT_ROWS)
        with self.assertRaises(UserError):
            spreadsheet.read_rows(self.env, b"", "report.xlsx", columns=3)

    def test_special_cells(self):
        """An error cell reads as its text, not as its code (#N/A is 42 in
        xlrd), even on the first row; booleans and dates keep their type."""
        rows = self._read(spreadsheet_corpus.xls_special_cells(), "order.xls")
        self.assertEqual(rows, spreadsheet_corpus.SPECIAL_ROWS)
        self.assertIs(rows[1]["quantity"], True)

    def test_damaged_files(self):
        """Truncated or scrambled good files give rows or a UserError, nothing else."""
        rand = random.Random(18)
        goods = [("order.xlsx", spreadsheet_corpus.good_xlsx()), ("order.xls", spreadsheet_corpus.good_xls())]
        for filename, good in goods:
            for attempt in range(30):
                data = bytearray(good)
                if rand.random() < 0.3:
                    del data[rand.randrange(8, len(data)):]
                else:
                    for __ in range(rand.randint(1, 8)):
                        data[rand.randrange(8, len(data))] = rand.getrandbits(8)
                with self.subTest(filename=filename, attempt=attempt):
                    try:
                        self.assertIsInstance(self._read(bytes(data), filename), list)
                    except UserError:  # pylint: disable=except-pass
                        pass

    def test_template(self):
        """The template offered for download reads back as its two example lines."""
        data = spreadsheet.template_xlsx(self.env)
        self.assertTrue(data.startswith(b"PK\x03\x04"))
        self.assertEqual(self._read(data, "order-template.xlsx"), [
            {"row": 2, "code": "MX-0001", "quantity": 12},
            {"row": 3, "code": "MX-0002", "quantity": 24},
        ])
