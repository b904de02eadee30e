# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import random

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
        cls.store_hz.write({"credit_grade": "A", "credit_limit": 10**6})
        cls.Account = cls.env["channel.fund.account"]
        cls.cash, cls.rebate = cls.store_hz_account("cash"), cls.store_hz_account("rebate")
        cls.product = cls.env["product.product"].create({"name": "T 笔记本", "list_price": 10.0, "type": "consu"})
        cls.excluded = cls.env["product.product"].create(
            {"name": "T 礼盒", "list_price": 50.0, "type": "consu", "channel_rebate_excluded": True}
        )
        cls.topup = cls.env["product.product"].create(
            {"name": "T 返利充值", "list_price": 50.0, "type": "service", "channel_fund_topup": True}
        )

    def order(self, account, amount_from_fund, lines=None):
        env = self.env(user=self.hz_manager, context=dict(self.env.context, allowed_company_ids=self.hz_company.ids))
        return env["sale.order"].create({
            "partner_id": self.store_hz.partner_id.id,
            "order_line": [
                Command.create({"product_id": product.id, "product_uom_qty": qty, "price_unit": price})
                for product, qty, price in (lines or [(self.product, 10, 10.0)])
            ],
            "channel_fund_account_id": account.id,
            "channel_fund_amount": amount_from_fund,
        })

    def invoice(self, order):
        invoice = order._create_invoices()
        invoice.action_post()
        return invoice

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

    def test_an_order_paid_from_cash_holds_then_captures_at_invoicing(self):
        self.cash.action_deposit(150.0)
        order = self.order(self.cash, 100.0)
        order.action_confirm()
        self.assertEqual(order.state, "sale")
        self.assertRecordValues(self.cash, [{"balance": 150.0, "hold_amount": 100.0, "available": 50.0}])
        invoice = self.invoice(order)
        self.assertIn(invoice.payment_state, ("paid", "in_payment"))
        self.assertRecordValues(self.cash, [{"balance": 50.0, "hold_amount": 0.0, "available": 50.0}])
        spend = self.cash.entry_ids.filtered(lambda e: e.kind == "spend")
        self.assertEqual((spend.amount, spend.source_ref), (-100.0, invoice))
        self.assertEqual(order.channel_fund_hold_ids.state, "captured")
        self.assert_books_agree()

    def test_a_partial_fund_payment_leaves_the_rest_to_pay(self):
        self.cash.action_deposit(30.0)
        order = self.order(self.cash, 30.0)
        order.action_confirm()
        invoice = self.invoice(order)
        self.assertEqual(invoice.payment_state, "partial")
        self.assertAlmostEqual(invoice.amount_residual, 70.0)
        self.assertEqual(self.cash.balance, 0.0)
        self.assert_books_agree()

    def test_a_prepaid_only_store_confirms_what_its_cash_pays(self):
        self.store_hz.credit_grade = "D"
        self.cash.action_deposit(100.0)
        paid = self.order(self.cash, 100.0)
        paid.action_confirm()
        self.assertEqual(paid.state, "sale", "paid in full from the cash account: prepaid")
        half = self.order(self.cash, 0.0 + 1.0)
        half.action_confirm()
        self.assertEqual((half.state, half.channel_approval_state), ("draft", "to_approve"))

    def test_cancelling_releases_the_hold(self):
        self.cash.action_deposit(100.0)
        order = self.order(self.cash, 100.0)
        order.action_confirm()
        self.assertEqual(self.cash.available, 0.0)
        order.with_context(disable_cancel_warning=True).action_cancel()
        self.assertRecordValues(self.cash, [{"balance": 100.0, "hold_amount": 0.0, "available": 100.0}])
        self.assertEqual(order.channel_fund_hold_ids.state, "released")

    def test_spending_more_than_available_confirms_nothing(self):
        self.cash.action_deposit(50.0)
        order = self.order(self.cash, 60.0)
        with self.assertRaises(UserError):
            order.action_confirm()
        self.assertEqual(order.state, "draft")
        self.assertFalse(order.channel_fund_hold_ids)
        self.assertEqual(self.cash.available, 50.0)

    def test_rebate_funds_pay_only_their_share_of_eligible_products(self):
        self.rebate.action_credit_rebate(500.0)
        self.env["channel.member"]._brand_member().tenant_company_id.channel_rebate_pay_share = 30.0
        order = self.order(self.rebate, 40.0, lines=[(self.product, 10, 10.0), (self.excluded, 1, 50.0), (self.topup, 1, 50.0)])
        self.assertEqual(order.channel_rebate_cap, 30.0, "30 % of the 100 the notebooks cost; the gift box and top-up never")
        with self.assertRaises(UserError) as caught:
            order.action_confirm()
        self.assertIn("Rebate funds may pay", str(caught.exception))
        self.assertEqual(order.state, "draft")
        order.channel_fund_amount = 30.0
        order.action_confirm()
        self.assertEqual(self.rebate.available, 470.0)
        # the member's own share overrides the level's, which overrides the brand's
        self.env.ref("channel_base.channel_level_store").rebate_pay_share = 50.0
        self.assertEqual(self.order(self.rebate, 1.0).channel_rebate_cap, 50.0)
        self.store_hz.rebate_pay_share = 10.0
        self.assertEqual(self.order(self.rebate, 1.0).channel_rebate_cap, 10.0)

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

    def test_money_already_spent_cannot_be_reversed(self):
        entry = self.cash._deposit(100.0)
        self.order(self.cash, 80.0).action_confirm()
        with self.assertRaises(UserError):
            entry.action_reverse()
        self.assertEqual(self.cash.balance, 100.0)

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

    def test_books_agree_after_a_long_random_sequence(self):
        rng = random.Random(20261122)
        open_orders = self.env["sale.order"]
        deposits = self.env["channel.fund.entry"]
        for step in range(40):
            operation = rng.choice(["deposit", "rebate", "order", "invoice", "cancel", "reverse"])
            account = rng.choice([self.cash, self.rebate])
            amount = float(rng.randint(1, 60))
            try:
                if operation == "deposit":
                    deposits |= self.cash._deposit(amount)
                elif operation == "rebate":
                    self.rebate.action_credit_rebate(amount)
                elif operation == "order":
                    order = self.order(account, min(amount, 30.0))
                    with self.env.cr.savepoint():
                        order.action_confirm()
                    open_orders |= order
                elif operation == "invoice" and open_orders:
                    order = rng.choice(open_orders)
                    self.invoice(order)
                    open_orders -= order
                elif operation == "cancel" and open_orders:
                    order = rng.choice(open_orders)
                    order.with_context(disable_cancel_warning=True).action_cancel()
                    open_orders -= order
                elif operation == "reverse" and deposits:
                    entry = rng.choice(deposits)
                    with self.env.cr.savepoint():
                        entry.action_reverse()
                    deposits -= entry
            except UserError:
                self.env.invalidate_all(flush=False)  # a refused step leaves no trace
            with self.subTest(step=step, operation=operation):
                for fund in (self.cash, self.rebate):
                    self.assertGreaterEqual(fund.available, 0.0)
                self.assert_books_agree()
        self.assertTrue(self.cash.entry_ids and self.rebate.entry_ids, "the sequence did something")
