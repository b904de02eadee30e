# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Odoo keeps working as Odoo where the channel is not involved: the peer
suites of the apps the channel extends (scripts/test.sh) found these."""
from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import TransactionCase, new_test_user, tagged

from odoo.addons.channel_base.tests.common import ChannelNetworkMixin


@tagged("post_install", "-at_install")
class TestOdooFlowsOutsideTheChannel(ChannelNetworkMixin, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_channel_network()
        cls.brand_company = cls.brand.tenant_company_id
        cls.salesman = new_test_user(
            cls.env, "t.plain.salesman", groups="sales_team.group_sale_salesman",
            company_id=cls.brand_company.id, company_ids=[Command.set(cls.brand_company.ids)],
        )
        cls.product = cls.env["product.product"].create({"name": "T 笔记本", "list_price": 10.0, "type": "consu"})
        cls.cash = cls.env["channel.fund.account"]._get_or_create(cls.store_hz, "cash")
        cls.Merge = cls.env["base.partner.merge.automatic.wizard"]

    def test_a_salesman_outside_the_channel_cancels_an_order(self):
        customer = self.env["res.partner"].create({"name": "T 散客"})
        order = self.env["sale.order"].with_user(self.salesman).create({
            "partner_id": customer.id,
            "order_line": [Command.create({"product_id": self.product.id, "product_uom_qty": 1})],
        })
        order.action_confirm()
        self.env.invalidate_all()  # as in a new request: nothing of the order read yet
        order.with_context(disable_cancel_warning=True).action_cancel()
        self.assertEqual(order.state, "cancel")

    def test_a_salesperson_outside_the_channel_reads_an_order(self):
        customer = self.env["res.partner"].create({"name": "T 散客"})
        order = self.env["sale.order"].with_user(self.salesman).create({"partner_id": customer.id})
        self.env.invalidate_all()
        # Odoo's form and its own tests read every field the user may read
        values = order.with_user(self.salesman).read()[0]
        self.assertEqual(values["partner_id"][0], customer.id)
        self.assertNotIn("channel_fund_hold_ids", values)

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
