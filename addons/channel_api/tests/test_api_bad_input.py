# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields
from odoo.exceptions import ValidationError
from odoo.tests import TransactionCase, tagged

from .common import ChannelApiMixin


@tagged("post_install", "-at_install")
class TestApiBadInput(ChannelApiMixin, TransactionCase):
    """What XML-RPC and JSON carry but no order can hold (NaN, infinities,
    numbers beyond a float, endless texts, half a pen) is an error of the
    record, in words, with nothing written."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_channel_api()

    def orders_for(self, ref):
        return (self.env["sale.order"].search_count([("client_order_ref", "=", ref)])
                + self.env["purchase.order"].search_count([("partner_ref", "=", ref)]))

    def test_numbers_that_are_not_finite(self):
        for number, quantity in enumerate((float("nan"), float("inf"), float("-inf"), 10**400)):
            ref = f"VBELN-NAN-{number}"
            [result] = self.Api.import_orders([
                {"ref": ref, "buyer_code": "T-S-HZ", "lines": [{"default_code": "T-PENCIL", "quantity": quantity}]},
            ])
            self.assertEqual(result["status"], "error", quantity)
            self.assertIn("must be a number", result["error"])
            self.assertEqual(self.orders_for(ref), 0)
        [result] = self.Api.upsert_products([{"ref": "P-BIG", "name": "T big", "order_multiple": float("nan")}])
        self.assertEqual(result["status"], "error")
        self.assertFalse(self.env["product.product"].search([("name", "=", "T big")]))

    def test_half_a_pen_is_refused_for_a_store_and_a_distributor(self):
        for ref, buyer in (("VBELN-HALF", "T-S-HZ"), ("EBELN-HALF", "T-HZ")):
            [result] = self.Api.import_orders([
                {"ref": ref, "buyer_code": buyer, "lines": [{"default_code": "T-PENCIL", "quantity": 2.5}]},
            ])
            self.assertEqual(result["status"], "error", buyer)
            self.assertIn("whole", result["error"])
            self.assertEqual(self.orders_for(ref), 0, f"{buyer}: nothing written")
        [result] = self.Api.import_orders([
            {"ref": "VBELN-WHOLE", "buyer_code": "T-S-HZ", "lines": [{"default_code": "T-PENCIL", "quantity": 3}]},
        ])
        self.assertEqual(result["status"], "created")

    def test_endless_texts(self):
        ref = "R" * 1_000_000
        [result] = self.Api.import_orders([
            {"ref": ref, "buyer_code": "T-S-HZ", "lines": [{"default_code": "T-PENCIL", "quantity": 1}]},
        ])
        self.assertEqual((result["status"], result["ref"]), ("error", False), "not echoed back")
        self.assertIn("longer than", result["error"])
        self.assertEqual(self.orders_for(ref), 0)
        self.assertFalse(self.env["channel.api.binding"].sudo().search([("ref", "=like", "RRRR%")]))
        [result] = self.Api.upsert_products([{"ref": "P-LONG", "name": "N" * 100_000}])
        self.assertEqual(result["status"], "error")
        self.assertIn("longer than", result["error"])
        self.assertFalse(self.env["product.product"].search([("default_code", "=", "P-LONG")]))

    def test_sellout_lines_refused_in_the_same_words_as_over_xmlrpc(self):
        """The API maps a report to channel_stock's rule of its lines: what
        is refused, and how it is said, is the same whichever way it comes."""
        week = str(fields.Date.today())
        lines = [{"product_code": "T-PENCIL", "on_hand": -1, "sold": 1}, {"product_code": "NOPE", "on_hand": 1, "sold": 1}]
        [result] = self.Api.import_sellout([{"store_code": "T-S-HZ", "week": week, "lines": lines}])
        with self.assertRaises(ValidationError) as over_xmlrpc:
            self.env["channel.sellout.report"].submit("T-S-HZ", week, lines)
        self.assertEqual(result["status"], "error")
        self.assertEqual(result["error"], str(over_xmlrpc.exception))
        self.assertIn("Line 2: no product has the code NOPE.", result["error"])
        [result] = self.Api.import_sellout([{"store_code": "T-S-HZ", "week": week, "lines": [
            {"product_code": "T-PENCIL", "on_hand": 1, "sold": 1, "codes": ["X"]},
        ]}])
        self.assertIn("unknown field 'codes'", result["error"], "the API still refuses keys it does not know")

    def test_sellout_figures_that_are_not_numbers(self):
        week = str(fields.Date.today())
        [result] = self.Api.import_sellout([{"store_code": "T-S-HZ", "week": week, "lines": [
            {"product_code": "T-PENCIL", "on_hand": float("nan"), "sold": 1},
        ]}])
        self.assertEqual(result["status"], "error")
        Report = self.env["channel.sellout.report"]
        before = Report.search([("member_id.code", "=", "T-S-HZ")]).line_ids.mapped("qty_on_hand")
        for on_hand in ("nan", "inf", "1e309"):
            with self.assertRaises(ValidationError, msg=on_hand):
                Report.submit("T-S-HZ", week, [{"product_code": "T-PENCIL", "on_hand": on_hand, "sold": 1}])
        self.assertEqual(Report.search([("member_id.code", "=", "T-S-HZ")]).line_ids.mapped("qty_on_hand"), before,
                         "nothing stored")
