# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command
from odoo.exceptions import ValidationError
from odoo.tests import TransactionCase, tagged

from .common import ChannelPromotionMixin


@tagged("post_install", "-at_install")
class TestPromotionTypes(ChannelPromotionMixin, TransactionCase):
    """The promotions a Chinese channel team runs, on a store buying pens at
    2.50 untaxed: figures by hand."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_channel_promotion()

    def test_percentage_off(self):
        program = self.promotion(reward={"discount": 8})
        order = self.order_for(self.store_hz, qty=200)
        self.assertEqual(self.discount_of(order, program), 40.0, "8 % of 500")

    def test_amount_off(self):
        program = self.promotion(reward={"discount": 30, "discount_mode": "per_order"})
        self.assertEqual(self.discount_of(self.order_for(self.store_hz, qty=200), program), 30.0)

    def test_amount_off_over_thresholds(self):
        """满减: over 1,000 take 50 off, over 3,000 take 200 off — the highest
        threshold reached applies, alone."""
        program = self.promotion(
            rule={"minimum_amount": 1000, "minimum_amount_tax_mode": "excl"},
            reward={"discount": 50, "discount_mode": "per_order", "description": "满1000减50"},
        )
        program.write({
            "rule_ids": [Command.create({"minimum_amount": 3000, "minimum_amount_tax_mode": "excl",
                                         "reward_point_amount": 1, "reward_point_mode": "order"})],
            "reward_ids": [Command.create({"reward_type": "discount", "discount": 200, "discount_mode": "per_order",
                                           "discount_applicability": "order", "required_points": 2,
                                           "description": "满3000减200"})],
        })
        self.assertEqual(self.discount_of(self.order_for(self.store_hz, qty=200), program), 0.0, "500: below")
        self.assertEqual(self.discount_of(self.order_for(self.store_hz, qty=600), program), 50.0, "1,500")
        order = self.order_for(self.store_hz, qty=1400)
        self.assertEqual(self.discount_of(order, program), 200.0, "3,500: the second threshold only")
        self.assertEqual(len(order.order_line.filtered("reward_id")), 1)
        # the order shrinks below 3,000: priced again, back to the first threshold
        order.order_line.filtered(lambda line: not line.reward_id).product_uom_qty = 800
        order.channel_apply_promotions()
        self.assertEqual(self.discount_of(order, program), 50.0, "2,000")

    def test_buy_x_get_y_free(self):
        """买赠: one pen free for every twelve bought."""
        program = self.promotion(
            rule={"minimum_qty": 12, "reward_point_mode": "unit", "product_ids": [Command.set(self.pen.ids)]},
            reward={"reward_type": "product", "reward_product_id": self.pen.id, "reward_product_qty": 1,
                    "required_points": 12},
        )
        order = self.order_for(self.store_hz, qty=30)
        free = order.order_line.filtered(lambda line: line.reward_id.program_id == program)
        self.assertEqual(free.product_uom_qty, 2.0, "30 pens: two free")
        self.assertEqual(order.amount_untaxed, 75.0, "the free pens cost nothing")
        self.assertFalse(self.order_for(self.store_hz, qty=11).order_line.reward_id, "11 pens: none free")
        order.action_confirm()
        self.assertEqual(order.channel_promotion_usage_ids.amount, 5.0, "two pens at 2.50 given")

    def test_special_price(self):
        """特价: pens at 2.00 instead of 2.50; another product untouched."""
        other = self.env["product.product"].create({"name": "T 橡皮", "list_price": 1.0, "taxes_id": [Command.clear()]})
        program = self.promotion(reward={
            "discount_applicability": "specific", "discount_product_ids": [Command.set(self.pen.ids)],
            "channel_special_price": 2.0, "discount": 1,
        })
        order = self.env["sale.order"].with_company(self.hz_company).create({
            "partner_id": self.store_hz.partner_id.id,
            "order_line": [
                Command.create({"product_id": self.pen.id, "product_uom_qty": 40}),
                Command.create({"product_id": other.id, "product_uom_qty": 10, "price_unit": 1.0}),
            ],
        })
        order.channel_apply_promotions()
        self.assertEqual(self.discount_of(order, program), 20.0, "40 × (2.50 − 2.00)")
        self.assertEqual(order.amount_untaxed, 90.0, "40 × 2.00 + 10 × 1.00")
        program.reward_ids.channel_special_price = 3.0
        order.channel_apply_promotions()
        self.assertEqual(self.discount_of(order, program), 0.0, "already below the special price")
        with self.assertRaisesRegex(ValidationError, "specific products"):
            program.reward_ids.discount_applicability = "order"

    def test_uses_per_store(self):
        program = self.promotion(channel_max_usage_per_store=2)
        first, second = self.order_for(self.store_hz, confirm=True), self.order_for(self.store_hz, confirm=True)
        self.assertEqual([self.discount_of(first, program), self.discount_of(second, program)], [25.0, 25.0])
        third = self.order_for(self.store_hz, confirm=True)
        self.assertEqual(third.state, "sale")
        self.assertEqual(self.discount_of(third, program), 0.0, "a third order of the store: no more")
        self.assertEqual(self.discount_of(self.order_for(self.store_sh, confirm=True), program), 25.0, "another store")
        # a cancelled order gives its use back
        first._action_cancel()
        self.assertEqual(self.discount_of(self.order_for(self.store_hz, confirm=True), program), 25.0)

    def test_store_orders_get_their_promotions_when_confirmed(self):
        """However the order is entered (here by the distributor's salesman,
        without pressing the promotions button), confirming it applies them."""
        program = self.promotion()
        order = self.env_of(self.hz_manager, self.hz_company)["sale.order"].create({
            "partner_id": self.store_hz.partner_id.id,
            "order_line": [Command.create({"product_id": self.pen.id, "product_uom_qty": 100})],
        })
        self.assertFalse(order.order_line.reward_id)
        order.action_confirm()
        self.assertEqual(order.state, "sale")
        self.assertEqual(self.discount_of(order, program), 25.0)
        self.assertEqual(order.channel_promotion_usage_ids.amount, 25.0)
