# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command
from odoo.tests import TransactionCase, tagged

from odoo.addons.channel_sale.tests.common import ChannelSaleMixin


class HolderBooksMixin:
    def row(self, account):
        self.env.flush_all()
        self.env["channel.fund.reconciliation"].invalidate_model()  # a SQL view: read it anew
        return self.env["channel.fund.reconciliation"].search([("account_id", "=", account.id)])

    def holder_receivable(self, account):
        """What the holder's own books say the issuer's rebate fund owes it."""
        company = account.holder_id.tenant_company_id
        lines = self.env["account.move.line"].search([
            ("company_id", "=", company.id), ("parent_state", "=", "posted"),
            ("account_id", "=", company._channel_fund_gl_account("upstream_rebate").id),
            ("partner_id", "=", account.company_id.partner_id.id),
        ])
        return round(sum(lines.mapped("amount_currency")), 2)

    def assert_both_books(self, account, balance):
        """The ledger, the issuer's books and the holder's books say ``balance``."""
        self.assertEqual(account.balance, balance)
        row = self.row(account)
        self.assertRecordValues(row, [{
            "ledger_balance": balance, "gl_balance": balance, "holder_company_id": account.holder_id.tenant_company_id.id,
            "holder_balance": balance, "holder_difference": 0.0, "in_balance": True,
        }])
        self.assertEqual(self.holder_receivable(account), balance)


@tagged("post_install", "-at_install")
class TestHolderBooks(HolderBooksMixin, ChannelSaleMixin, TransactionCase):
    """Every movement of a distributor's rebate fund is booked in its own books
    too, so the books-agree view agrees after any operation; a store keeps no
    books, and cash funds are not mirrored (an advance the holder books itself)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_channel_sale()
        cls.Account = cls.env["channel.fund.account"]
        cls.rebate = cls.Account._get_or_create(cls.east, "rebate")
        cls.cash = cls.Account._get_or_create(cls.east, "cash")
        cls.brand_company.channel_fund_transfer_policy = "both"
        cls.rebate._credit_rebate(1000.0)

    def test_a_rebate_credit_and_debit_are_in_both_books(self):
        self.assert_both_books(self.rebate, 1000.0)
        self.rebate._debit_rebate(300.0)
        self.assert_both_books(self.rebate, 700.0)

    def test_an_order_paid_from_the_rebate_fund_pays_the_distributors_vendor_bill(self):
        brand_env = self.env_of(self.admin, self.brand_company)
        order = brand_env["sale.order"].create({
            "partner_id": self.east.partner_id.id,
            "order_line": [Command.create({"product_id": self.product.id, "product_uom_qty": 40})],
            "channel_fund_account_id": self.rebate.id,
            "channel_fund_amount": 15.0,
        })
        self.assertEqual(order.amount_total, 60.0)
        order.action_confirm()
        self.assertEqual(order.state, "sale")
        order.order_line.qty_delivered = 40
        invoice = order._create_invoices()
        invoice.action_post()
        self.assertEqual(invoice.amount_residual, 45.0, "the fund paid 15")
        self.assert_both_books(self.rebate, 985.0)
        bill = self.env["account.move"].sudo().search([("auto_invoice_id", "=", invoice.id)])
        self.assertRecordValues(bill, [{
            "company_id": self.east_company.id, "state": "posted", "amount_total": 60.0, "amount_residual": 45.0,
        }])

    def test_a_transfer_moves_the_holders_side_against_its_advance(self):
        self.cash._deposit(500.0)
        self.cash._transfer(self.rebate, 200.0)
        self.assert_both_books(self.rebate, 1200.0)
        self.rebate._transfer(self.cash, 50.0)
        self.assert_both_books(self.rebate, 1150.0)
        self.assertEqual(self.cash.balance, 350.0)
        self.assertTrue(self.row(self.cash).in_balance)

    def test_an_approved_adjustment_and_reversals_are_in_both_books(self):
        adjustment = self.env["channel.fund.adjustment"]._request(self.rebate, -120.0, "T 多记的返利")
        adjustment.sudo().action_approve()
        self.assert_both_books(self.rebate, 880.0)
        adjustment.entry_id._reverse()
        self.assert_both_books(self.rebate, 1000.0)
        credit = self.rebate._credit_rebate(40.0)
        self.assert_both_books(self.rebate, 1040.0)
        credit._reverse()
        self.assert_both_books(self.rebate, 1000.0)

    def test_a_cash_fund_is_compared_in_the_issuers_books_only(self):
        """A deposit is the holder's payment from its own bank: its books carry
        it on the payable for its upstream, as it booked it; the view does not
        flag it."""
        moves_before = self.env["account.move"].search_count([("company_id", "=", self.east_company.id)])
        self.cash._deposit(500.0)
        self.assertRecordValues(self.row(self.cash), [{
            "ledger_balance": 500.0, "gl_balance": 500.0, "holder_company_id": False, "in_balance": True,
        }])
        self.assertEqual(self.env["account.move"].search_count([("company_id", "=", self.east_company.id)]), moves_before)

    def test_a_stores_fund_books_nothing_in_a_holders_company(self):
        hz_company = self.store_hz.supplier_company_id
        rebate = self.Account._get_or_create(self.store_hz, "rebate")
        cash = self.Account._get_or_create(self.store_hz, "cash")
        hz_company.channel_fund_transfer_policy = "both"
        others = [("company_id", "!=", hz_company.id)]
        moves_before = self.env["account.move"].search_count(others)
        rebate._credit_rebate(100.0)
        rebate._debit_rebate(10.0)
        cash._deposit(50.0)
        cash._transfer(rebate, 20.0)
        rebate._transfer(cash, 5.0)
        adjustment = self.env["channel.fund.adjustment"]._request(rebate, 7.0, "T")
        adjustment.sudo().action_approve()
        adjustment.entry_id._reverse()
        self.assertEqual(rebate.balance, 105.0)
        self.assertEqual(self.env["account.move"].search_count(others), moves_before)
        for account in (rebate, cash):
            self.assertRecordValues(self.row(account), [{"holder_company_id": False, "in_balance": True}])


@tagged("post_install", "-at_install")
class TestDemoBooksAgree(TransactionCase):
    """On the demo network as installed, every fund account agrees with both
    tenants' books."""

    def test_every_demo_fund_is_in_balance(self):
        rows = self.env["channel.fund.reconciliation"].search([])
        self.assertTrue(rows, "the demo has fund accounts")
        off = rows.filtered(lambda row: not row.in_balance)
        self.assertFalse(off, off.read(["account_id", "ledger_balance", "gl_balance", "holder_balance"]))
