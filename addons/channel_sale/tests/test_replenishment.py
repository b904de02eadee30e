# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import TransactionCase, tagged

from .common import ChannelSaleMixin


@tagged("post_install", "-at_install")
class TestReplenishmentRipple(ChannelSaleMixin, TransactionCase):
    """One store order walks brand → level 1 → level 2 → store by itself."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_channel_sale()
        cls.lot_product = cls.env["product.product"].create({
            "name": "T 学生书包", "is_storable": True, "tracking": "lot", "list_price": 99.0,
            "standard_price": 40.0,
        })
        cls.set_level_price(cls.lot_product, 50.0, 60.0, 80.0)
        lot = cls.env["stock.lot"].create({
            "name": "T-LOT-2611", "product_id": cls.lot_product.id, "company_id": cls.brand_company.id,
        })
        cls.env["stock.quant"]._update_available_quantity(
            cls.lot_product, cls.stock_location(cls.brand_company), 100, lot_id=lot
        )

    def quantity(self, company, product=None):
        """On hand in the company's stock (reserved for the next delivery or not)."""
        quants = self.env["stock.quant"].search([
            ("product_id", "=", (product or self.lot_product).id),
            ("location_id", "child_of", self.stock_location(company).id),
        ])
        return sum(quants.mapped("quantity"))

    def invoice(self, sale):
        invoice = sale.sudo()._create_invoices()
        invoice.action_post()
        return invoice

    def test_one_store_order_ripples_through_every_level(self):
        store_order = self.store_order(self.store_hz, self.hz_manager, qty=10, product=self.lot_product)
        self.assertEqual(store_order.state, "sale")

        # the dealer lacks stock: its purchase to its level 1 is placed and confirmed
        hz_purchase = store_order.sudo()._get_purchase_orders()
        self.assertEqual(hz_purchase.partner_id, self.east_company.partner_id)
        self.assertRecordValues(hz_purchase, [{"state": "purchase", "company_id": self.hz_company.id}])
        self.assertRecordValues(hz_purchase.order_line, [{"product_qty": 10, "price_unit": 60.0}])
        east_sale = hz_purchase.sudo().intercompany_sale_order_id
        self.assertRecordValues(east_sale, [{"state": "sale", "company_id": self.east_company.id}])
        # the level 1 lacks it too: its purchase to the brand, and the brand's sale
        east_purchase = east_sale._get_purchase_orders()
        self.assertRecordValues(east_purchase, [{"state": "purchase", "partner_id": self.brand_company.partner_id.id}])
        self.assertRecordValues(east_purchase.order_line, [{"product_qty": 10, "price_unit": 50.0}])
        brand_sale = east_purchase.sudo().intercompany_sale_order_id
        self.assertRecordValues(brand_sale, [{"state": "sale", "company_id": self.brand_company.id}])
        self.assertEqual(brand_sale.order_line.price_unit, 50.0)

        # the goods go down with their lot; every receipt is done by itself
        self.ship(brand_sale, lots={self.lot_product: "T-LOT-2611"})
        self.assertEqual(east_purchase.picking_ids.state, "done")
        east_lot = east_purchase.picking_ids.move_line_ids.lot_id
        self.assertEqual(east_lot.name, "T-LOT-2611")
        self.assertEqual(self.quantity(self.east_company), 10)
        self.ship(east_sale, lots={self.lot_product: "T-LOT-2611"})
        self.assertEqual(hz_purchase.picking_ids.state, "done")
        self.assertEqual(hz_purchase.picking_ids.move_line_ids.lot_id.name, "T-LOT-2611")
        self.assertEqual(self.quantity(self.hz_company), 10)
        self.ship(store_order, lots={self.lot_product: "T-LOT-2611"})
        self.assertEqual(store_order.picking_ids.state, "done")
        self.assertEqual(store_order.order_line.qty_delivered, 10)
        self.assertEqual(
            (self.quantity(self.brand_company), self.quantity(self.east_company), self.quantity(self.hz_company)),
            (90, 0, 0),
        )
        delivered = store_order.order_line.move_ids.move_line_ids
        self.assertEqual(delivered.lot_id.mapped("name"), ["T-LOT-2611"], delivered.read(["lot_id", "lot_name", "quantity", "state"]))

        # invoices down the chain; each creates the buyer's posted vendor bill
        expected = ((brand_sale, east_purchase, 500.0), (east_sale, hz_purchase, 600.0))
        for sale, purchase, total in expected:
            invoice = self.invoice(sale)
            bill = self.env["account.move"].sudo().search([("auto_invoice_id", "=", invoice.id)])
            with self.subTest(seller=sale.company_id.name):
                self.assertRecordValues(invoice, [{"state": "posted", "amount_total": total}])
                self.assertRecordValues(bill, [{
                    "state": "posted", "move_type": "in_invoice", "company_id": purchase.company_id.id,
                    "amount_total": total,
                }])
                self.assertEqual(purchase.order_line.qty_invoiced, 10)
        store_invoice = self.invoice(store_order)
        self.assertEqual(store_invoice.amount_total, 800.0)

        # every company's books: balanced, receivable from the buyer, payable to the seller
        for company, receivable, payable in (
            (self.brand_company, 500.0, 0.0),
            (self.east_company, 600.0, 500.0),
            (self.hz_company, 800.0, 600.0),
        ):
            lines = self.env["account.move.line"].sudo().search([
                ("company_id", "=", company.id), ("parent_state", "=", "posted"),
            ])
            with self.subTest(company=company.name):
                self.assertAlmostEqual(sum(lines.mapped("debit")), sum(lines.mapped("credit")))
                self.assertAlmostEqual(
                    sum(lines.filtered(lambda l: l.account_id.account_type == "asset_receivable").mapped("balance")),
                    receivable,
                )
                self.assertAlmostEqual(
                    -sum(lines.filtered(lambda l: l.account_id.account_type == "liability_payable").mapped("balance")),
                    payable,
                )

    def test_what_the_stock_covers_is_not_bought(self):
        self.env["stock.quant"]._update_available_quantity(self.product, self.stock_location(self.hz_company), 6)
        store_order = self.store_order(self.store_hz, self.hz_manager, qty=10)
        purchase = store_order.sudo()._get_purchase_orders()
        self.assertEqual(purchase.order_line.product_qty, 4, "only the shortage goes upstream")
        self.product.channel_order_multiple = 12
        second = self.store_order(self.store_hz, self.hz_manager, qty=3)
        self.assertEqual(second.sudo()._get_purchase_orders().order_line.product_qty, 12, "rounded up to the carton")

    def test_replenishment_can_wait_for_the_distributors_confirmation(self):
        self.hz_company.channel_auto_confirm_replenishment = False
        store_order = self.store_order(self.store_hz, self.hz_manager, qty=5)
        purchase = store_order.sudo()._get_purchase_orders()
        self.assertEqual((purchase.state, purchase.order_line.price_unit), ("draft", 1.8))
        self.assertFalse(purchase.intercompany_sale_order_id)

    def test_a_reordering_rule_buys_from_the_upstream(self):
        warehouse = self.env["stock.warehouse"].search([("company_id", "=", self.hz_company.id)])
        orderpoint = self.env["stock.warehouse.orderpoint"].with_company(self.hz_company).create({
            "product_id": self.product.id, "warehouse_id": warehouse.id, "location_id": warehouse.lot_stock_id.id,
            "product_min_qty": 5, "product_max_qty": 20, "trigger": "auto",
        })
        orderpoint._procure_orderpoint_confirm(company_id=self.hz_company)
        purchase = self.env["purchase.order.line"].sudo().search([("orderpoint_id", "=", orderpoint.id)]).order_id
        self.assertRecordValues(purchase, [{"partner_id": self.east_company.partner_id.id, "state": "purchase"}])
        self.assertEqual(purchase.order_line.product_qty, 20)
        self.assertEqual(purchase.sudo().intercompany_sale_order_id.state, "sale")

    def test_the_brand_does_not_buy_from_anyone(self):
        brand_warehouse = self.env["stock.warehouse"].search([("company_id", "=", self.brand_company.id)])
        self.assertNotIn(self.env.ref("channel_sale.route_replenish_from_upstream"), brand_warehouse.route_ids)
        purchase = self.purchase(self.east, self.east_manager, qty=150)  # more than the brand holds
        sale = purchase.sudo().intercompany_sale_order_id
        self.assertEqual(sale.state, "sale")
        self.assertFalse(sale._get_purchase_orders())
