# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import TransactionCase, tagged

from .common import ChannelFundMixin


@tagged("post_install", "-at_install")
class TestFundOperations(ChannelFundMixin, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_channel_network()
        cls.hz_company = cls.hz.tenant_company_id
        cls.store_hz_account("credit").sudo()._set_credit_limit(10**6)
        cls.Account = cls.env["channel.fund.account"]
        cls.cash, cls.rebate = cls.store_hz_account("cash"), cls.store_hz_account("rebate")

    def assert_books_agree(self):
        self.env.flush_all()
        self.env["channel.fund.reconciliation"].invalidate_model()  # a SQL view: read it anew
        rows = self.env["channel.fund.reconciliation"].search([("account_id", "in", (self.cash | self.rebate).ids)])
        self.assertEqual(len(rows), 2)
        for row in rows:
            self.assertTrue(row.in_balance, f"{row.account_id.name}: ledger {row.ledger_balance}, GL {row.gl_balance}")
            self.assertAlmostEqual(row.ledger_balance, row.account_id.balance)

    def test_a_deposit_is_a_customer_payment_to_the_prepayments_account(self):
        entry = self.cash._deposit(1000.0, memo="预存货款")
        self.assertRecordValues(self.cash, [{"balance": 1000.0, "hold_amount": 0.0, "available": 1000.0}])
        payment = entry.source_ref
        self.assertEqual((payment._name, payment.state, payment.amount), ("account.payment", "in_process", 1000.0))
        self.assertEqual(entry.move_id, payment.move_id)
        self.assertEqual(entry.move_id.state, "posted")
        liability = entry.move_id.line_ids.filtered(lambda line: line.account_id == self.cash.gl_account_id)
        self.assertRecordValues(liability, [{"credit": 1000.0, "debit": 0.0, "partner_id": self.store_hz.partner_id.id}])
        self.assertEqual(self.cash.gl_account_id.company_ids, self.hz_company)
        self.assert_books_agree()

    def test_a_payment_already_received_becomes_a_deposit(self):
        payment = self.env["account.payment"].with_company(self.hz_company).create({
            "payment_type": "inbound", "partner_type": "customer", "partner_id": self.store_hz.partner_id.id,
            "amount": 250.0, "company_id": self.hz_company.id,
        })
        payment.action_post()
        entry = self.cash._deposit_payment(payment)
        self.assertEqual((entry.amount, entry.source_ref, self.cash.balance), (250.0, payment, 250.0))
        self.assertTrue(payment.move_id.line_ids.filtered(lambda l: l.account_id.account_type == "asset_receivable").reconciled)
        with self.assertRaises(UserError):
            self.cash.action_deposit_payment(payment)  # twice
        self.assert_books_agree()

    def test_a_rebate_credit_books_the_expense_and_the_debt(self):
        entry = self.rebate._credit_rebate(80.0, description="2026 Q3 返利")
        self.assertEqual(self.rebate.balance, 80.0)
        lines = entry.move_id.line_ids
        self.assertEqual(lines.filtered(lambda l: l.account_id.account_type == "expense").debit, 80.0)
        self.assertEqual(lines.filtered(lambda l: l.account_id == self.rebate.gl_account_id).credit, 80.0)
        self.assert_books_agree()

    def test_bad_amounts_and_currencies_change_nothing(self):
        for amount in (0, -5.0, "100", True):
            with self.subTest(amount=amount), self.assertRaises(UserError):
                self.cash.action_deposit(amount)
        usd = self.env.ref("base.USD")
        with self.assertRaises(UserError):
            self.cash._check_amount(10.0, currency=usd)
        with self.assertRaises(UserError):
            self.rebate.action_deposit(10.0)
        with self.assertRaises(UserError):
            self.cash.action_credit_rebate(10.0)
        self.assertFalse(self.cash.entry_ids | self.rebate.entry_ids)

    def test_entries_are_never_edited_or_deleted_only_reversed(self):
        entry = self.cash._deposit(100.0)
        with self.assertRaises(UserError):
            entry.sudo().write({"amount": 1.0})
        with self.assertRaises(UserError):
            entry.sudo().unlink()
        with self.assertRaises(UserError):
            self.env["channel.fund.entry"].sudo().create({"account_id": self.cash.id, "kind": "deposit", "amount": 5.0})
        with self.assertRaises(UserError):
            self.cash.sudo().write({"account_type": "rebate"})
        reversal = entry.with_user(self.hz_manager)._reverse("存款退回")
        self.assertEqual((reversal.amount, reversal.reversed_entry_id), (-100.0, entry))
        self.assertEqual(self.cash.balance, 0.0)
        self.assertEqual(reversal.move_id.reversed_entry_id, entry.move_id)
        with self.assertRaises(UserError):
            entry.action_reverse()
        self.assert_books_agree()

    def test_an_account_is_kept_with_the_holders_upstream(self):
        with self.assertRaises(ValidationError):
            self.Account.create({
                "holder_id": self.store_hz.id, "company_id": self.south.tenant_company_id.id, "account_type": "cash",
                "currency_id": self.hz_company.currency_id.id,
            })

    def test_who_sees_and_operates_the_accounts(self):
        self.cash.action_deposit(100.0)
        Account = self.env["channel.fund.account"]
        Entry = self.env["channel.fund.entry"]
        accounts = Account.search([("holder_id", "=", self.store_hz.id)])
        self.assertEqual(len(accounts), 3, "cash, rebate and the credit line its limit opened")
        # the issuer's staff and the holder see the same figures
        self.assertEqual(
            Account.with_user(self.hz_manager).with_context(allowed_company_ids=self.hz_company.ids).search([]), accounts
        )
        as_store = Account.with_user(self.store_hz_user).search([])
        self.assertEqual(as_store, accounts)
        self.assertEqual(as_store.filtered(lambda a: a.account_type == "cash").balance, 100.0)
        self.assertEqual(Entry.with_user(self.store_hz_user).search([]), accounts.entry_ids, "a deposit, a credit limit")
        self.assertEqual(Account.with_user(self.brand_user).search([("id", "in", accounts.ids)]), accounts)
        # another branch, another store, a portal stranger: nothing
        stranger = self.env["res.users"].create({
            "name": "T 陌生人", "login": "t.stranger", "groups_id": [Command.set(self.env.ref("base.group_portal").ids)],
        })
        for user, company in (
            (self.south_manager, self.south.tenant_company_id), (self.store_gd_user, None), (stranger, None),
        ):
            env_user = Account.with_user(user)
            if company:
                env_user = env_user.with_context(allowed_company_ids=company.ids)
            with self.subTest(user=user.login):
                self.assertFalse(env_user.search([]))
                self.assertFalse(Entry.with_user(user).search([]))
                with self.assertRaises(AccessError):
                    accounts.with_user(user).read(["balance"])
        # only the issuer's accounting staff operate
        for user in (self.store_hz_user, self.south_manager, self.east_manager):
            with self.subTest(operator=user.login), self.assertRaises(AccessError):
                self.cash.with_user(user).action_deposit(10.0)
        self.assertEqual(self.cash.balance, 100.0)
