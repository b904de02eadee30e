# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
import io
from unittest.mock import patch

import openpyxl
import xlwt

from odoo.exceptions import AccessError, UserError
from odoo.tests import TransactionCase, tagged

from odoo.addons.channel_base.tests import spreadsheet_corpus as corpus
from odoo.addons.channel_base.tools import spreadsheet
from odoo.addons.queue_job.tests.common import trap_jobs

from ..models import channel_import
from .common import ChannelApiMixin

ORDER_HEADER = ("Order Reference", "Buyer Code", "Product Code", "Quantity", "Unit Price")


def wide_xlsx():
    """Titles, then many lines each with a cell in the last column (XFD)."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(ORDER_HEADER)
    for row in range(2, 40):
        sheet.cell(row=row, column=1, value=f"IMP-{row}")
        sheet.cell(row=row, column=16384, value="x")
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def order_lines(count):
    return [ORDER_HEADER] + [(f"IMP-{index}", "T-S-HZ", "T-PENCIL", 1, None) for index in range(1, count + 1)]


@tagged("post_install", "-at_install")
class TestImport(ChannelApiMixin, TransactionCase):
    """Spreadsheet imports: a template per kind, a preview that checks every
    row and writes nothing, an import that is all or nothing, in the
    background when large; hostile files refused with the reason."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_channel_api()

    def new_import(self, kind, data, filename="import.xlsx", user=None):
        Import = self.env["channel.import"].with_user(user or self.brand_manager)
        return Import.create({"kind": kind, "file": base64.b64encode(data), "filename": filename})

    def test_templates_read_back(self):
        for kind, columns in channel_import.COLUMNS.items():
            with self.subTest(kind=kind):
                record = self.env["channel.import"].new({"kind": kind})
                data = base64.b64decode(record.template_file)
                rows = spreadsheet.read_rows(self.env, data, record.template_filename, columns=len(columns), header=True)
                self.assertEqual(len(rows), len(channel_import.EXAMPLES[kind]))
                self.assertEqual(rows[0][0], 2, "the example is under the titles")

    def test_preview_writes_nothing_then_import_all(self):
        lines = [ORDER_HEADER,
                 ("IMP-A", "T-S-HZ", "T-PENCIL", 2, None), ("IMP-A", "T-S-HZ", "T-ERASER", 1, 0.9),
                 ("IMP-B", "T-S-HZ", "T-PENCIL", 3, None)]
        record = self.new_import("order", corpus.xlsx(lines))
        record.action_preview()
        self.assertEqual((record.state, record.row_count, record.record_count, record.error_count), ("ready", 3, 2, 0))
        self.assertEqual(record.line_ids.mapped("rows"), ["2, 3", "4"])
        self.assertEqual(set(record.line_ids.mapped("status")), {"create"})
        self.assertFalse(self.env["sale.order"].search([("client_order_ref", "like", "IMP-")]))
        record.action_import()
        self.assertEqual(record.state, "done")
        orders = self.env["sale.order"].search([("client_order_ref", "like", "IMP-")])
        self.assertEqual(sorted(orders.mapped("client_order_ref")), ["IMP-A", "IMP-B"])
        self.assertEqual(len(orders.filtered(lambda o: o.client_order_ref == "IMP-A").order_line), 2)
        self.assertIn("2 created", record.result)
        # the same file again: nothing new
        again = self.new_import("order", corpus.xlsx(lines))
        again.action_preview()
        self.assertEqual(set(again.line_ids.mapped("status")), {"unchanged"})
        again.action_import()
        self.assertEqual(self.env["sale.order"].search_count([("client_order_ref", "like", "IMP-")]), 2)

    def test_rows_with_errors_block_the_import(self):
        lines = [ORDER_HEADER, ("IMP-C", "T-S-HZ", "T-PENCIL", 2, None), ("IMP-D", "T-S-HZ", "NOPE", 1, None),
                 ("IMP-E", "NOBODY", "T-PENCIL", 1, None)]
        record = self.new_import("order", corpus.xls(lines), "orders.xls")
        record.action_preview()
        self.assertEqual((record.state, record.error_count), ("invalid", 2))
        errors = record.line_ids.filtered(lambda line: line.status == "error")
        self.assertEqual(errors.mapped("rows"), ["3", "4"])
        self.assertIn("unknown product NOPE", errors[0].message)
        self.assertIn("unknown member NOBODY", errors[1].message)
        with self.assertRaisesRegex(UserError, "Preview the file first"):
            record.action_import()
        self.assertFalse(self.env["sale.order"].search([("client_order_ref", "like", "IMP-")]))

    def test_import_all_or_nothing(self):
        """Checked, then the data changed under it: the import fails and
        nothing of it stays."""
        lines = [ORDER_HEADER, ("IMP-F", "T-S-HZ", "T-PENCIL", 2, None), ("IMP-G", "T-S-HZ", "T-ERASER", 1, None)]
        record = self.new_import("order", corpus.xlsx(lines))
        record.action_preview()
        self.assertEqual(record.state, "ready")
        self.eraser.product_tmpl_id.sale_ok = False
        record.action_import()
        self.assertEqual(record.state, "failed")
        self.assertIn("Nothing was imported", record.result)
        self.assertIn("IMP-G", record.result)
        self.assertFalse(self.env["sale.order"].search([("client_order_ref", "like", "IMP-")]))
        self.assertFalse(self.env["channel.api.binding"].search([("ref", "like", "IMP-")]))
        self.assertEqual(self.last_call().method, "import_order")

    def test_large_file_runs_as_a_job_with_progress(self):
        record = self.new_import("order", corpus.xlsx(order_lines(12)))
        record.action_preview()
        with patch.object(channel_import, "SYNC_ROWS", 5), patch.object(channel_import, "PROGRESS_EVERY", 4), \
                trap_jobs() as trap:
            record.action_import()
            self.assertEqual(record.state, "queued")
            self.assertEqual(record.progress, 0.0)
            trap.assert_jobs_count(1)
            trap.perform_enqueued_jobs()
        record.invalidate_recordset()
        self.assertEqual((record.state, record.progress), ("done", 100.0))
        self.assertEqual(self.env["sale.order"].search_count([("client_order_ref", "like", "IMP-")]), 12)
        self.assertIn("12 created", record.message_ids[0].body)

    def test_members_stock_sellout_prices(self):
        members = self.new_import("member", corpus.xlsx([
            ("ERP Reference", "Role", "Code", "Name", "Upstream Code", "Level Code", "Territory Code", "Province Code",
             "City", "Street", "Phone", "Email", "Login", "Credit Grade"),
            ("K-1", "store", "T-S-IMP1", "T 导入店一", "T-HZ", None, "T-ZJ", "浙", "杭州市", None, "0571-3", None,
             "t.imp1", "B"),
        ]), user=self.hz_manager.with_context(allowed_company_ids=self.hz_company.ids))
        members.action_preview()
        self.assertEqual(members.state, "ready", members.line_ids.mapped("message"))
        members.action_import()
        store = self.env["channel.member"].search([("code", "=", "T-S-IMP1")])
        self.assertEqual((store.upstream_id, store.credit_grade), (self.hz, "B"))

        stock = self.new_import("stock", corpus.xlsx([
            ("Member Code", "Product Code", "Counted Quantity"), ("T-HZ", "T-PENCIL", 55), ("T-SOUTH", "T-PENCIL", 1),
        ]), user=self.hz_manager)
        stock.action_preview()
        self.assertEqual(stock.state, "invalid")
        self.assertIn("not in your network", stock.line_ids[1].message)

        sellout = self.new_import("sellout", corpus.xlsx([
            ("Store Code", "Week", "Product Code", "On Hand", "Sold", "Price"),
            ("T-S-HZ", str(self.this_week), "T-PENCIL", 20, 10, 2.0),
            ("T-S-HZ", str(self.this_week), "T-ERASER", 1, 2, None),
        ]), user=self.hz_manager)
        sellout.action_preview()
        sellout.action_import()
        self.assertEqual(sellout.state, "done", sellout.result)
        report = self.env["channel.sellout.report"].search([("member_id", "=", self.store_hz.id), ("week", "=", self.this_week)])
        self.assertEqual(sorted(report.line_ids.mapped("qty_on_hand")), [1.0, 20.0])

        prices = self.new_import("price", corpus.xlsx([
            ("ERP Reference", "Level Code", "Product Code", "Price"), ("PR-1", "L1", "T-PENCIL", 0.95),
        ]), user=self.hz_manager)
        prices.action_preview()
        self.assertIn("Only the brand maintains level prices", prices.line_ids.message)

    def test_who_imports(self):
        with self.assertRaises(AccessError):
            self.new_import("order", corpus.xlsx(order_lines(1)), user=self.store_hz_user)
        with self.assertRaises(AccessError):
            self.new_import("order", corpus.xlsx(order_lines(1)), user=self.east_clerk)
        hz_import = self.new_import("stock", corpus.xlsx(order_lines(1)), user=self.hz_manager)
        self.assertFalse(self.env["channel.import"].with_user(self.south_manager).search([("id", "=", hz_import.id)]))
        self.assertTrue(self.env["channel.import"].with_user(self.brand_manager).search([("id", "=", hz_import.id)]))

    def test_oversized_file_is_not_stored(self):
        """A file over MAX_BYTES is refused when it is chosen or saved, before
        its attachment is written (it was stored, then refused at preview)."""
        big = base64.b64encode(b"PK\x03\x04" + b"\0" * channel_import.MAX_BYTES)
        Attachment = self.env["ir.attachment"].sudo()
        domain = [("res_model", "=", "channel.import"), ("res_field", "=", "file")]
        before = Attachment.search_count(domain)
        Import = self.env["channel.import"].with_user(self.brand_manager)
        with self.assertRaises(UserError) as caught:
            Import.create({"kind": "order", "file": big, "filename": "big.xlsx"})
        self.assertIn("larger than 10 MB", caught.exception.args[0])
        record = self.new_import("order", corpus.xlsx(order_lines(1)))
        self.assertEqual(Attachment.search_count(domain), before + 1)
        with self.assertRaises(UserError):
            record.write({"file": big, "filename": "big.xlsx"})
        with self.assertRaises(UserError):
            Import.new({"kind": "order", "file": big})._onchange_file()
        self.assertEqual(Attachment.search_count(domain), before + 1, "no attachment for the refused file")
        self.assertEqual(base64.b64decode(record.file), corpus.xlsx(order_lines(1)))
        # at the limit exactly: accepted (refused later only for what it holds)
        self.new_import("order", b"PK\x03\x04" + b"\0" * (channel_import.MAX_BYTES - 4))

    def test_bad_files(self):
        big = channel_import.MAX_ROWS
        cases = [
            ("empty", "o.xlsx", b"", "Choose the spreadsheet"),
            ("csv", "o.csv", b"ref,buyer\n", "Only .xlsx and .xls"),
            ("renamed", "o.xlsx", corpus.good_xls(), "is not a real .xlsx"),
            ("zip bomb", "o.xlsx", corpus.zip_bomb_xlsx(), "too large once uncompressed"),
            ("ratio bomb", "o.xlsx", corpus.ratio_bomb_xlsx(), "too large once uncompressed"),
            ("huge styles.xml", "o.xlsx", corpus.huge_styles_xlsx(), "too many cell styles"),
            ("many parts", "o.xlsx", corpus.many_parts_xlsx(), "too many parts"),
            ("xls with many cell styles", "o.xls", corpus.many_styles_xls(), "too many cell styles"),
            ("truncated", "o.xlsx", corpus.good_xlsx()[:500], "could not be read"),
            ("random ole2", "o.xls", corpus.random_bytes(4096, 3, prefix=b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"),
             "could not be read"),
            ("formula", "o.xlsx", corpus.xlsx(order_lines(1) + [("IMP-X", "T-S-HZ", "T-PENCIL", "=1+1")]),
             "formulas (cell D3)"),
            ("xls formula", "o.xls", corpus.xls(order_lines(1) + [("IMP-X", "T-S-HZ", "T-PENCIL", xlwt.Formula("1+1"))]),
             "formulas (cell D3)"),
            ("no sheet", "o.xlsx", corpus.no_sheet_xlsx(), "no sheet"),
            ("wide", "o.xlsx", wide_xlsx(), "first sheet is too large"),
            ("too many rows", "o.xlsx", corpus.xlsx(order_lines(big + 1)), f"more than {big} lines"),
            ("no titles", "o.xlsx", corpus.xlsx(order_lines(2)[1:]), "first row must hold the column titles"),
            ("titles only", "o.xlsx", corpus.xlsx([ORDER_HEADER]), "no lines under the column titles"),
            ("text quantity", "o.xlsx", corpus.xlsx(order_lines(1) + [("IMP-Y", "T-S-HZ", "T-PENCIL", "twelve")]),
             "Row 3: column Quantity must be a number, not twelve"),
            ("date as buyer", "o.xls", corpus.xls(order_lines(1) + [("IMP-Z", True, "T-PENCIL", 1)]),
             "Row 3: column Buyer Code holds a date or a true/false"),
        ]
        for name, filename, data, message in cases:
            with self.subTest(case=name):
                record = self.new_import("order", data, filename)
                with self.assertRaises(UserError) as caught:
                    record.action_preview()
                self.assertIn(message, caught.exception.args[0])
                self.assertEqual(record.state, "draft")
        self.assertFalse(self.env["sale.order"].search([("client_order_ref", "like", "IMP-")]))
