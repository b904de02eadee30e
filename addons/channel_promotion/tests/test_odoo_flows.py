# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Odoo keeps working as Odoo where the channel is not involved: the peer
suites of the apps the channel extends (scripts/test.sh) found these."""
from odoo import Command
from odoo.tests import TransactionCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestOdooFlowsOutsideTheChannel(TransactionCase):
    def test_a_salesperson_outside_the_channel_cancels_an_order(self):
        salesman = new_test_user(self.env, "t.plain.salesman", groups="sales_team.group_sale_salesman")
        customer = self.env["res.partner"].create({"name": "T 散客"})
        product = self.env["product.product"].create({"name": "T 笔记本", "list_price": 10.0, "type": "consu"})
        order = self.env["sale.order"].with_user(salesman).create({
            "partner_id": customer.id,
            "order_line": [Command.create({"product_id": product.id, "product_uom_qty": 1})],
        })
        order.action_confirm()
        self.env.invalidate_all()  # as in a new request: nothing of the order read yet
        order.with_context(disable_cancel_warning=True).action_cancel()
        self.assertEqual(order.state, "cancel")
