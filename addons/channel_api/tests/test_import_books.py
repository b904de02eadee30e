# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""A distributor imports into its own books only (issue 16.5): its branch is
its to onboard, but a dealer's orders and stock, and its dealer's stores'
sell-out, are the dealer's to write. Tried as the dealer's upstream, a sibling
and the dealer itself."""
import base64

from odoo.tests import TransactionCase, tagged

from odoo.addons.channel_base.tests import spreadsheet_corpus as corpus

from .common import ChannelApiMixin

ORDER_HEADER = ("Order Reference", "Buyer Code", "Product Code", "Quantity", "Unit Price")
STOCK_HEADER = ("Member Code", "Product Code", "Counted Quantity")
SELLOUT_HEADER = ("Store Code", "Week", "Product Code", "On Hand", "Sold", "Price")


@tagged("post_install", "-at_install")
class TestImportIntoOwnBooks(ChannelApiMixin, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_channel_api()

    def preview(self, user, company, kind, rows):
        Import = self.env["channel.import"].with_user(user).with_context(allowed_company_ids=company.ids)
        record = Import.create({"kind": kind, "file": base64.b64encode(corpus.xlsx(rows)), "filename": "import.xlsx"})
        record.action_preview()
        return record

    def kinds(self, ref):
        return {
            "order": [ORDER_HEADER, (ref, "T-S-HZ", "T-PENCIL", 2, None)],
            "stock": [STOCK_HEADER, ("T-HZ", "T-PENCIL", 77)],
            "sellout": [SELLOUT_HEADER, ("T-S-HZ", str(self.this_week), "T-PENCIL", 5, 3, 2.0)],
        }

    def test_the_upstream_and_a_sibling_do_not_write_a_dealers_books(self):
        Report = self.env["channel.sellout.report"]
        reports = Report.search_count([("member_id", "=", self.store_hz.id)])
        for user, company, message in (
            (self.east_manager, self.east_company, "kept in the books of"),
            (self.south_manager, self.south_company, "not in your network"),
        ):
            for kind, rows in self.kinds(f"BOOKS-{user.login}").items():
                with self.subTest(who=user.login, kind=kind):
                    record = self.preview(user, company, kind, rows)
                    self.assertEqual(record.state, "invalid", record.line_ids.mapped("message"))
                    self.assertIn(message, record.line_ids.message)
        self.assertFalse(self.env["sale.order"].search([("client_order_ref", "like", "BOOKS-")]))
        self.assertEqual(Report.search_count([("member_id", "=", self.store_hz.id)]), reports)

    def test_the_dealer_imports_into_its_own_books(self):
        for kind, rows in self.kinds("BOOKS-HZ").items():
            with self.subTest(kind=kind):
                record = self.preview(self.hz_manager, self.hz_company, kind, rows)
                self.assertEqual(record.state, "ready", record.line_ids.mapped("message"))
                record.action_import()
                self.assertEqual(record.state, "done", record.result)
        order = self.env["sale.order"].search([("client_order_ref", "=", "BOOKS-HZ")])
        self.assertEqual(order.company_id, self.hz_company)
        self.assertTrue(self.env["channel.sellout.report"].search([("member_id", "=", self.store_hz.id)]))
