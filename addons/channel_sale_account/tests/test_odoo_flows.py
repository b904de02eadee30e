# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Odoo's orders keep working as Odoo's for salespeople outside the channel,
with fund payments installed: the peer suites of the apps the channel extends
(scripts/test.sh) found these."""
from odoo import Command
from odoo.tests import TransactionCase, new_test_user, tagged

from odoo.addons.channel_base.tests.common import ChannelNetworkMixin


@tagged("post_install", "-at_install")
class TestOdooOrdersOutsideTheChannel(ChannelNetworkMixin, TransactionCase):
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
