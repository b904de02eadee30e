# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import TransactionCase, tagged

from .common import ChannelApiMixin


@tagged("post_install", "-at_install")
class TestApiOrders(ChannelApiMixin, TransactionCase):
    """Orders the ERP took enter the chain as the channel's own documents: a
    store's as its distributor's sale order, a distributor's as its purchase
    order to its upstream (whose sale order follows). Sent twice, made once."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_channel_api()

    def test_store_order_created_confirmed_once(self):
        payload = {"ref": "VBELN-1", "buyer_code": "T-S-HZ",
                   "lines": [{"default_code": "T-PENCIL", "quantity": 12}, {"default_code": "T-ERASER", "quantity": 5,
                                                                         "price_unit": 0.8}]}
        [result] = self.Api.import_orders([payload])
        self.assertEqual(result["status"], "created")
        order = self.env["sale.order"].browse(result["id"])
        self.assertEqual((order.company_id, order.partner_id, order.client_order_ref, order.state),
                         (self.hz_company, self.store_hz.partner_id, "VBELN-1", "sale"))
        pencil_line = order.order_line.filtered(lambda line: line.product_id == self.pencil)
        self.assertEqual(pencil_line.price_unit, 1.5, "the store's level price")
        self.assertEqual(order.order_line.filtered(lambda line: line.product_id == self.eraser).price_unit, 0.8)

        self.assertEqual(self.statuses(self.Api.import_orders([payload])), ["unchanged"])
        self.assertEqual(self.env["sale.order"].search_count([("client_order_ref", "=", "VBELN-1")]), 1)
        payload["lines"][0]["quantity"] = 13
        [changed] = self.Api.import_orders([payload])
        self.assertIn("already confirmed", changed["error"])
        self.assertEqual(pencil_line.product_uom_qty, 12)

    def test_draft_order_updated_then_confirmed(self):
        payload = {"ref": "VBELN-2", "buyer_code": "T-S-HZ", "confirm": False,
                   "lines": [{"default_code": "T-PENCIL", "quantity": 2}]}
        [created] = self.Api.import_orders([payload])
        order = self.env["sale.order"].browse(created["id"])
        self.assertEqual(order.state, "draft")
        payload["lines"][0]["quantity"] = 3
        self.assertEqual(self.statuses(self.Api.import_orders([payload])), ["updated"])
        self.assertEqual((order.order_line.product_uom_qty, order.state), (3, "draft"))
        payload["confirm"] = True
        self.assertEqual(self.statuses(self.Api.import_orders([payload])), ["updated"])
        self.assertEqual(order.state, "sale")
        self.assertEqual(self.statuses(self.Api.import_orders([payload])), ["unchanged"])

    def test_distributor_order_flows_upstream(self):
        [result] = self.Api.import_orders([
            {"ref": "EBELN-1", "buyer_code": "T-HZ", "lines": [{"default_code": "T-PENCIL", "quantity": 10}]},
        ])
        self.assertEqual(result["status"], "created", result)
        purchase = self.env["purchase.order"].browse(result["id"])
        self.assertEqual((purchase._name, purchase.company_id, purchase.state, purchase.partner_ref),
                         ("purchase.order", self.hz_company, "purchase", "EBELN-1"))
        self.assertEqual(purchase.order_line.price_unit, 1.2, "the level-2 price")
        upstream_sale = self.env["sale.order"].search([("auto_purchase_order_id", "=", purchase.id)])
        self.assertEqual(upstream_sale.company_id, self.east_company)
        self.assertEqual(self.statuses(self.Api.import_orders([
            {"ref": "EBELN-1", "buyer_code": "T-HZ", "lines": [{"default_code": "T-PENCIL", "quantity": 10}]},
        ])), ["unchanged"])

    def test_bad_orders_create_nothing(self):
        orders_before = self.env["sale.order"].search_count([])
        purchases_before = self.env["purchase.order"].search_count([])
        results = self.Api.import_orders([
            {"ref": "BAD-1", "buyer_code": "T-S-HZ", "lines": [{"default_code": "T-PENCIL", "quantity": 1},
                                                              {"default_code": "NOPE", "quantity": 1}]},
            {"ref": "BAD-2", "buyer_code": "T-S-HZ", "lines": [{"default_code": "T-PENCIL", "quantity": 0}]},
            {"ref": "BAD-3", "buyer_code": "T-HZ", "lines": [{"default_code": "T-PENCIL", "quantity": 1, "price_unit": 0.1}]},
            {"ref": "BAD-4", "buyer_code": "NOBODY", "lines": [{"default_code": "T-PENCIL", "quantity": 1}]},
            {"ref": "BAD-5", "buyer_code": "T-S-HZ", "lines": []},
            {"ref": "BAD-6", "buyer_code": "T-S-HZ", "lines": ["x"]},
            {"ref": "BAD-7", "lines": [{"default_code": "T-PENCIL", "quantity": 1}]},
            {"ref": "BAD-8", "buyer_code": "BRAND", "lines": [{"default_code": "T-PENCIL", "quantity": 1}]},
        ])
        self.assertEqual(self.statuses(results), ["error"] * 8)
        self.assertIn("line 2: unknown product NOPE", results[0]["error"])
        self.assertIn("line 1: the quantity must be positive", results[1]["error"])
        self.assertIn("buys at its level price", results[2]["error"])
        self.assertIn("unknown member NOBODY", results[3]["error"])
        self.assertIn("at least one line", results[4]["error"])
        self.assertIn("line 1: it is not a dictionary", results[5]["error"])
        self.assertIn("give the buyer", results[6]["error"])
        self.assertIn("does not buy from anyone", results[7]["error"])
        self.assertEqual(self.env["sale.order"].search_count([]), orders_before)
        self.assertEqual(self.env["purchase.order"].search_count([]), purchases_before)
        self.assertFalse(self.env["channel.api.binding"].search([("ref", "like", "BAD-")]))

    def test_order_refused_by_the_chain_rolls_back_alone(self):
        """A D-grade store that has not prepaid: the seller's rules refuse to
        confirm, the order waits for approval; the rest of the batch goes on."""
        self.store_gd.credit_grade = "D"
        results = self.Api.import_orders([
            {"ref": "VBELN-D", "buyer_code": "T-S-GD", "lines": [{"default_code": "T-PENCIL", "quantity": 1}]},
            {"ref": "VBELN-OK", "buyer_code": "T-S-HZ", "lines": [{"default_code": "T-PENCIL", "quantity": 1}]},
        ])
        self.assertEqual(self.statuses(results), ["created", "created"])
        waiting = self.env["sale.order"].browse(results[0]["id"])
        self.assertEqual((waiting.state, waiting.channel_approval_state), ("draft", "to_approve"))
        # sent again, the waiting order is the seller's to approve, not the replay's
        self.assertEqual(self.statuses(self.Api.import_orders([
            {"ref": "VBELN-D", "buyer_code": "T-S-GD", "lines": [{"default_code": "T-PENCIL", "quantity": 1}]},
        ])), ["unchanged"])
