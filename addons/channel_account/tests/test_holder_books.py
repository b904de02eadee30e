# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import TransactionCase, tagged

from .common import ChannelFundMixin, HolderBooksMixin


@tagged("post_install", "-at_install")
class TestHolderBooks(HolderBooksMixin, ChannelFundMixin, TransactionCase):
    """Every movement of a distributor's rebate fund is booked in its own books
    too, so the books-agree view agrees after any operation; a store keeps no
    books, and cash funds are not mirrored (an advance the holder books itself)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_channel_network()
        cls.brand_company = cls.brand.tenant_company_id
        cls.east_company = cls.east.tenant_company_id
        cls.Account = cls.env["channel.fund.account"]
        cls.rebate = cls.Account._get_or_create(cls.east, "rebate")
        cls.cash = cls.Account._get_or_create(cls.east, "cash")
        cls.brand_company.channel_fund_transfer_policy = "both"
        cls.rebate._credit_rebate(1000.0)

    def test_a_rebate_credit_and_debit_are_in_both_books(self):
        self.assert_both_books(self.rebate, 1000.0)
        self.rebate._debit_rebate(300.0)
        self.assert_both_books(self.rebate, 700.0)

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
