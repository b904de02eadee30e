# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Odoo keeps working as Odoo where the channel is not involved: the peer
suites of the apps the channel extends (scripts/test.sh) found these."""
from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import Form, TransactionCase, new_test_user, tagged

from .common import ChannelSaleMixin


@tagged("post_install", "-at_install")
class TestOdooFlowsOutsideTheChannel(ChannelSaleMixin, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_channel_sale()
        cls.salesman = new_test_user(
            cls.env, "t.plain.salesman", groups="sales_team.group_sale_salesman",
            company_id=cls.brand_company.id, company_ids=[Command.set(cls.brand_company.ids)],
        )
        cls.walk_in = cls.env["res.partner"].create({"name": "T 散客"})

    def invoice(self, partner, amount):
        return self.env["account.move"].with_company(self.brand_company).create({
            "move_type": "out_invoice", "partner_id": partner.id,
            "invoice_line_ids": [Command.create({
                "product_id": self.product.id, "quantity": 1, "price_unit": amount, "tax_ids": [],
            })],
        })

    def test_forms_and_copies_of_ordinary_orders_save(self):
        # Odoo's form sends every field of the view on create, the approval state included
        with Form(self.env["sale.order"].with_user(self.salesman)) as form:
            form.partner_id = self.walk_in
            with form.order_line.new() as line:
                line.product_id = self.product
        order = form.record
        self.assertEqual(order.channel_approval_state, "none")
        copy = order.with_user(self.salesman).copy()
        copy.with_user(self.salesman).write({"channel_approval_state": "none", "note": "T 改"})
        self.assertEqual(copy.channel_approval_state, "none")
        # changing the approval is still only the approval flow's
        with self.assertRaises(AccessError):
            copy.with_user(self.salesman).write({"channel_approval_state": "approved"})
        with self.assertRaises(AccessError):
            self.env["sale.order"].with_user(self.salesman).create(
                {"partner_id": self.walk_in.id, "channel_approval_state": "approved"}
            )

    def test_an_ordinary_customer_over_its_risk_gets_ocas_wizard(self):
        self.walk_in.write({"credit_limit": 100.0, "risk_invoice_open_include": True})
        invoice = self.invoice(self.walk_in, 500.0)
        action = invoice.action_post()
        self.assertIsInstance(action, dict, "account_financial_risk asks before posting")
        self.assertEqual(action.get("res_model"), "partner.risk.exceeded.wiz")
        self.assertEqual(invoice.state, "draft")

    def test_a_channel_buyers_invoice_is_never_blocked_by_risk(self):
        # the credit decision was taken when the order was confirmed (the grade)
        self.east.write({"credit_limit": 100.0})
        self.assertTrue(self.east.partner_id.risk_invoice_open_include)
        invoice = self.invoice(self.east.partner_id, 500.0)
        invoice.action_post()
        self.assertEqual(invoice.state, "posted")
