# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import TransactionCase, tagged

from .common import ChannelFundMixin


@tagged("post_install", "-at_install")
class TestFundLines(ChannelFundMixin, TransactionCase):
    """Credit lines, transfers, adjustments, statements."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_channel_network()
        cls.hz_company = cls.hz.tenant_company_id
        cls.cash, cls.rebate, cls.credit = (cls.store_hz_account(kind) for kind in ("cash", "rebate", "credit"))
        cls.product = cls.env["product.product"].create({"name": "T 笔记本", "list_price": 10.0, "type": "consu"})
        cls.accountant = cls.env["res.users"].create({
            "name": "T 杭州会计", "login": "t.hz.accountant", "email": "t.hz.accountant@example.com",
            "company_id": cls.hz_company.id, "company_ids": [Command.set(cls.hz_company.ids)],
            "groups_id": [Command.set([cls.env.ref("base.group_user").id, cls.env.ref("account.group_account_manager").id,
                                       cls.env.ref("channel_base.group_channel_distributor_user").id])],
        })

    def test_transfers_follow_the_issuers_policy(self):
        self.cash.action_deposit(100.0)
        with self.assertRaisesRegex(UserError, "does not allow"):
            self.cash.action_transfer(self.rebate, 40.0)
        self.hz_company.channel_fund_transfer_policy = "cash_to_rebate"
        entries = self.cash._transfer(self.rebate, 40.0)
        self.assertEqual(sorted(entries.mapped("amount")), [-40.0, 40.0])
        self.assertEqual((self.cash.balance, self.rebate.balance), (60.0, 40.0))
        self.assertEqual(entries.move_id.line_ids.mapped("account_id"), self.cash.gl_account_id | self.rebate.gl_account_id)
        with self.assertRaisesRegex(UserError, "does not allow"):
            self.rebate.action_transfer(self.cash, 10.0)
        with self.assertRaises(UserError):
            self.cash.action_transfer(self.rebate, 61.0)
        other = self.env["channel.fund.account"]._get_or_create(self.store_gd, "rebate")
        with self.assertRaises(UserError):
            self.cash.action_transfer(other, 1.0)
        self.env.flush_all()
        rows = self.env["channel.fund.reconciliation"].search([("account_id", "in", (self.cash | self.rebate).ids)])
        self.assertTrue(all(rows.mapped("in_balance")))

    def test_an_adjustment_needs_a_reason_and_another_persons_approval(self):
        self.cash.action_deposit(50.0)
        Adjustment = self.env["channel.fund.adjustment"].with_user(self.hz_manager).with_context(
            allowed_company_ids=self.hz_company.ids
        )
        with self.assertRaises(UserError):
            Adjustment._request(self.cash, 10.0, "  ")
        with self.assertRaises(UserError):
            Adjustment._request(self.credit, 10.0, "额度不走调整")
        adjustment = Adjustment._request(self.cash, -20.0, "多计入的货款冲回")
        self.assertEqual((adjustment.state, self.cash.balance), ("to_approve", 50.0), "nothing moves before approval")
        with self.assertRaises(AccessError):
            adjustment.with_user(self.hz_manager).action_approve()  # who asked
        with self.assertRaises(AccessError):
            adjustment.with_user(self.south_manager).action_approve()  # another issuer
        adjustment.with_user(self.accountant).action_approve()
        self.assertEqual((adjustment.state, self.cash.balance), ("posted", 30.0))
        self.assertEqual(adjustment.entry_id.move_id.state, "posted")
        too_much = Adjustment._request(self.cash, -31.0, "超出余额")
        with self.assertRaises(UserError):
            too_much.with_user(self.accountant).action_approve()
        too_much.with_user(self.accountant).action_reject()
        self.assertEqual((too_much.state, self.cash.balance), ("rejected", 30.0))

    def test_a_statement_shows_opening_entries_and_closing_to_holder_and_issuer(self):
        self.cash.action_deposit(100.0)
        self.env.cr.execute(
            "UPDATE channel_fund_entry SET date = date - interval '40 days' WHERE account_id = %s", [self.cash.id]
        )
        self.env["channel.fund.entry"].invalidate_model()
        self.cash.action_deposit(20.0)
        self.cash.action_deposit(5.0)
        today = fields.Date.today()
        for user in (self.hz_manager, self.store_hz_user):
            with self.subTest(user=user.login):
                statement = self.env["channel.fund.statement"].with_user(user).create({
                    "account_id": self.cash.id, "date_from": today - timedelta(days=10), "date_to": today,
                })
                self.assertEqual((statement.opening_balance, statement.closing_balance), (100.0, 125.0))
                self.assertEqual(statement.entry_ids.mapped("amount"), [20.0, 5.0])
                html = self.env["ir.actions.report"]._render_qweb_html(
                    "channel_account.report_fund_statement", statement.ids
                )[0].decode()
                self.assertIn("Opening balance", html)
                self.assertEqual(statement.action_print()["report_name"], "channel_account.report_fund_statement")
        with self.assertRaises(AccessError):
            self.env["channel.fund.statement"].with_user(self.store_gd_user).create({
                "account_id": self.cash.id, "date_from": today, "date_to": today,
            }).action_print()

    def test_the_operation_wizard_runs_each_operation(self):
        Wizard = self.env["channel.fund.operation"].with_user(self.hz_manager).with_context(
            allowed_company_ids=self.hz_company.ids
        )
        action = Wizard.create({"account_id": self.cash.id, "amount": 70.0, "memo": "柜台现金"}).action_apply()
        self.assertEqual((action["res_model"], self.cash.balance), ("channel.fund.entry", 70.0))
        Wizard.create({"account_id": self.credit.id, "amount": 900.0}).action_apply()
        self.assertEqual(self.credit.balance, 900.0)
        action = Wizard.create({
            "account_id": self.cash.id, "operation": "adjustment", "amount": 5.0, "memo": "尾差",
        }).action_apply()
        self.assertEqual(action["res_model"], "channel.fund.adjustment")
