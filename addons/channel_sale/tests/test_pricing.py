# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError, UserError
from odoo.tests import TransactionCase, tagged

from .common import ChannelSaleMixin


@tagged("post_install", "-at_install")
class TestLevelPricing(ChannelSaleMixin, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_channel_sale()
        cls.env["stock.quant"]._update_available_quantity(cls.product, cls.stock_location(cls.hz_company), 100)

    def test_a_price_change_at_the_brand_reaches_every_tenant(self):
        item = self.env.ref("channel_base.pricelist_level_2").item_ids.filtered(
            lambda item: item.product_id == self.product
        )
        item.with_user(self.admin).fixed_price = 1.7
        purchase = self.purchase(self.hz, self.hz_manager, qty=2, confirm=False)
        self.assertEqual(purchase.order_line.price_unit, 1.7, "the level-2 dealer buys at the new price")
        # the upstream's sale order for it is priced the same, with no copy kept anywhere
        purchase.button_confirm()
        self.assertEqual(purchase.sudo().intercompany_sale_order_id.order_line.price_unit, 1.7)
        store_price = self.env.ref("channel_base.pricelist_level_store").item_ids.filtered(
            lambda item: item.product_id == self.product
        )
        store_price.fixed_price = 2.6
        for store, user in ((self.store_hz, self.hz_manager), (self.store_gd, self.south_manager)):
            with self.subTest(store=store.code):
                order = self.store_order(store, user, qty=1, confirm=False)
                self.assertEqual(order.order_line.price_unit, 2.6)
                self.assertFalse(order.order_line.channel_below_level_price)

    def test_selling_below_the_level_price_warns_and_is_recorded(self):
        order = self.store_order(self.store_hz, self.hz_manager, qty=10, confirm=False)
        line = order.order_line
        self.assertEqual(line.channel_level_price, 2.5)
        self.assertFalse(line.channel_below_level_price)
        line.discount = 20.0  # 2.0 < 2.5
        self.assertTrue(line.channel_below_level_price)
        self.assertEqual(order.channel_below_level_price_count, 1)
        warning = line._onchange_channel_level_price()
        self.assertIn("level price", warning["warning"]["message"])
        self.assertFalse(self.env["channel.price.deviation"].search([("order_id", "=", order.id)]),
                         "nothing is recorded before the sale is confirmed")
        order.action_confirm()
        deviation = self.env["channel.price.deviation"].search([("order_id", "=", order.id)])
        self.assertRecordValues(deviation, [{
            "company_id": self.hz_company.id, "buyer_member_id": self.store_hz.id,
            "seller_member_id": self.hz.id, "product_id": self.product.id, "quantity": 10.0,
            "level_price": 2.5, "sold_price": 2.0, "gap_percent": 20.0, "amount_below": 5.0,
        }])

    def test_who_sees_sales_below_level_price(self):
        order = self.store_order(self.store_hz, self.hz_manager, qty=1, price_unit=2.0)
        deviation = self.env["channel.price.deviation"].search([("order_id", "=", order.id)])
        self.assertTrue(deviation)
        Deviation = self.env["channel.price.deviation"]
        self.assertEqual(Deviation.with_user(self.brand_user).search([("id", "=", deviation.id)]), deviation)
        self.assertEqual(
            Deviation.with_user(self.hz_manager).with_context(allowed_company_ids=self.hz_company.ids).search([]),
            deviation,
        )
        self.assertFalse(
            Deviation.with_user(self.south_manager).with_context(allowed_company_ids=self.south_company.ids).search([])
        )
        for user in (self.store_hz_user, self.env.ref("base.public_user")):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                Deviation.with_user(user).search([])
        with self.assertRaises(AccessError):
            deviation.with_user(self.hz_manager).write({"sold_price": 2.5})

    def test_a_price_or_quantity_change_by_the_seller_reaches_the_buyers_purchase(self):
        self.east_manager.email = "t.east@example.com"  # Odoo posts the change as this user
        purchase = self.purchase(self.hz, self.hz_manager, qty=4)
        sale = purchase.sudo().intercompany_sale_order_id
        sale_line = sale.order_line.with_user(self.east_manager).with_context(allowed_company_ids=self.east_company.ids)
        sale_line.write({"product_uom_qty": 6, "price_unit": 1.6})
        self.assertEqual(purchase.order_line.product_qty, 6)
        self.assertEqual(purchase.order_line.price_unit, 1.6)
        self.assertEqual(purchase.amount_total, sale.amount_total)
        self.assertTrue(any("now 6.0 at" in body for body in purchase.message_ids.mapped("body")))


@tagged("post_install", "-at_install")
class TestUpstreamRules(ChannelSaleMixin, TransactionCase):
    """Bad purchase orders fail before anything exists in either company."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_channel_sale()

    def assert_refused(self, purchase, message):
        sales_before = self.env["sale.order"].sudo().search_count([])
        # Odoo's assertRaises (unlike assertRaisesRegex) rolls back to a
        # savepoint, as a failed request rolls back its transaction
        with self.assertRaises(UserError) as caught:
            purchase.button_confirm()
        self.assertRegex(str(caught.exception), message)
        self.assertEqual(purchase.state, "draft")
        self.assertEqual(self.env["sale.order"].sudo().search_count([]), sales_before)

    def test_ordering_from_a_company_that_is_not_the_upstream(self):
        for vendor in (self.brand_company.partner_id, self.south_company.partner_id):
            with self.subTest(vendor=vendor.name):
                purchase = self.purchase(self.hz, self.hz_manager, vendor=vendor, confirm=False)
                self.assert_refused(purchase, "buys from .* in the channel, not from")

    def test_a_product_the_level_may_not_buy(self):
        self.product.channel_level_ids = self.env.ref("channel_base.channel_level_1")
        self.assert_refused(self.purchase(self.hz, self.hz_manager, confirm=False), "may not buy this product")
        purchase = self.purchase(self.east, self.east_manager)
        self.assertEqual(purchase.state, "purchase", "level 1 may")

    def test_quantities_and_prices_that_break_a_rule(self):
        self.product.channel_order_multiple = 12
        self.assert_refused(self.purchase(self.hz, self.hz_manager, qty=10, confirm=False), "multiples of 12")
        purchase = self.purchase(self.hz, self.hz_manager, qty=24, confirm=False)
        purchase.order_line.price_unit = 1.0
        self.assert_refused(purchase, "level price")
        purchase.order_line.write({"price_unit": 1.8, "discount": 10})
        self.assert_refused(purchase, "level price")
        purchase.order_line.discount = 0
        purchase.button_confirm()
        self.assertEqual(purchase.state, "purchase")

    def test_a_failure_in_the_middle_of_the_chain_rolls_back_both_sides(self):
        usd = self.env.ref("base.USD")
        usd.active = True
        purchase = self.purchase(self.hz, self.hz_manager, confirm=False)
        purchase.currency_id = usd
        purchase.order_line.price_unit = purchase.order_line._channel_level_price_unit(
            self.env.ref("channel_base.pricelist_level_2")
        )
        # the upstream's sale order cannot be made (OCA refuses the currency):
        # the purchase is not confirmed either
        self.assert_refused(purchase, "currency")

    def test_buying_from_another_vendor_is_not_the_channels_business(self):
        vendor = self.env["res.partner"].create({"name": "T 本地供应商"})
        purchase = self.purchase(self.hz, self.hz_manager, vendor=vendor, confirm=False)
        purchase.order_line.price_unit = 0.9
        purchase.button_confirm()
        self.assertEqual(purchase.state, "purchase")
        self.assertFalse(purchase.channel_upstream_order)
        self.assertFalse(purchase.sudo().intercompany_sale_order_id)
