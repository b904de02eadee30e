# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command
from odoo.tests import TransactionCase, tagged

from .common import ChannelPromotionMixin

# What targeting may add to Odoo's own pricing of an order against its
# promotions: the eligibility search, the per-buyer limits. It must not grow
# with the number of programs or lines.
TARGETING_QUERY_BUDGET = 4


@tagged("post_install", "-at_install", "channel_perf")
class TestPricingQueries(ChannelPromotionMixin, TransactionCase):
    """A 20-line store order priced against 50 active promotions, targeted
    through every dimension, against the same 50 programs untargeted."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_channel_promotion()
        cls.products = cls.env["product.product"].create([
            {"name": f"T 商品 {i}", "list_price": 2.5, "taxes_id": [Command.clear()]} for i in range(20)
        ])
        targets = [
            {"channel_region_ids": [Command.set(cls.region_east.ids)]},
            {"channel_territory_ids": [Command.set(cls.t_zj.ids)]},
            {"channel_tag_ids": [Command.set(cls.tag_school.ids)]},
            {"channel_member_ids": [Command.set(cls.store_hz.ids)]},
            {"channel_max_usage_per_store": 5},
        ]
        cls.values = [{
            "reward": {"discount": 1 + i % 5, "discount_applicability": "specific",
                       "discount_product_ids": [Command.set(cls.products[i % 20].ids)]},
            "name": f"T 促销 {i}",
            **targets[i % len(targets)],
        } for i in range(50)]

    def make_programs(self, targeted):
        programs = self.env["loyalty.program"]
        for values in self.values:
            values = dict(values)
            if not targeted:
                values = {key: value for key, value in values.items() if not key.startswith("channel_")}
                values.update(channel_publisher_id=False, company_id=self.hz_company.id,
                              channel_level_ids=False)
            programs |= self.promotion(**values)
        return programs

    def pricing_queries(self):
        order = self.env["sale.order"].with_company(self.hz_company).create({
            "partner_id": self.store_hz.partner_id.id,
            "order_line": [Command.create({"product_id": p.id, "product_uom_qty": 10}) for p in self.products],
        })
        self.env.flush_all()
        self.env.invalidate_all()
        before = self.env.cr.sql_log_count
        order._update_programs_and_rewards()
        claimable = order._get_claimable_rewards()
        self.env.flush_all()
        return self.env.cr.sql_log_count - before, claimable

    def test_targeting_costs_a_bounded_number_of_queries(self):
        targeted = self.make_programs(targeted=True)
        self.pricing_queries()  # warm the caches
        channel, claimable = self.pricing_queries()
        self.assertEqual({coupon.program_id for coupon in claimable}, set(targeted), "all 50 reach the store")
        targeted.action_archive()
        plain_programs = self.make_programs(targeted=False)
        self.pricing_queries()
        plain, claimable = self.pricing_queries()
        self.assertEqual({coupon.program_id for coupon in claimable}, set(plain_programs))
        self.assertLessEqual(channel - plain, TARGETING_QUERY_BUDGET, f"targeted {channel}, plain {plain} queries")
