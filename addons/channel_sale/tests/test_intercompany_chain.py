# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import Command
from odoo.tests import TransactionCase, tagged

from odoo.addons.channel_base.tests.common import ChannelNetworkMixin


@tagged("post_install", "-at_install")
class TestIntercompanyChain(ChannelNetworkMixin, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_channel_network()
        cls.brand_company = cls.brand.tenant_company_id
        cls.east_company = cls.east.tenant_company_id
        cls.product = cls.env["product.product"].create({
            "name": "T 中性笔0.5mm", "is_storable": True, "list_price": 3.0, "standard_price": 1.0,
        })
        cls.env.ref("channel_base.pricelist_level_1").item_ids = [
            Command.create({"applied_on": "0_product_variant", "product_id": cls.product.id, "fixed_price": 1.5})
        ]
        brand_warehouse = cls.env["stock.warehouse"].search([("company_id", "=", cls.brand_company.id)], limit=1)
        cls.env["stock.quant"]._update_available_quantity(cls.product, brand_warehouse.lot_stock_id, 100)
        cls.admin = cls.env.ref("base.user_admin")

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
        self.env.ref("channel_base.pricelist_level_2").item_ids = [
            Command.create({"applied_on": "0_product_variant", "product_id": self.product.id, "fixed_price": 1.8})
        ]
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
