# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import TransactionCase, tagged

from .common import ChannelPromotionMixin


@tagged("post_install", "-at_install")
class TestPromotionAccess(ChannelPromotionMixin, TransactionCase):
    """Who sees and changes promotions, their uses, budgets and claims: the
    brand, a distributor of the branch, a distributor of another branch, a
    store and a portal stranger."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_channel_promotion()
        cls.brand_promo = cls.promotion(
            name="T 品牌华东促销", channel_brand_share=50.0, channel_region_ids=[Command.set(cls.region_east.ids)],
            channel_seller_ids=[Command.set((cls.east | cls.hz).ids)],
            channel_budget_line_ids=[Command.create({"member_id": cls.hz.id, "amount": 1000.0})],
        )
        cls.hz_promo = cls.promotion(publisher=cls.hz, name="T 文澜自办促销", reward={
            "discount": 5, "discount_mode": "per_order", "discount_applicability": "specific",
            "discount_product_ids": [Command.set(cls.pen.ids)],
        })
        cls.order = cls.env["sale.order"].with_company(cls.hz_company).create({
            "partner_id": cls.store_hz.partner_id.id,
            "order_line": [Command.create({"product_id": cls.pen.id, "product_uom_qty": 100})],
        })
        cls.order.action_confirm()
        cls.claim = cls.env["channel.promotion.claim"].with_company(cls.hz_company).sudo().file_claim(
            cls.brand_promo.id, cls.order.ids
        )

    def as_user(self, user, company=None):
        company = company or user.company_id
        return self.env(user=user, context=dict(self.env.context, allowed_company_ids=company.ids))

    def visible(self, user, model, company=None):
        """What ``user`` finds of this test's records of ``model``."""
        domain = {
            "loyalty.program": [("id", "in", (self.brand_promo | self.hz_promo).ids)],
            "channel.promotion.usage": [("order_id", "=", self.order.id)],
            "channel.promotion.claim": [("id", "=", self.claim.id)],
            "channel.promotion.budget": [("program_id", "in", (self.brand_promo | self.hz_promo).ids)],
        }[model]
        return self.as_user(user, company)[model].search(domain)

    def test_the_order_used_both_promotions(self):
        self.assertEqual(self.order.channel_promotion_usage_ids.program_id, self.brand_promo | self.hz_promo)

    def test_brand(self):
        for user in (self.brand_manager, self.brand_user):
            programs = self.visible(user, "loyalty.program", self.brand_company)
            self.assertIn(self.brand_promo, programs)
            self.assertNotIn(self.hz_promo, programs, "a distributor's own promotion stays in its company")
            self.assertEqual(self.visible(user, "channel.promotion.usage", self.brand_company),
                             self.order.channel_promotion_usage_ids.filtered(lambda u: u.program_id == self.brand_promo))
            self.assertEqual(self.visible(user, "channel.promotion.claim", self.brand_company), self.claim)
        self.brand_promo.with_env(self.as_user(self.brand_manager, self.brand_company)).channel_budget_amount = 5000.0
        with self.assertRaises(AccessError):
            self.brand_promo.with_env(self.as_user(self.brand_user, self.brand_company)).name = "T 改名"
        with self.assertRaises(AccessError):
            self.claim.with_env(self.as_user(self.brand_user, self.brand_company)).action_approve()

    def test_distributor_of_the_branch(self):
        programs = self.visible(self.hz_manager, "loyalty.program", self.hz_company)
        self.assertIn(self.brand_promo, programs, "the brand's promotion it runs")
        self.assertIn(self.hz_promo, programs)
        self.assertEqual(len(self.visible(self.hz_manager, "channel.promotion.usage", self.hz_company)), 2)
        self.assertEqual(self.visible(self.hz_manager, "channel.promotion.claim", self.hz_company), self.claim)
        self.assertEqual(self.visible(self.hz_manager, "channel.promotion.budget", self.hz_company),
                         self.brand_promo.channel_budget_line_ids)
        env = self.as_user(self.hz_manager, self.hz_company)
        self.hz_promo.with_env(env).channel_budget_amount = 300.0
        with self.assertRaises(AccessError):
            self.brand_promo.with_env(env).write({"channel_brand_share": 100.0})
        with self.assertRaises(AccessError):
            self.brand_promo.reward_ids.with_env(env).write({"discount": 50})
        with self.assertRaises(AccessError):
            self.brand_promo.channel_budget_line_ids.with_env(env).write({"amount": 10**6})
        with self.assertRaises(AccessError):
            self.claim.with_env(env).action_approve()
        # its upstream sees neither its own promotion nor its uses of it
        self.assertNotIn(self.hz_promo, self.visible(self.east_manager, "loyalty.program", self.east_company))
        self.assertFalse(self.visible(self.east_manager, "channel.promotion.usage", self.east_company))
        self.assertFalse(self.visible(self.east_manager, "channel.promotion.claim", self.east_company))

    def test_distributor_of_another_branch(self):
        programs = self.visible(self.south_manager, "loyalty.program", self.south_company)
        self.assertNotIn(self.brand_promo, programs, "not run by T-SOUTH")
        self.assertNotIn(self.hz_promo, programs)
        for model in ("channel.promotion.usage", "channel.promotion.claim", "channel.promotion.budget"):
            self.assertFalse(self.visible(self.south_manager, model, self.south_company), model)
        with self.assertRaises(AccessError):
            self.brand_promo.with_env(self.as_user(self.south_manager, self.south_company)).name  # noqa: B018

    def test_store_and_stranger(self):
        for user in (self.store_hz_user, self.stranger):
            for model in ("loyalty.program", "channel.promotion.usage", "channel.promotion.claim",
                          "channel.promotion.budget"):
                with self.assertRaises(AccessError, msg=f"{user.login} {model}"):
                    self.as_user(user)[model].search([])
