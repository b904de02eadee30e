# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Odoo keeps working as Odoo where the channel is not involved: the peer
suites of the apps the channel extends (scripts/test.sh) found these."""
from odoo.exceptions import UserError
from odoo.tests import TransactionCase, tagged

from odoo.addons.channel_base.tests.common import ChannelNetworkMixin


@tagged("post_install", "-at_install")
class TestOdooFlowsOutsideTheChannel(ChannelNetworkMixin, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_channel_network()
        cls.cash = cls.env["channel.fund.account"]._get_or_create(cls.store_hz, "cash")
        cls.Merge = cls.env["base.partner.merge.automatic.wizard"]

    def test_two_ordinary_contacts_merge(self):
        first, second = self.env["res.partner"].create([
            {"name": "T 张三", "email": "zhang@example.com"},
            {"name": "T 张三 (重复)", "email": "zhang@example.com"},
        ])
        self.Merge._merge((first | second).ids, first)
        self.assertFalse(second.exists())
        self.assertTrue(first.exists())

    def test_a_duplicate_merges_into_a_members_contact_and_the_ledger_keeps_its_holder(self):
        store_contact = self.store_hz.partner_id
        duplicate = self.env["res.partner"].create({"name": "T 重复的门店", "email": store_contact.email})
        self.Merge._merge((store_contact | duplicate).ids, store_contact)
        self.assertFalse(duplicate.exists())
        self.assertEqual(self.cash.partner_id, store_contact)

    def test_a_members_contact_is_never_merged_away(self):
        store_contact = self.store_hz.partner_id
        other = self.env["res.partner"].create({"name": "T 别的客户", "email": store_contact.email})
        with self.assertRaisesRegex(UserError, "channel member"):
            self.Merge._merge((store_contact | other).ids, other)
        self.assertTrue(store_contact.exists())
        self.assertEqual(self.store_hz.partner_id, store_contact)
        self.assertEqual(self.cash.holder_id.partner_id, store_contact, "the ledger's holder did not change")
