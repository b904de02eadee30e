# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from psycopg2 import IntegrityError

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import TransactionCase, tagged
from odoo.tools import mute_logger

from odoo.addons.channel_base.tests.common import ChannelNetworkMixin


@tagged("post_install", "-at_install")
class TestRebates(ChannelNetworkMixin, TransactionCase):
    """Worked figures a finance user can check by hand. Tiers of sell-in (untaxed):
    below 10,000: 1 %; 10,000 to 50,000: 2 %; from 50,000: 3 %."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_channel_network()
        cls.brand_company = cls.brand.tenant_company_id
        cls.pens = cls.env["product.category"].create({"name": "T 书写工具"})
        cls.pen = cls.env["product.product"].create({"name": "T 中性笔", "categ_id": cls.pens.id, "list_price": 1.0})
        cls.gift = cls.env["product.product"].create({"name": "T 礼盒", "list_price": 1.0})
        cls.policy = cls.env["channel.rebate.policy"].create({
            "name": "T 2026 四季度进货返利",
            "company_id": cls.brand_company.id,
            "level_ids": [Command.set(cls.env.ref("channel_base.channel_level_1").ids)],
            "period": "quarter",
            "date_from": "2026-10-01",
            "date_to": "2026-12-31",
            "tier_ids": [
                Command.create({"threshold_from": 0, "threshold_to": 10000, "rate": 1}),
                Command.create({"threshold_from": 10000, "threshold_to": 50000, "rate": 2}),
                Command.create({"threshold_from": 50000, "rate": 3}),
            ],
        })

    def invoice(self, member, amount, date, product=None, refund=False, quantity=None):
        move = self.env["account.move"].with_company(self.brand_company).create({
            "move_type": "out_refund" if refund else "out_invoice",
            "partner_id": member.partner_id.id,
            "invoice_date": date,
            "invoice_line_ids": [Command.create({
                "product_id": (product or self.pen).id,
                "quantity": quantity or amount,
                "price_unit": amount / (quantity or amount),
                "tax_ids": [Command.clear()],
            })],
        })
        move.action_post()
        return move

    def run_policy(self, date_to, policy=None, settle=True):
        run = self.env["channel.rebate.run"].create({"policy_id": (policy or self.policy).id, "date_to": date_to})
        run.action_compute()
        if settle:
            run.action_request_approval()
            run.action_approve()
            run.action_post()
        return run

    def line(self, run, member):
        return run.line_ids.filtered(lambda line: line.member_id == member)

    def fund(self, member):
        return self.env["channel.fund.account"]._get_or_create(member, "rebate")

    def assert_books_agree(self):
        self.env.flush_all()
        self.env["channel.fund.reconciliation"].invalidate_model()
        # this test's members (the demo's funds may predate the holder's side)
        members = self.east | self.south | self.hz | self.store_hz | self.store_gd
        rows = self.env["channel.fund.reconciliation"].search([
            ("account_id.account_type", "=", "rebate"), ("holder_id", "in", members.ids),
        ])
        self.assertTrue(rows and all(rows.mapped("in_balance")),
                        rows.read(["ledger_balance", "gl_balance", "holder_balance"]))

    def test_retroactive_and_stepped_tiers(self):
        self.invoice(self.east, 30000, "2026-10-15")
        self.invoice(self.east, 20000, "2026-11-10")
        self.invoice(self.south, 8000, "2026-11-12")
        run = self.run_policy("2026-12-31", settle=False)
        # 50,000 reaches the 3 % tier, which applies to all of it
        self.assertRecordValues(self.line(run, self.east), [{
            "base_amount": 50000.0, "rate": 3.0, "earned": 1500.0, "to_settle": 1500.0,
        }])
        self.assertRecordValues(self.line(run, self.south), [{"base_amount": 8000.0, "rate": 1.0, "earned": 80.0}])
        self.assertFalse(self.fund(self.east).entry_ids, "a simulation posts nothing")
        self.policy.tier_mode = "stepped"
        run.action_compute()
        # 10,000 × 1 % + 40,000 × 2 % = 100 + 800
        self.assertEqual(self.line(run, self.east).earned, 900.0)
        self.assertEqual(self.line(run, self.south).earned, 80.0)
        # the member can see why: the journal items behind the base
        sources = self.env["account.move.line"].search(self.line(run, self.east).action_open_sources()["domain"])
        self.assertEqual(sum(-line.balance for line in sources), 50000.0)

    def test_a_partial_settlement_then_the_final_one_pays_only_the_difference(self):
        self.invoice(self.east, 30000, "2026-10-15")
        october = self.run_policy("2026-10-31")
        self.assertRecordValues(self.line(october, self.east), [{"earned": 600.0, "to_settle": 600.0}])
        self.assertEqual(self.fund(self.east).balance, 600.0)
        self.invoice(self.east, 20000, "2026-11-10")
        final = self.run_policy("2026-12-31")
        # earned to date 1,500 (3 % of 50,000), already settled 600
        self.assertRecordValues(self.line(final, self.east), [{
            "earned": 1500.0, "settled_before": 600.0, "to_settle": 900.0,
        }])
        self.assertEqual(self.fund(self.east).balance, 1500.0)
        self.assert_books_agree()

    def test_a_return_after_settlement_is_taken_back_at_the_next_one(self):
        self.invoice(self.east, 30000, "2026-10-15")
        self.invoice(self.east, 20000, "2026-11-10")
        self.run_policy("2026-11-30")
        self.assertEqual(self.fund(self.east).balance, 1500.0)
        self.invoice(self.east, 20000, "2026-12-05", refund=True)
        correction = self.run_policy("2026-12-31")
        # 30,000 left: 2 % = 600 earned, 1,500 paid: 900 taken back
        self.assertRecordValues(self.line(correction, self.east), [{
            "base_amount": 30000.0, "earned": 600.0, "settled_before": 1500.0, "to_settle": -900.0,
        }])
        self.assertEqual(self.fund(self.east).balance, 600.0)
        self.assert_books_agree()

    def test_a_run_settles_once_and_a_second_run_pays_nothing_more(self):
        self.invoice(self.east, 30000, "2026-10-15")
        run = self.run_policy("2026-12-31")
        with self.assertRaises(UserError):
            run.action_post()
        again = self.run_policy("2026-12-31")
        self.assertEqual(self.line(again, self.east).to_settle, 0.0)
        self.assertEqual(self.fund(self.east).balance, 600.0)
        self.assertEqual(len(self.fund(self.east).entry_ids), 1)
        self.assert_books_agree()

    def test_settling_needs_approval(self):
        self.invoice(self.east, 30000, "2026-10-15")
        run = self.run_policy("2026-12-31", settle=False)
        with self.assertRaises(UserError):
            run.action_post()
        run.action_request_approval()
        with self.assertRaises(UserError):
            run.action_post()
        self.assertFalse(self.fund(self.east).entry_ids)

    def test_mix_per_unit_and_cap(self):
        mix = self.policy.copy({
            "name": "T 中性笔单支返利", "calculation": "per_unit", "categ_ids": [Command.set(self.pens.ids)],
            "cap_amount": 500.0,
            "tier_ids": [Command.create({"threshold_from": 0, "rate": 0.05})],
        })
        self.invoice(self.east, 6000, "2026-10-15", quantity=6000)  # 6,000 pens
        self.invoice(self.east, 9000, "2026-10-16", product=self.gift, quantity=100)  # not pens
        run = self.run_policy("2026-12-31", policy=mix, settle=False)
        self.assertRecordValues(self.line(run, self.east), [{"base_quantity": 6000.0, "earned": 300.0}])
        self.invoice(self.east, 8000, "2026-10-20", quantity=8000)
        run.action_compute()
        # 14,000 pens × 0.05 = 700, capped at 500
        self.assertEqual(self.line(run, self.east).earned, 500.0)

    def test_sell_out_base_is_what_the_member_sells_to_its_own_customers(self):
        east_company = self.east.tenant_company_id
        sell_out = self.policy.copy({"name": "T 动销返利", "base": "sell_out"})
        self.invoice(self.east, 30000, "2026-10-15")  # sell-in: not counted
        invoice = self.env["account.move"].with_company(east_company).create({
            "move_type": "out_invoice", "partner_id": self.hz.partner_id.id, "invoice_date": "2026-10-20",
            "invoice_line_ids": [Command.create({
                "product_id": self.pen.id, "quantity": 12000, "price_unit": 1.0, "tax_ids": [Command.clear()],
            })],
        })
        invoice.action_post()
        run = self.run_policy("2026-12-31", policy=sell_out, settle=False)
        self.assertRecordValues(self.line(run, self.east), [{"base_amount": 12000.0, "earned": 240.0}])

    def test_bad_policies_are_refused(self):
        Policy = self.env["channel.rebate.policy"]
        base = {"name": "T 坏政策", "company_id": self.brand_company.id, "date_from": "2026-10-01",
                "date_to": "2026-12-31", "member_ids": [Command.set(self.east.ids)]}
        bad = [
            dict(base, tier_ids=[Command.create({"threshold_from": 0, "threshold_to": 100, "rate": 1}),
                                 Command.create({"threshold_from": 50, "rate": 2})]),  # overlap
            dict(base, tier_ids=[Command.create({"threshold_from": 0, "rate": 1}),
                                 Command.create({"threshold_from": 100, "rate": 2})]),  # unbounded in the middle
            dict(base, tier_ids=[Command.create({"threshold_from": 0, "threshold_to": 100, "rate": 1}),
                                 Command.create({"threshold_from": 200, "rate": 2})]),  # gap
            dict(base, member_ids=False, tier_ids=[Command.create({"threshold_from": 0, "rate": 1})]),  # no scope
            dict(base, date_to="2026-09-30", tier_ids=[Command.create({"threshold_from": 0, "rate": 1})]),
        ]
        for values in bad:
            with self.subTest(values=values), self.assertRaises(ValidationError):
                Policy.create(values)
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError):  # a period with no dates
            Policy.create(dict(base, date_from=False, tier_ids=[Command.create({"threshold_from": 0, "rate": 1})]))
        self.assertFalse(Policy.search([("name", "=", "T 坏政策")]))

    def test_only_the_issuers_managers_run_rebates(self):
        run = self.env["channel.rebate.run"].create({"policy_id": self.policy.id, "date_to": fields.Date.today()})
        for user in (self.east_manager, self.brand_user):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                run.with_user(user).action_compute()

    def test_who_sees_policies_runs_and_statements(self):
        self.invoice(self.east, 30000, "2026-10-15")
        self.invoice(self.south, 8000, "2026-10-15")
        run = self.run_policy("2026-12-31", settle=False)
        Line = self.env["channel.rebate.run.line"]
        east_env = dict(allowed_company_ids=self.east.tenant_company_id.ids)
        # the member sees its own statement, not another's, nor the brand's policy
        own = Line.with_user(self.east_manager).with_context(**east_env).search([])
        self.assertEqual(own, self.line(run, self.east))
        # and why: the documents behind its base, though it cannot open the brand's books
        invoice = self.env["account.move"].search([("partner_id", "=", self.east.partner_id.id),
                                                   ("company_id", "=", self.brand_company.id)])
        self.assertIn(invoice.name, own.source_summary)
        self.assertFalse(self.env["channel.rebate.policy"].with_user(self.east_manager).with_context(**east_env).search([]))
        # the brand sees all; a store and a portal stranger see nothing
        self.assertEqual(Line.with_user(self.brand_user).search([("run_id", "=", run.id)]), run.line_ids)
        stranger = self.env["res.users"].create({
            "name": "T 陌生人", "login": "t.rebate.stranger",
            "groups_id": [Command.set(self.env.ref("base.group_portal").ids)],
        })
        for user in (self.store_hz_user, stranger):
            with self.subTest(user=user.login):
                self.assertFalse(Line.with_user(user).search([]))
                with self.assertRaises(AccessError):
                    self.env["channel.rebate.run"].with_user(user).search([])

    def test_accruals_build_up_and_a_settlement_replaces_them(self):
        company = self.brand_company
        expense = company._channel_fund_gl_account("rebate_expense")
        accrued = company._channel_fund_gl_account("rebate_accrued")

        def balance(account):
            self.env.flush_all()
            lines = self.env["account.move.line"].search([
                ("account_id", "=", account.id), ("parent_state", "=", "posted"), ("company_id", "=", company.id),
            ])
            return round(sum(lines.mapped("balance")), 2)

        self.invoice(self.east, 30000, "2026-10-15")
        october = self.run_policy("2026-10-31", settle=False)
        october.action_accrue()
        self.assertEqual((balance(expense), balance(accrued)), (600.0, -600.0), "600 earned in October, accrued")
        with self.assertRaises(UserError):
            october.action_accrue()
        self.invoice(self.east, 20000, "2026-11-10")
        november = self.run_policy("2026-11-30", settle=False)
        november.action_accrue()
        # the October accrual is replaced by November's: 1,500 earned to date
        self.assertEqual((balance(expense), balance(accrued)), (1500.0, -1500.0))
        self.run_policy("2026-12-31")
        # settled: the accrual is reversed, the expense is the 1,500 paid into the fund
        self.assertEqual((balance(expense), balance(accrued)), (1500.0, 0.0))
        self.assertEqual(self.fund(self.east).balance, 1500.0)
        self.assert_books_agree()

    def test_the_watchlist_shows_who_is_close_to_the_next_tier(self):
        self.invoice(self.east, 45000, "2026-10-15")  # 5,000 short of 50,000
        self.invoice(self.south, 2000, "2026-10-15")  # far from 10,000
        watchlist = self.env["channel.rebate.watchlist"].create({
            "policy_id": self.policy.id, "date_to": "2026-12-31", "within_percent": 20,
        })
        self.assertRecordValues(watchlist.line_ids, [{
            "member_id": self.east.id, "base": 45000.0, "next_from": 50000.0, "missing": 5000.0, "next_rate": 3.0,
        }])

    def test_growth_over_last_year_and_targets(self):
        self.invoice(self.east, 20000, "2025-10-20")  # last year's fourth quarter
        self.invoice(self.east, 50000, "2026-10-15")
        self.invoice(self.south, 8000, "2026-10-15")  # nothing last year: all of it is growth
        growth = self.policy.copy({"name": "T 增长返利", "growth": True})
        run = self.run_policy("2026-12-31", policy=growth, settle=False)
        # 50,000 − 20,000 = 30,000 of growth: 2 % = 600
        self.assertRecordValues(self.line(run, self.east), [{"base_amount": 30000.0, "rate": 2.0, "earned": 600.0}])
        self.assertEqual(self.line(run, self.south).earned, 80.0)
        # targets: east aims at 60,000 and reaches 83.33 %: nothing; south 5,000: reached
        self.policy.target_ids = [
            Command.create({"member_id": self.east.id, "target": 60000}),
            Command.create({"member_id": self.south.id, "target": 5000}),
        ]
        run = self.run_policy("2026-12-31", settle=False)
        self.assertRecordValues(self.line(run, self.east), [{
            "base_amount": 50000.0, "target": 60000.0, "attainment": 83.33, "earned": 0.0,
        }])
        self.assertRecordValues(self.line(run, self.south), [{"target": 5000.0, "attainment": 160.0, "earned": 80.0}])

    def test_a_payments_base_rewards_what_the_member_paid(self):
        paid = self.policy.copy({"name": "T 回款返利", "base": "payments"})
        invoice = self.invoice(self.east, 30000, "2026-10-15")
        self.env["account.payment.register"].with_context(
            active_model="account.move", active_ids=invoice.ids
        ).create({"amount": 12000.0, "payment_date": "2026-10-25"}).action_create_payments()
        run = self.run_policy("2026-12-31", policy=paid, settle=False)
        # 12,000 paid of the 30,000 invoiced: 2 % = 240
        self.assertRecordValues(self.line(run, self.east), [{"base_amount": 12000.0, "earned": 240.0}])

    def test_a_credit_note_payout(self):
        notes = self.policy.copy({"name": "T 红字发票返利", "payout": "credit_note"})
        self.invoice(self.east, 30000, "2026-10-15")
        run = self.run_policy("2026-12-31", policy=notes)
        credit_note = self.line(run, self.east).credit_note_id
        self.assertRecordValues(credit_note, [{
            "move_type": "out_refund", "state": "posted", "amount_total": 600.0,
            "partner_id": self.east.partner_id.id, "company_id": self.brand_company.id,
        }])
        self.assertFalse(self.fund(self.east).entry_ids, "paid by credit note, not into the fund")
        if "auto_invoice_id" in self.env["account.move"]._fields:  # with the inter-company invoicing
            vendor_refund = self.env["account.move"].search([("auto_invoice_id", "=", credit_note.id)])
            self.assertRecordValues(vendor_refund, [{
                "move_type": "in_refund", "company_id": self.east.tenant_company_id.id, "amount_total": 600.0,
            }])
        # a correction after a return is charged back by an invoice
        self.invoice(self.east, 30000, "2026-12-05", refund=True)
        correction = self.run_policy("2026-12-31", policy=notes)
        self.assertRecordValues(self.line(correction, self.east).credit_note_id, [{
            "move_type": "out_invoice", "amount_total": 600.0,
        }])

    def test_a_run_is_approved_by_someone_other_than_who_asked(self):
        """Four eyes: who asked for the approval of a run cannot approve it."""
        second_manager = self.brand_manager.copy({"login": "t.brand.manager.2", "name": "T 第二审批人"})
        self.invoice(self.east, 30000, "2026-10-15")
        run = self.env["channel.rebate.run"].create({"policy_id": self.policy.id, "date_to": "2026-12-31"})
        as_requester = run.with_user(self.brand_manager)
        self.assertIs(as_requester.action_compute(), True)
        self.assertIs(as_requester.action_request_approval(), True)
        self.assertEqual(run.requested_by_id, self.brand_manager)
        with self.assertRaises(AccessError):
            as_requester.action_approve()
        self.assertRecordValues(run, [{"state": "to_approve", "approved_by_id": False}])
        self.assertIs(run.with_user(second_manager).action_approve(), True)
        self.assertRecordValues(run, [{"state": "approved", "approved_by_id": second_manager.id}])
        self.assertIs(run.with_user(self.brand_manager).action_post(), True)
        self.assertEqual(self.fund(self.east).balance, 600.0)

    def test_a_policys_own_payouts_never_count_in_its_base(self):
        """A credit note paying the rebate, and the invoice charging part of it
        back, are dated inside the period: neither lowers nor raises the base.
        20,100 of sales reach the 4 % tier: 804 paid, then nothing, then nothing."""
        today = fields.Date.context_today(self.policy)
        notes = self.policy.copy({
            "name": "T 红字发票返利（不计入基数）", "payout": "credit_note", "period": "custom",
            "date_from": fields.Date.subtract(today, days=30), "date_to": fields.Date.add(today, days=30),
            "tier_ids": [
                Command.create({"threshold_from": 0, "threshold_to": 20000, "rate": 2}),
                Command.create({"threshold_from": 20000, "rate": 4}),
            ],
        })
        self.invoice(self.east, 20100, fields.Date.subtract(today, days=1))
        date_to = notes.date_to
        first = self.run_policy(date_to, policy=notes)
        self.assertRecordValues(self.line(first, self.east), [{"base_amount": 20100.0, "to_settle": 804.0}])
        self.assertEqual(self.line(first, self.east).credit_note_id.invoice_date, today, "the payout is in the period")
        second = self.run_policy(date_to, policy=notes)
        self.assertRecordValues(self.line(second, self.east), [{
            "base_amount": 20100.0, "earned": 804.0, "settled_before": 804.0, "to_settle": 0.0,
        }])
        # whatever product a payout uses: anything booked on the channel's own
        # expense accounts is a payout, e.g. a hand-made credit note of a new product
        expense = self.brand_company._channel_fund_gl_account("rebate_expense")
        goodwill = self.env["account.move"].with_company(self.brand_company).create({
            "move_type": "out_refund", "partner_id": self.east.partner_id.id, "invoice_date": today,
            "invoice_line_ids": [Command.create({
                "product_id": self.gift.id, "quantity": 1, "price_unit": 500.0, "account_id": expense.id,
                "tax_ids": [Command.clear()],
            })],
        })
        goodwill.action_post()
        third = self.run_policy(date_to, policy=notes)
        self.assertRecordValues(self.line(third, self.east), [{
            "base_amount": 20100.0, "earned": 804.0, "to_settle": 0.0,
        }])
        self.assertNotIn(goodwill.name, self.line(third, self.east).source_summary)

    def test_a_rebate_into_a_distributors_fund_is_booked_in_both_books(self):
        """The brand owes the rebate fund; the distributor's own books show it is owed the same."""
        east_company = self.east.tenant_company_id
        self.invoice(self.east, 30000, "2026-10-15")
        self.invoice(self.east, 20000, "2026-11-10")
        self.run_policy("2026-11-30")
        self.invoice(self.east, 20000, "2026-12-05", refund=True)
        self.run_policy("2026-12-31")  # 1,500 paid, then 900 taken back
        fund = self.fund(self.east)
        self.assertEqual(fund.balance, 600.0)
        self.env.flush_all()
        receivable = east_company._channel_fund_gl_account("upstream_rebate")
        lines = self.env["account.move.line"].search([
            ("company_id", "=", east_company.id), ("account_id", "=", receivable.id),
            ("partner_id", "=", self.brand_company.partner_id.id), ("parent_state", "=", "posted"),
        ])
        self.assertEqual(round(sum(lines.mapped("balance")), 2), 600.0, "the distributor is owed its fund's balance")
        self.env["channel.fund.reconciliation"].invalidate_model()
        row = self.env["channel.fund.reconciliation"].search([("account_id", "=", fund.id)])
        self.assertRecordValues(row, [{
            "ledger_balance": 600.0, "gl_balance": 600.0, "holder_company_id": east_company.id,
            "holder_balance": 600.0, "holder_difference": 0.0, "in_balance": True,
        }])
        # a store keeps no books: its side is not compared
        store_fund = self.env["channel.fund.account"]._get_or_create(self.store_hz, "rebate")
        store_fund._post_rebate(10.0, False, "T")
        self.env.flush_all()
        self.env["channel.fund.reconciliation"].invalidate_model()
        row = self.env["channel.fund.reconciliation"].search([("account_id", "=", store_fund.id)])
        self.assertRecordValues(row, [{"holder_company_id": False, "in_balance": True}])
