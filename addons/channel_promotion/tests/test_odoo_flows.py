# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Odoo keeps working as Odoo where the channel is not involved: the peer
suites of the apps the channel extends (scripts/test.sh) found these."""
from odoo import Command
from odoo.tests import Form, TransactionCase, new_test_user, tagged


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

    def test_a_sales_manager_outside_the_channel_opens_a_promotion(self):
        """Odoo's promotion form opens for a sales manager who is not in the
        channel: the channel's page and figures are shown to the channel only."""
        manager = new_test_user(self.env, "t.plain.sales.manager", groups="sales_team.group_sale_manager")
        program = self.env["loyalty.program"].create({"name": "T 普通促销", "program_type": "promotion"})
        self.env.invalidate_all()
        with Form(program.with_user(manager)) as form:
            form.name = "T 普通促销 改"
        self.assertEqual(program.name, "T 普通促销 改")

    def test_a_user_outside_the_channel_opens_a_territory(self):
        """base_territory's form opens for an internal user who is not in the
        channel: the authorised distributors are shown to the channel only."""
        user = new_test_user(self.env, "t.plain.user", groups="base.group_user")
        territory = self.env["res.territory"].search([], limit=1)
        self.env.invalidate_all()
        form = Form(territory.with_user(user))
        self.assertEqual(form.name, territory.name)
