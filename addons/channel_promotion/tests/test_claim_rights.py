# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Four eyes on money (issue 16.6): a claim asks the brand for money in the
claimant's name, so only the claimant's managers file and submit it; its
read-only users, other distributors, stores and the brand (which approves) do
not. Through the ORM and XML-RPC."""
from xmlrpc.client import Fault

from odoo.exceptions import AccessError
from odoo.tests import HttpCase, TransactionCase, get_db_name, tagged

from odoo.addons.channel_base.tests.common import PASSWORD

from .common import ChannelPromotionMixin


class ClaimRightsMixin(ChannelPromotionMixin):
    @classmethod
    def setup_claim_rights(cls):
        cls.setup_channel_promotion()
        cls.program = cls.promotion(channel_brand_share=50.0, name="T 品牌补贴一半")
        cls.store_sh_user = cls.env["res.users"].search([("login", "=", "t.store.sh")])

    def claims_of_east(self):
        return self.env["channel.promotion.claim"].search([("member_id", "=", self.east.id)])


@tagged("post_install", "-at_install")
class TestClaimRights(ClaimRightsMixin, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_claim_rights()

    def test_only_the_claimants_managers_file_a_claim(self):
        order = self.order_for(self.store_sh, confirm=True)
        for user, company, label in (
            (self.east_clerk, self.east_company, "the distributor's read-only user"),
            (self.brand_user, self.brand_company, "a brand user"),
            (self.brand_manager, self.brand_company, "the brand, which approves"),
            (self.store_sh_user, self.east_company, "the store"),
        ):
            with self.subTest(who=label), self.assertRaises(AccessError):
                self.env_of(user, company)["channel.promotion.claim"].file_claim(self.program.id, order.ids)
        self.assertFalse(self.claims_of_east(), "nothing was filed")
        claim = self.env_of(self.east_manager, self.east_company)["channel.promotion.claim"].file_claim(
            self.program.id, order.ids
        )
        self.assertEqual((claim.state, claim.amount), ("draft", 12.5))

    def test_only_the_claimants_managers_submit_it(self):
        order = self.order_for(self.store_sh, confirm=True)
        claim = self.env_of(self.east_manager, self.east_company)["channel.promotion.claim"].file_claim(
            self.program.id, order.ids
        )
        for user, company, label in (
            (self.east_clerk, self.east_company, "the distributor's read-only user"),
            (self.south_manager, self.south_company, "a sibling distributor's manager"),
            (self.hz_manager, self.hz_company, "its dealer's manager"),
            (self.brand_user, self.brand_company, "a brand user"),
            (self.brand_manager, self.brand_company, "the brand, which approves"),
            (self.store_sh_user, self.east_company, "the store"),
        ):
            with self.subTest(who=label), self.assertRaises(AccessError):
                claim.with_env(self.env_of(user, company)).action_submit()
            self.assertEqual(claim.state, "draft")
        self.assertTrue(claim.with_env(self.env_of(self.east_manager, self.east_company)).action_submit())
        self.assertEqual(claim.state, "submitted")


@tagged("post_install", "-at_install")
class TestClaimRightsOverXmlrpc(ClaimRightsMixin, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_claim_rights()

    def _rpc(self, user, model, method, *args, **kwargs):
        db = get_db_name()
        uid = self.xmlrpc_common.authenticate(db, user.login, PASSWORD, {})
        self.assertEqual(uid, user.id, f"{user.login} logs in over XML-RPC")
        return self.xmlrpc_object.execute_kw(db, uid, PASSWORD, model, method, list(args), kwargs)

    def test_a_read_only_user_cannot_submit_over_xmlrpc(self):
        order = self.order_for(self.store_sh, confirm=True)
        with self.assertRaisesRegex(Fault, "file and submit"):
            self._rpc(self.east_clerk, "channel.promotion.claim", "file_claim", self.program.id, order.ids)
        claim = self.env_of(self.east_manager, self.east_company)["channel.promotion.claim"].file_claim(
            self.program.id, order.ids
        )
        for user in (self.east_clerk, self.brand_manager):
            with self.subTest(who=user.login), self.assertRaisesRegex(Fault, "file and submit"):
                self._rpc(user, "channel.promotion.claim", "action_submit", claim.ids)
            claim.invalidate_recordset()
            self.assertEqual(claim.state, "draft")
        self.assertTrue(self._rpc(self.east_manager, "channel.promotion.claim", "action_submit", claim.ids))
        claim.invalidate_recordset()
        self.assertEqual(claim.state, "submitted")
