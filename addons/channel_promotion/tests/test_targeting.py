# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command, fields
from odoo.exceptions import ValidationError
from odoo.tests import TransactionCase, tagged

from .common import ChannelPromotionMixin


@tagged("post_install", "-at_install")
class TestTargeting(ChannelPromotionMixin, TransactionCase):
    """Every dimension, each with the buyer it must reach and the one it must
    not: a promotion for 华东 stores never reaches a 华南 store, whichever way
    the order is priced."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_channel_promotion()

    def assertReaches(self, program, reached, not_reached):
        Program = self.env["loyalty.program"]
        for store in reached:
            self.assertIn(program, Program._channel_eligible(store, store.supplier_company_id), store.code)
            order = self.order_for(store)
            self.assertEqual(self.discount_of(order, program), 25.0, f"{store.code}: 10 % of 250")
        for store in not_reached:
            self.assertNotIn(program, Program._channel_eligible(store, store.supplier_company_id), store.code)
            order = self.order_for(store)
            self.assertEqual(self.discount_of(order, program), 0.0, store.code)

    def test_region(self):
        program = self.promotion(channel_region_ids=[Command.set(self.region_east.ids)])
        self.assertReaches(program, self.store_hz | self.store_sh, self.store_gd)

    def test_territory(self):
        program = self.promotion(channel_territory_ids=[Command.set(self.t_zj.ids)])
        self.assertReaches(program, self.store_hz, self.store_sh | self.store_gd)

    def test_level(self):
        """A promotion for level-1 distributors does not reach stores, and the
        store one does not reach a distributor's purchase from the brand."""
        for_dealers = self.promotion(channel_level_ids=[Command.set(self.level_1.ids)])
        self.assertReaches(for_dealers, self.browse_none(), self.store_hz | self.store_gd)
        Program = self.env["loyalty.program"]
        self.assertIn(for_dealers, Program._channel_eligible(self.east, self.brand_company))
        self.assertNotIn(for_dealers, Program._channel_eligible(self.hz, self.east_company), "level 2")
        for_stores = self.promotion()
        self.assertNotIn(for_stores, Program._channel_eligible(self.east, self.brand_company))

    def browse_none(self):
        return self.env["channel.member"]

    def test_member_tags(self):
        program = self.promotion(channel_tag_ids=[Command.set(self.tag_school.ids)])
        self.assertReaches(program, self.store_hz | self.store_gd, self.store_sh)

    def test_dimensions_combine(self):
        """Region AND tag: a 华东 school store, not a 华东 store without the tag
        nor a 华南 school store."""
        program = self.promotion(
            channel_region_ids=[Command.set(self.region_east.ids)], channel_tag_ids=[Command.set(self.tag_school.ids)]
        )
        self.assertReaches(program, self.store_hz, self.store_gd | self.store_sh)

    def test_single_members_are_added(self):
        program = self.promotion(
            channel_territory_ids=[Command.set(self.t_zj.ids)], channel_member_ids=[Command.set(self.store_gd.ids)]
        )
        self.assertReaches(program, self.store_hz | self.store_gd, self.store_sh)
        only_members = self.promotion(channel_level_ids=False, channel_member_ids=[Command.set(self.store_sh.ids)])
        self.assertReaches(only_members, self.store_sh, self.store_hz | self.store_gd)

    def test_member_filter(self):
        program = self.promotion(channel_member_domain="[('code', 'in', ['T-S-GD', 'T-S-SH'])]")
        self.assertReaches(program, self.store_gd | self.store_sh, self.store_hz)

    def test_brand_promotion_on_some_sellers_only(self):
        program = self.promotion(channel_seller_ids=[Command.set(self.hz.ids)])
        self.assertReaches(program, self.store_hz, self.store_gd | self.store_sh)

    def test_distributor_promotion_stays_in_its_company(self):
        program = self.promotion(publisher=self.hz)
        self.assertEqual(program.company_id, self.hz_company)
        self.assertReaches(program, self.store_hz, self.store_gd | self.store_sh)
        # even a store it targets by name is not reached when another seller sells to it
        program.channel_member_ids = [Command.set(self.store_gd.ids)]
        self.assertReaches(program, self.store_hz, self.store_gd)

    def test_period(self):
        yesterday = fields.Date.subtract(self.today, days=1)
        program = self.promotion(date_from=fields.Date.subtract(self.today, days=10), date_to=yesterday)
        self.assertReaches(program, self.browse_none(), self.store_hz)

    def test_customers_outside_the_channel_and_plain_programs(self):
        """A walk-in customer gets no channel promotion; a plain Odoo program
        still works for everybody."""
        self.promotion(channel_level_ids=False, channel_member_domain="[('role', '=', 'store')]")
        plain = self.env["loyalty.program"].create({
            "name": "T 普通促销", "program_type": "promotion", "trigger": "auto", "applies_on": "current",
            "company_id": self.hz_company.id,
            "rule_ids": [Command.clear(), Command.create({"minimum_amount": 0, "reward_point_amount": 1})],
            "reward_ids": [Command.clear(), Command.create({
                "reward_type": "discount", "discount": 5, "discount_mode": "percent", "required_points": 1,
            })],
        })
        walk_in = self.env["res.partner"].create({"name": "T 散客"})
        order = self.env["sale.order"].with_company(self.hz_company).create({
            "partner_id": walk_in.id,
            "order_line": [Command.create({"product_id": self.pen.id, "product_uom_qty": 100, "price_unit": 2.5})],
        })
        order._update_programs_and_rewards()
        claimable = order._get_claimable_rewards()
        self.assertEqual([coupon.program_id for coupon in claimable], [plain])

    def test_the_native_paths_respect_targeting(self):
        """The promotions button, a promotion code and a program forced onto
        the order all go through the same check."""
        program = self.promotion(channel_region_ids=[Command.set(self.region_east.ids)], trigger="with_code",
                                 rule={"mode": "with_code", "code": "T-HUADONG"})
        gd_order = self.env["sale.order"].with_company(self.south_company).create({
            "partner_id": self.store_gd.partner_id.id,
            "order_line": [Command.create({"product_id": self.pen.id, "product_uom_qty": 100})],
        })
        self.assertIn("error", gd_order._try_apply_code("T-HUADONG"))
        self.assertIn("error", gd_order._try_apply_program(program))
        gd_order.action_open_reward_wizard()
        self.assertFalse(gd_order.order_line.reward_id)
        hz_order = self.env["sale.order"].with_company(self.hz_company).create({
            "partner_id": self.store_hz.partner_id.id,
            "order_line": [Command.create({"product_id": self.pen.id, "product_uom_qty": 100})],
        })
        self.assertNotIn("error", hz_order._try_apply_code("T-HUADONG"))
        hz_order.action_open_reward_wizard()
        self.assertEqual(self.discount_of(hz_order, program), 25.0)
        # the store moves to 华南: at the next pricing the promotion goes
        self.store_hz.territory_id = self.t_gd
        hz_order._update_programs_and_rewards()
        self.assertEqual(self.discount_of(hz_order, program), 0.0)

    def test_a_promotion_needs_scope_and_dates(self):
        with self.assertRaisesRegex(ValidationError, "targets nobody"):
            self.promotion(channel_level_ids=False)
        with self.assertRaisesRegex(ValidationError, "start and an end date"):
            self.promotion(date_to=False)
        with self.assertRaisesRegex(ValidationError, "not a valid filter"):
            self.promotion(channel_member_domain="[('no_such_field', '=', 1)]")
        with self.assertRaisesRegex(ValidationError, "belongs to no company"):
            self.promotion(company_id=self.hz_company.id)
