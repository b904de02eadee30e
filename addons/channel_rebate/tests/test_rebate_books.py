# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""A distributor's rebate runs are its own staff's (issue 16.5): they post
in its books. The brand's channel managers run the brand's; given a
distributor's company (onboarding links it to them), they are still not its
staff. Tried as the distributor, its upstream, a sibling and the brand."""
from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import TransactionCase, tagged

from odoo.addons.channel_base.tests.common import ChannelNetworkMixin


@tagged("post_install", "-at_install")
class TestRebateRunsInOwnBooks(ChannelNetworkMixin, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_channel_network()
        cls.hz_company = cls.hz.tenant_company_id
        cls.policy = cls.env["channel.rebate.policy"].create({
            "name": "T 杭州门店返利",
            "company_id": cls.hz_company.id,
            "member_ids": [Command.set(cls.store_hz.ids)],
            "period": "quarter",
            "date_from": "2026-10-01",
            "date_to": "2026-12-31",
            "tier_ids": [Command.create({"threshold_from": 0, "rate": 1})],
        })
        cls.hz_run = cls.env["channel.rebate.run"].create({"policy_id": cls.policy.id, "date_to": "2026-12-31"})

    def as_user(self, user, companies):
        return self.hz_run.with_user(user).with_context(allowed_company_ids=companies.ids)

    def test_only_the_issuers_staff_run_its_rebates(self):
        self.assertIn(self.hz_company, self.brand_manager.company_ids, "onboarding gave the brand manager T-HZ's books")
        for user, companies, label in (
            (self.brand_manager, self.hz_company, "the brand, given the dealer's books"),
            (self.brand_manager, self.brand_manager.company_ids, "the brand, in all its companies"),
            (self.east_manager, self.east_manager.company_ids, "the dealer's upstream"),
            (self.south_manager, self.south_manager.company_ids, "a sibling distributor"),
        ):
            with self.subTest(who=label), self.assertRaises(AccessError):
                self.as_user(user, companies).action_compute()
        self.assertTrue(self.as_user(self.hz_manager, self.hz_company).action_compute())
        self.assertEqual(self.hz_run.line_ids.member_id, self.store_hz)
