# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command
from odoo.tests import TransactionCase, tagged
from odoo.tools.safe_eval import safe_eval

from .common import ChannelSaleMixin


@tagged("post_install", "-at_install")
class TestIntercompanyChain(ChannelSaleMixin, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_channel_sale()

    def test_onboarding_configures_the_intercompany_flow(self):
        for member in (self.brand, self.east, self.hz):
            company = member.tenant_company_id
            with self.subTest(company=company.name):
                self.assertTrue(company.so_from_po and company.sale_auto_validation and company.sync_picking)
                self.assertTrue(company.intercompany_invoicing and company.invoice_auto_validation)
                self.assertIn(company, company.intercompany_sale_user_id.company_ids)
                self.assertEqual(company.warehouse_id.company_id, company)
        self.assertEqual(self.east_company.intercompany_sale_user_id, self.east_manager)
        self.assertEqual(self.brand_company.intercompany_sale_user_id, self.admin)

    def test_a_purchase_to_the_brand_flows_through_sale_delivery_and_invoice(self):
        env = self.env(user=self.east_manager, context=dict(self.env.context, allowed_company_ids=self.east_company.ids))
        purchase = env["purchase.order"].create({
            "partner_id": self.brand_company.partner_id.id,
            "order_line": [Command.create({"product_id": self.product.id, "product_qty": 10})],
        })
        self.assertEqual(purchase.order_line.price_unit, 1.5, "bought at the level-1 price")
        self.assertEqual(purchase.amount_total, 15.0)
        purchase.button_confirm()

        # the brand's sale order, confirmed at the level-1 price
        brand_env = self.env(user=self.admin, context=dict(self.env.context, allowed_company_ids=self.brand_company.ids))
        sale = brand_env["sale.order"].browse(purchase.sudo().intercompany_sale_order_id.id)
        self.assertEqual(sale.company_id, self.brand_company)
        self.assertEqual(sale.partner_id, self.east_company.partner_id)
        self.assertEqual(sale.state, "sale")
        self.assertEqual(sale.order_line.product_uom_qty, 10)
        self.assertEqual(sale.order_line.price_unit, 1.5)
        self.assertEqual(sale.client_order_ref, purchase.name)

        # the brand ships: the distributor's receipt is done by itself
        delivery = sale.picking_ids
        delivery.move_ids.quantity = 10
        delivery.move_ids.picked = True
        delivery.button_validate()
        self.assertEqual(delivery.state, "done")
        receipt = purchase.sudo().picking_ids
        self.assertEqual(receipt.state, "done")
        east_stock = self.env["stock.warehouse"].search([("company_id", "=", self.east_company.id)]).lot_stock_id
        self.assertEqual(self.env["stock.quant"]._get_available_quantity(self.product, east_stock), 10)
        self.assertEqual(purchase.order_line.qty_received, 10)

        # the brand invoices: the distributor's vendor bill is created and posted
        invoice = sale._create_invoices()
        invoice.action_post()
        bill = self.env["account.move"].sudo().search([("auto_invoice_id", "=", invoice.id)])
        self.assertEqual(bill.company_id, self.east_company)
        self.assertEqual(bill.move_type, "in_invoice")
        self.assertEqual(bill.state, "posted")
        self.assertEqual(bill.amount_total, invoice.amount_total)
        self.assertEqual(bill.amount_total, 15.0, "10 × 1.5, VAT included")
        self.assertEqual(bill.invoice_line_ids.purchase_line_id, purchase.order_line)
        self.assertEqual(purchase.order_line.qty_invoiced, 10)
        self.assertEqual(bill.amount_total, purchase.amount_total)

    def test_a_level_2_dealer_buys_from_its_level_1_at_the_level_2_price(self):
        hz_company = self.hz.tenant_company_id
        env = self.env(user=self.hz_manager, context=dict(self.env.context, allowed_company_ids=hz_company.ids))
        purchase = env["purchase.order"].create({
            "partner_id": self.east_company.partner_id.id,
            "order_line": [Command.create({"product_id": self.product.id, "product_qty": 4})],
        })
        self.assertEqual(purchase.order_line.price_unit, 1.8)
        purchase.button_confirm()
        sale = purchase.sudo().intercompany_sale_order_id
        self.assertEqual(sale.company_id, self.east_company, "the level-1 distributor sells, not the brand")
        self.assertEqual(sale.state, "sale")
        self.assertEqual((sale.order_line.price_unit, sale.amount_total), (1.8, purchase.amount_total))

    def test_buying_from_another_vendor_keeps_its_own_price(self):
        vendor = self.env["res.partner"].create({"name": "T 其他供应商"})
        purchase = self.env["purchase.order"].with_company(self.east_company).create({
            "partner_id": vendor.id,
            "order_line": [Command.create({"product_id": self.product.id, "product_qty": 10, "price_unit": 0.9})],
        })
        self.assertFalse(purchase.order_line._channel_upstream_pricelist())
        self.assertEqual(purchase.order_line.price_unit, 0.9)
        purchase.order_line.product_qty = 12
        self.assertEqual(purchase.order_line.price_unit, 0.9, "a manual price for another vendor stays")

    def _book(self, xmlid, user, company):
        action = self.env.ref(xmlid)
        model = self.env[action.res_model].with_user(user).with_context(allowed_company_ids=company.ids)
        return model.search(safe_eval(action.domain))

    def test_each_distributor_sees_its_own_order_books(self):
        purchase = self.purchase(self.hz, self.hz_manager)
        dealer_sale = purchase.sudo().intercompany_sale_order_id
        hz_company = self.hz.tenant_company_id
        store_sale = self.env["sale.order"].with_user(self.hz_manager).with_context(
            allowed_company_ids=hz_company.ids
        ).create({
            "partner_id": self.store_hz.partner_id.id,
            "order_line": [Command.create({"product_id": self.product.id, "product_uom_qty": 2})],
        })
        self.assertEqual(self._book("channel_sale.sale_order_action_store_orders", self.hz_manager, hz_company), store_sale)
        self.assertEqual(
            self._book("channel_sale.purchase_order_action_upstream_orders", self.hz_manager, hz_company), purchase
        )
        self.assertEqual(
            self._book("channel_sale.sale_order_action_dealer_orders", self.east_manager, self.east_company), dealer_sale
        )
        # another branch sees none of it
        south_company = self.south.tenant_company_id
        for xmlid in ("sale_order_action_store_orders", "sale_order_action_dealer_orders"):
            self.assertFalse(self._book(f"channel_sale.{xmlid}", self.south_manager, south_company))
        self.assertFalse(self._book("channel_sale.sale_order_action_store_orders", self.east_manager, self.east_company))

    def test_cancelling_the_purchase_cancels_the_upstream_sale(self):
        purchase = self.purchase(self.east, self.east_manager)
        sale = purchase.sudo().intercompany_sale_order_id
        self.assertEqual(sale.state, "sale")
        purchase.button_cancel()
        self.assertEqual(purchase.state, "cancel")
        self.assertEqual(sale.state, "cancel")

    def test_a_return_and_its_credit_note_flow_back_to_the_buyer(self):
        self.product.invoice_policy = "delivery"
        purchase = self.purchase(self.east, self.east_manager, qty=10)
        sale = purchase.sudo().intercompany_sale_order_id
        self.ship(sale)
        invoice = sale._create_invoices()
        invoice.action_post()
        east_stock = self.stock_location(self.east_company)
        Quant = self.env["stock.quant"]

        # the brand takes 3 back: the distributor's return is made and done with it
        delivery = sale.picking_ids
        wizard = self.env["stock.return.picking"].with_context(
            active_id=delivery.id, active_model="stock.picking"
        ).create({"picking_id": delivery.id})
        wizard.product_return_moves.quantity = 3
        brand_return = wizard._create_return()
        east_return = purchase.picking_ids.filtered("return_id")
        self.assertEqual(east_return.move_ids.product_uom_qty, 3)
        brand_return.move_ids.quantity = 3
        brand_return.move_ids.picked = True
        brand_return.button_validate()
        self.assertEqual((brand_return.state, east_return.state), ("done", "done"))
        self.assertEqual(Quant._get_available_quantity(self.product, east_stock), 7)
        self.assertEqual(
            Quant._get_available_quantity(self.product, self.stock_location(self.brand_company)), 93
        )
        self.assertEqual((sale.order_line.qty_delivered, purchase.order_line.qty_received), (7, 7))

        # the brand's credit note becomes the distributor's vendor refund
        refund = sale._create_invoices(final=True)
        refund.action_post()
        self.assertEqual((refund.move_type, refund.amount_total), ("out_refund", 4.5))
        vendor_refund = self.env["account.move"].sudo().search([("auto_invoice_id", "=", refund.id)])
        self.assertRecordValues(vendor_refund, [{
            "move_type": "in_refund", "company_id": self.east_company.id, "state": "posted", "amount_total": 4.5,
        }])
        self.assertEqual(purchase.order_line.qty_invoiced, 7)

    def test_onboarded_distributor_sells_and_buys_in_its_own_books(self):
        """T-HZ, just onboarded, sells to its store and buys from T-EAST at once."""
        company = self.hz.tenant_company_id
        product = self.env["product.product"].create(
            {"name": "T 中性笔", "is_storable": True, "list_price": 3.0, "standard_price": 1.2}
        )
        self.set_level_price(product, 1.2, 1.5, 2.25)
        env = self.env(user=self.hz_manager, context=dict(self.env.context, allowed_company_ids=company.ids))
        # sell to its store, at the store level's price
        sale = env["sale.order"].create({
            "partner_id": self.store_hz.partner_id.id,
            "order_line": [Command.create({"product_id": product.id, "product_uom_qty": 10})],
        })
        self.assertEqual(sale.company_id, company)
        self.assertEqual(sale.pricelist_id, self.env.ref("channel_base.pricelist_level_store"))
        self.assertEqual(sale.order_line.price_unit, 2.25)
        sale.action_confirm()
        self.assertEqual(sale.state, "sale")
        self.assertEqual(sale.picking_ids.picking_type_id.warehouse_id.company_id, company)
        # buy from its upstream
        purchase = env["purchase.order"].create({
            "partner_id": self.east.partner_id.id,
            "order_line": [Command.create({"product_id": product.id, "product_qty": 100})],
        })
        self.assertEqual(purchase.order_line.price_unit, 1.5, "at the level-2 price")
        purchase.button_confirm()
        self.assertEqual(purchase.state, "purchase")
        self.assertEqual(purchase.company_id, company)
        self.assertEqual(purchase.picking_ids.picking_type_id.warehouse_id.company_id, company)
        # and books the sale in its own journal
        sale.order_line.qty_delivered = 10
        invoice = sale._create_invoices()
        invoice.action_post()
        self.assertEqual(invoice.journal_id.company_id, company)
        self.assertEqual(invoice.amount_total, 22.5, "Chinese prices include VAT")
        self.assertEqual(invoice.amount_untaxed, sale.amount_untaxed)
        self.assertEqual(invoice.line_ids.account_id.company_ids, company)

    def test_an_invoice_without_an_order_or_vat_reaches_the_buyer_with_the_same_totals(self):
        invoice = self.env["account.move"].with_company(self.brand_company).create({
            "move_type": "out_invoice",
            "partner_id": self.east_company.partner_id.id,
            "invoice_line_ids": [Command.create({
                "product_id": self.product.id, "quantity": 3, "price_unit": 10.0, "tax_ids": [Command.clear()],
            })],
        })
        invoice.action_post()
        bill = self.env["account.move"].sudo().search([("auto_invoice_id", "=", invoice.id)])
        self.assertEqual(bill.invoice_line_ids.quantity, 3)
        self.assertEqual(bill.amount_total, invoice.amount_total, "30, not 3 × the line's total")
