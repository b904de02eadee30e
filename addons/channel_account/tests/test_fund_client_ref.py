# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Money-moving calls answer over XML-RPC and, given the client's reference,
act once however often they are sent."""
from odoo.exceptions import AccessError, UserError
from odoo.tests import TransactionCase, tagged

from odoo.addons.base.controllers.rpc import dumps

from .common import ChannelFundMixin


@tagged("post_install", "-at_install")
class TestFundClientRef(ChannelFundMixin, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_channel_network()
        cls.hz_company = cls.hz.tenant_company_id
        cls.cash, cls.rebate, cls.credit = (cls.store_hz_account(kind) for kind in ("cash", "rebate", "credit"))
        cls.hz_company.channel_fund_transfer_policy = "cash_to_rebate"

    def moves(self, account):
        return self.env["account.move.line"].sudo().search_count([("account_id", "=", account.gl_account_id.id)])

    def test_operations_answer_entry_ids_that_marshal(self):
        deposit = self.cash.action_deposit(100.0)
        rebate = self.rebate.action_credit_rebate(30.0, "2026 Q4 返利")
        debit = self.rebate.action_debit_rebate(5.0)
        transfer = self.cash.action_transfer(self.rebate.id, 20.0)
        limit = self.credit.action_set_credit_limit(800.0)
        same_limit = self.credit.action_set_credit_limit(800.0)
        for answer in (deposit, rebate, debit, transfer, limit, same_limit):
            dumps((answer,))  # the server's own XML-RPC marshaller (no None, no records)
        Entry = self.env["channel.fund.entry"]
        self.assertEqual(Entry.browse(deposit).amount, 100.0)
        self.assertEqual((Entry.browse(rebate).amount, Entry.browse(debit).amount), (30.0, -5.0))
        self.assertEqual(Entry.browse(transfer).mapped("amount"), [-20.0, 20.0])
        self.assertEqual(Entry.browse(limit).amount, 800.0)
        self.assertIs(same_limit, False, "no change of limit: no entry")
        reversal = Entry.browse(rebate).with_user(self.hz_manager).action_reverse("退回")
        self.assertEqual(Entry.browse(reversal).mapped("amount"), [-30.0])
        adjustment = self.env["channel.fund.adjustment"].with_user(self.hz_manager).with_context(
            allowed_company_ids=self.hz_company.ids).request(self.cash.id, 10.0, "盘点差异")
        self.assertIsInstance(adjustment, int)
        dumps((reversal, adjustment))

    def test_a_replay_with_the_same_reference_answers_the_first_answer_and_moves_money_once(self):
        first = self.rebate.action_credit_rebate(1.0, client_ref="ERP-CR-0001")
        gl_lines = self.moves(self.rebate)
        self.assertEqual(self.rebate.balance, 1.0)
        for _attempt in range(3):
            self.assertEqual(self.rebate.action_credit_rebate(1.0, client_ref="ERP-CR-0001"), first)
            self.assertEqual(self.rebate.action_credit_rebate(1, client_ref="ERP-CR-0001"), first, "1 and 1.0 alike")
        self.assertEqual(self.rebate.balance, 1.0)
        self.assertEqual(len(self.rebate.entry_ids), 1)
        self.assertEqual(self.moves(self.rebate), gl_lines, "no journal entry either")
        # every money-moving operation alike
        deposit = self.cash.action_deposit(50.0, client_ref="ERP-DEP-7")
        self.assertEqual(self.cash.action_deposit(50.0, client_ref="ERP-DEP-7"), deposit)
        transfer = self.cash.action_transfer(self.rebate.id, 10.0, client_ref="ERP-TR-7")
        self.assertEqual(self.cash.action_transfer(self.rebate.id, 10.0, client_ref="ERP-TR-7"), transfer)
        limit = self.credit.action_set_credit_limit(500.0, client_ref="ERP-CL-7")
        self.assertEqual(self.credit.action_set_credit_limit(500.0, client_ref="ERP-CL-7"), limit)
        debit = self.rebate.action_debit_rebate(2.0, client_ref="ERP-DB-7")
        self.assertEqual(self.rebate.action_debit_rebate(2.0, client_ref="ERP-DB-7"), debit)
        self.assertEqual((self.cash.balance, self.rebate.balance, self.credit.balance), (40.0, 9.0, 500.0))
        request = self.env["channel.fund.request"].with_user(self.hz_manager).with_context(
            allowed_company_ids=self.hz_company.ids).search([("client_ref", "=", "ERP-CR-0001")])
        self.assertEqual((request.operation, request.account_id.id, request.create_uid.id),
                         ("credit_rebate", self.rebate.id, self.hz_manager.id))

    def test_an_adjustment_requested_twice_with_one_reference_is_asked_once(self):
        Adjustment = self.env["channel.fund.adjustment"].with_user(self.hz_manager).with_context(
            allowed_company_ids=self.hz_company.ids)
        first = Adjustment.request(self.cash.id, 10.0, "盘点差异", client_ref="ERP-ADJ-1")
        self.assertEqual(Adjustment.request(self.cash.id, 10, "盘点差异", client_ref="ERP-ADJ-1"), first)
        self.assertEqual(Adjustment.search_count([("account_id", "=", self.cash.id)]), 1)
        with self.assertRaisesRegex(UserError, "already used for another operation"):
            Adjustment.request(self.cash.id, 99.0, "盘点差异", client_ref="ERP-ADJ-1")

    def test_the_same_reference_for_other_figures_is_refused_and_changes_nothing(self):
        self.rebate.action_credit_rebate(1.0, client_ref="ERP-CR-0002")
        with self.assertRaisesRegex(UserError, "already used for another operation"):
            self.rebate.action_credit_rebate(1000.0, client_ref="ERP-CR-0002")
        with self.assertRaisesRegex(UserError, "already used for another operation"):
            self.rebate.action_debit_rebate(1.0, client_ref="ERP-CR-0002")
        with self.assertRaisesRegex(UserError, "already used for another operation"):
            self.cash.action_deposit(1.0, client_ref="ERP-CR-0002")
        self.assertEqual((self.rebate.balance, self.cash.balance), (1.0, 0.0))
        for bad in ("", "   ", "x" * 65, 12, ["ERP"]):
            with self.assertRaisesRegex(UserError, "client reference is a text"):
                self.rebate.action_credit_rebate(1.0, client_ref=bad)
        self.assertEqual(self.rebate.balance, 1.0)

    def test_a_refused_operation_keeps_no_reference_and_can_be_sent_again(self):
        with self.assertRaisesRegex(UserError, "does not allow|available"):
            with self.env.cr.savepoint():
                self.cash.action_transfer(self.rebate.id, 30.0, client_ref="ERP-TR-8")
        self.cash.action_deposit(30.0)
        entries = self.cash.action_transfer(self.rebate.id, 30.0, client_ref="ERP-TR-8")
        self.assertEqual(len(entries), 2)
        self.assertEqual((self.cash.balance, self.rebate.balance), (0.0, 30.0))

    def test_references_belong_to_their_issuer(self):
        """Two issuers' ERPs may use the same number: each its own."""
        south_rebate = self.env["channel.fund.account"]._get_or_create(self.store_gd, "rebate").with_user(
            self.south_manager).with_context(allowed_company_ids=self.store_gd.supplier_company_id.ids)
        self.rebate.action_credit_rebate(1.0, client_ref="PAY-0001")
        south_rebate.action_credit_rebate(7.0, client_ref="PAY-0001")
        self.assertEqual((self.rebate.balance, south_rebate.balance), (1.0, 7.0))
        # a stranger cannot use (or probe) another issuer's reference
        with self.assertRaises(AccessError):
            self.rebate.with_user(self.south_manager).action_credit_rebate(1.0, client_ref="PAY-0001")

    def test_who_reads_the_references(self):
        self.rebate.action_credit_rebate(1.0, client_ref="ERP-CR-READ")
        Request = self.env["channel.fund.request"]
        domain = [("client_ref", "=", "ERP-CR-READ")]
        self.assertEqual(Request.with_user(self.hz_manager).with_context(
            allowed_company_ids=self.hz_company.ids).search_count(domain), 1, "the issuer's accounting staff")
        self.assertEqual(Request.with_user(self.south_manager).search_count(domain), 0, "another distributor")
        for user in (self.store_hz_user, self.store_gd_user):
            with self.assertRaises(AccessError):
                Request.with_user(user).search_count(domain)
        with self.assertRaises(AccessError):
            Request.with_user(self.hz_manager).create({
                "company_id": self.hz_company.id, "client_ref": "FORGED", "account_id": self.rebate.id,
                "operation": "credit_rebate", "fingerprint": "{}",
            })

    def test_amounts_that_are_not_finite_are_refused(self):
        for amount in (float("nan"), float("inf"), float("-inf"), 1e309):
            with self.assertRaisesRegex(UserError, "positive number"):
                self.rebate.action_credit_rebate(amount)
            with self.assertRaisesRegex(UserError, "credit limit is a number"):
                self.credit.action_set_credit_limit(amount)
        self.assertEqual((self.rebate.balance, self.credit.balance), (0.0, 0.0))
