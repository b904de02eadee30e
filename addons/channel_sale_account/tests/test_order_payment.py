# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import random

from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import TransactionCase, tagged

from odoo.addons.channel_account.tests.common import ChannelFundMixin


@tagged("post_install", "-at_install")
class TestOrderPayment(ChannelFundMixin, TransactionCase):
    """A channel order paid from the buyer's cash or rebate fund: held at
    confirmation, captured when its invoice is posted, released when cancelled."""

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

    def test_money_already_spent_cannot_be_reversed(self):
        entry = self.cash._deposit(100.0)
        self.order(self.cash, 80.0).action_confirm()
        with self.assertRaises(UserError):
            entry.action_reverse()
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
