# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import Command, fields
from odoo.exceptions import UserError
from odoo.tests import TransactionCase, tagged

from odoo.addons.channel_account.tests.common import ChannelFundMixin


@tagged("post_install", "-at_install")
class TestCreditLines(ChannelFundMixin, TransactionCase):
    """A credit line's ledger is the limit the approval of channel orders
    enforces, and an expired line lends nothing to them."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_channel_network()
        cls.hz_company = cls.hz.tenant_company_id
        cls.credit = cls.store_hz_account("credit")
        cls.product = cls.env["product.product"].create({"name": "T 笔记本", "list_price": 10.0, "type": "consu"})

    def store_order(self, amount):
        env = self.env(user=self.hz_manager, context=dict(self.env.context, allowed_company_ids=self.hz_company.ids))
        return env["sale.order"].create({
            "partner_id": self.store_hz.partner_id.id,
            "order_line": [Command.create({"product_id": self.product.id, "product_uom_qty": 1, "price_unit": amount})],
        })

    def test_a_credit_line_is_a_ledger_of_limits_that_credit_approval_enforces(self):
        self.store_hz.credit_grade = "A"
        entry = self.credit._set_credit_limit(500.0, reason="首次授信")
        self.assertEqual((entry.kind, entry.amount, entry.move_id), ("credit_limit", 500.0, self.env["account.move"]))
        self.assertEqual(self.store_hz.credit_limit, 500.0, "the limit the approval reads follows the ledger")
        order = self.store_order(200.0)
        order.action_confirm()
        self.assertEqual(order.state, "sale")
        self.assertRecordValues(self.credit, [{"balance": 500.0, "hold_amount": 200.0, "available": 300.0}])
        self.credit.action_set_credit_limit(300.0)
        self.assertEqual(sorted(self.credit.entry_ids.mapped("amount")), [-200.0, 500.0])
        # a limit set on the member goes through the ledger too
        self.store_hz.with_user(self.hz_manager).with_context(allowed_company_ids=self.hz_company.ids).credit_limit = 400.0
        self.assertEqual(self.credit.balance, 400.0)
        self.assertEqual(len(self.credit.entry_ids), 3)
        self.env.flush_all()
        self.env["channel.fund.reconciliation"].invalidate_model()
        row = self.env["channel.fund.reconciliation"].search([("account_id", "=", self.credit.id)])
        self.assertTrue(row.in_balance)
        self.assertEqual(row.gl_balance, 400.0)

    def test_an_expired_credit_line_lends_nothing(self):
        self.store_hz.credit_grade = "A"
        yesterday = fields.Date.today() - timedelta(days=1)
        self.credit.action_set_credit_limit(500.0, expiry=yesterday)
        self.assertEqual(self.credit.available, 0.0)
        order = self.store_order(100.0)
        order.action_confirm()
        self.assertEqual((order.state, order.channel_approval_state), ("draft", "to_approve"), "spending on expired credit")
        self.assertIn("credit line expired", order.channel_approval_reason)
        expired = self.env["channel.fund.account"]._cron_expire_credit()
        self.assertIn(self.credit, expired)
        self.assertEqual((self.credit.balance, self.store_hz.credit_limit), (0.0, 0.0))
        self.assertEqual(self.credit.entry_ids[0].description, "Credit line expired")
        with self.assertRaises(UserError):
            self.credit.action_set_credit_limit(-1.0)
