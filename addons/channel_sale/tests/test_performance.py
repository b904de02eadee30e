# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command
from odoo.tests import TransactionCase, tagged

from .common import ChannelSaleMixin

# What the channel may add to Odoo's own confirmation of an order: the buyer's
# grade and exposure, the level prices, the approval bookkeeping and, with
# channel_promotion installed (as in the test command), the promotions'
# eligibility (asked when the store's promotions are applied and again by
# Odoo's refresh of the programs). Measured (see README) and fixed here with a
# small margin; it must not grow with lines.
CHANNEL_QUERY_BUDGET = 15
PER_LINE_QUERY_BUDGET = 1


@tagged("post_install", "-at_install", "channel_perf")
class TestConfirmationQueries(ChannelSaleMixin, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_channel_sale()
        cls.products = cls.env["product.product"].create([
            {"name": f"T 商品 {i}", "is_storable": True, "list_price": 2.5} for i in range(10)
        ])
        hz_stock = cls.stock_location(cls.hz_company)
        for product in cls.products:
            cls.set_level_price(product, 1.5, 1.8, 2.5)
            cls.env["stock.quant"]._update_available_quantity(product, hz_stock, 1000)
        cls.walk_in = cls.env["res.partner"].create({"name": "T 散客"})
        cls.store_hz.credit_limit = 10**6

    def order(self, partner, count):
        return self.env_of(self.hz_manager, self.hz_company)["sale.order"].create({
            "partner_id": partner.id,
            "order_line": [Command.create({"product_id": p.id, "product_uom_qty": 3}) for p in self.products[:count]],
        })

    def create_queries(self, partner, count):
        self.env.flush_all()
        self.env.invalidate_all()
        before = self.env.cr.sql_log_count
        order = self.order(partner, count)
        self.env.flush_all()
        return order, self.env.cr.sql_log_count - before

    def confirm_queries(self, order):
        self.env.flush_all()
        order.env.invalidate_all()
        before = self.env.cr.sql_log_count
        order.action_confirm()
        self.env.flush_all()
        self.assertEqual(order.state, "sale")
        return self.env.cr.sql_log_count - before

    def test_confirming_a_store_order_costs_a_bounded_number_of_queries(self):
        # warm the caches (registry, access rules, sequences) on a first pair
        self.confirm_queries(self.order(self.walk_in, 1))
        self.confirm_queries(self.order(self.store_hz.partner_id, 1))
        plain_1 = self.confirm_queries(self.order(self.walk_in, 1))
        plain_10 = self.confirm_queries(self.order(self.walk_in, 10))
        store_1 = self.confirm_queries(self.order(self.store_hz.partner_id, 1))
        store_10 = self.confirm_queries(self.order(self.store_hz.partner_id, 10))
        overhead = store_10 - plain_10
        per_line = ((store_10 - store_1) - (plain_10 - plain_1)) / 9
        msg = f"plain 1/10 lines: {plain_1}/{plain_10} queries, store order 1/10 lines: {store_1}/{store_10}"
        self.assertLessEqual(overhead, CHANNEL_QUERY_BUDGET, msg)
        self.assertLessEqual(per_line, PER_LINE_QUERY_BUDGET, msg)

    def test_creating_a_store_order_with_level_prices_costs_a_bounded_number_of_queries(self):
        self.create_queries(self.walk_in, 1)
        self.create_queries(self.store_hz.partner_id, 1)
        __, plain_1 = self.create_queries(self.walk_in, 1)
        __, plain_10 = self.create_queries(self.walk_in, 10)
        order_1, store_1 = self.create_queries(self.store_hz.partner_id, 1)
        order_10, store_10 = self.create_queries(self.store_hz.partner_id, 10)
        self.assertEqual(order_10.order_line.mapped("channel_level_price"), [2.5] * 10, "the work was done")
        msg = f"plain 1/10 lines: {plain_1}/{plain_10} queries, store order 1/10 lines: {store_1}/{store_10}"
        self.assertLessEqual(store_10 - plain_10, CHANNEL_QUERY_BUDGET, msg)
        self.assertLessEqual(((store_10 - store_1) - (plain_10 - plain_1)) / 9, PER_LINE_QUERY_BUDGET, msg)
