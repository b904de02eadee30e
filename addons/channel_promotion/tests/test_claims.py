# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command, fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import TransactionCase, tagged

from .common import ChannelPromotionMixin


@tagged("post_install", "-at_install")
class TestClaims(ChannelPromotionMixin, TransactionCase):
    """A brand promotion funded half by the brand: the distributors that grant
    it claim the brand's half (费用核销); the brand approves and settles it into
    the rebate fund (a direct buyer) or by a credit note (a level-2 distributor),
    with journal entries on both sides. Each order: 25.00 off, 12.50 claimable."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_channel_promotion()
        cls.program = cls.promotion(channel_brand_share=50.0, name="T 品牌补贴一半")

    def file(self, user, company, orders, program=None):
        Claim = self.env_of(user, company)["channel.promotion.claim"]
        return Claim.file_claim((program or self.program).id, orders.ids)

    def as_brand(self, claim):
        return claim.with_user(self.brand_manager).with_context(allowed_company_ids=self.brand_company.ids)

    def lines_of(self, move):
        return sorted(
            (line.account_id.sudo().with_company(move.company_id).code, line.debit, line.credit) for line in move.sudo().line_ids
        )

    def test_claim_settled_into_the_rebate_fund(self):
        orders = self.order_for(self.store_sh, confirm=True) | self.order_for(self.store_sh, confirm=True)
        self.assertEqual(orders.channel_promotion_usage_ids.mapped("brand_share_amount"), [12.5, 12.5])
        claim = self.file(self.east_manager, self.east_company, orders)
        self.assertRecordValues(claim, [{
            "state": "draft", "amount": 25.0, "discount_amount": 50.0, "settlement": "fund",
            "member_id": self.east.id, "issuer_company_id": self.brand_company.id,
        }])
        claim.action_submit()
        with self.assertRaises(AccessError):
            claim.action_approve()  # the claimant does not approve its own claim
        self.as_brand(claim).action_approve()
        self.as_brand(claim).action_settle()
        self.assertEqual(claim.state, "settled")
        fund = self.env["channel.fund.account"]._find(self.east, self.brand_company, "rebate")
        self.assertEqual(fund.balance, 25.0)
        self.assertEqual(claim.fund_entry_id.amount, 25.0)
        self.assertEqual(claim.fund_entry_id.move_id, claim.issuer_move_id)
        self.assertEqual(self.lines_of(claim.issuer_move_id), [("224110", 0.0, 25.0), ("660120", 25.0, 0.0)])
        self.assertEqual(claim.issuer_move_id.company_id, self.brand_company)
        self.assertEqual(self.lines_of(claim.claimant_move_id), [("112310", 25.0, 0.0), ("660121", 0.0, 25.0)])
        self.assertEqual(claim.claimant_move_id.company_id, self.east_company)
        self.assertEqual((claim.issuer_move_id | claim.claimant_move_id).mapped("state"), ["posted", "posted"])
        # the books agree on both sides: the fund, the brand's payable, the distributor's receivable
        self.env.flush_all()
        self.env["channel.fund.reconciliation"].invalidate_model()
        self.assertRecordValues(self.env["channel.fund.reconciliation"].search([("account_id", "=", fund.id)]), [{
            "ledger_balance": 25.0, "gl_balance": 25.0, "holder_company_id": self.east_company.id,
            "holder_balance": 25.0, "in_balance": True,
        }])
        self.program.invalidate_recordset()
        self.assertEqual(self.program.channel_settled_amount, 25.0)
        with self.assertRaises(UserError):
            self.as_brand(claim).action_settle()  # once

    def test_a_level_2_distributor_is_paid_by_credit_note(self):
        order = self.order_for(self.store_hz, confirm=True)
        claim = self.file(self.hz_manager, self.hz_company, order)
        self.assertEqual(claim.settlement, "credit_note", "the brand keeps no fund for a level-2 distributor")
        claim.action_submit()
        self.as_brand(claim).action_approve()
        self.as_brand(claim).action_settle()
        self.assertRecordValues(claim.credit_note_id, [{
            "move_type": "out_refund", "state": "posted", "amount_total": 12.5, "company_id": self.brand_company.id,
            "partner_id": self.hz.partner_id.id,
        }])
        vendor_refund = self.env["account.move"].search([("auto_invoice_id", "=", claim.credit_note_id.id)])
        self.assertRecordValues(vendor_refund, [{
            "move_type": "in_refund", "company_id": self.hz_company.id, "amount_total": 12.5,
        }])

    def test_bad_claims_are_refused_and_leave_nothing(self):
        promoted = self.order_for(self.store_sh, confirm=True)
        self.program.channel_member_ids = False
        self.program.channel_level_ids = self.level_1  # no longer for stores
        plain = self.order_for(self.store_sh, confirm=True)
        Claim = self.env["channel.promotion.claim"]
        with self.assertRaisesRegex(UserError, "did not use"):
            self.file(self.east_manager, self.east_company, plain)
        with self.assertRaisesRegex(UserError, "did not use"):
            self.file(self.south_manager, self.south_company, promoted)  # another distributor's order
        own = self.promotion(publisher=self.east)
        with self.assertRaisesRegex(UserError, "nothing to claim"):
            self.file(self.east_manager, self.east_company, promoted, program=own)
        with self.assertRaisesRegex(UserError, "no channel promotion"):
            self.env_of(self.east_manager, self.east_company)["channel.promotion.claim"].file_claim(10**8, promoted.ids)
        with self.assertRaisesRegex(UserError, "do not exist"):
            self.file(self.east_manager, self.east_company, promoted | self.env["sale.order"].browse(10**8))
        with self.assertRaises(AccessError):
            self.file(self.east_clerk, self.east_company, promoted)
        self.assertFalse(Claim.search([("member_id", "in", (self.east | self.south).ids)]), "nothing was filed")
        claim = self.file(self.east_manager, self.east_company, promoted)
        with self.assertRaisesRegex(UserError, "already claimed"):
            self.file(self.east_manager, self.east_company, promoted)
        self.assertEqual(Claim.search([("member_id", "in", (self.east | self.south).ids)]), claim)
        # an order in a claim is not cancelled behind the brand's back
        with self.assertRaisesRegex(UserError, "must be rejected"):
            promoted._action_cancel()
        # rejected: the orders may be claimed again
        claim.action_submit()
        self.as_brand(claim).action_reject("T 单据不全")
        self.assertEqual(claim.state, "rejected")
        self.assertFalse(promoted.channel_promotion_usage_ids.claim_id)
        self.assertEqual(self.file(self.east_manager, self.east_company, promoted).amount, 12.5)

    def test_results(self):
        """Per promotion: orders, buyers reached, discount given, budget left,
        claims, and the buyers' sales during the promotion against before."""
        self.program.action_archive()  # one order discount at a time
        before = self.env["sale.order"].with_company(self.hz_company).create({
            "partner_id": self.store_hz.partner_id.id,
            "order_line": [Command.create({"product_id": self.pen.id, "product_uom_qty": 40})],
        })
        before.action_confirm()
        program = self.promotion(channel_brand_share=50.0, channel_budget_amount=1000.0,
                                 channel_region_ids=[Command.set(self.region_east.ids)])
        before.date_order = fields.Datetime.subtract(fields.Datetime.now(), days=5)  # 100.00, before it started
        self.order_for(self.store_hz, confirm=True)
        sh_order = self.order_for(self.store_sh, confirm=True)
        self.order_for(self.store_gd, confirm=True)  # 华南: not reached
        claim = self.file(self.east_manager, self.east_company, sh_order, program=program)
        claim.action_submit()
        program.invalidate_recordset()
        self.assertRecordValues(program, [{
            "channel_consumed_uses": 2, "channel_consumed_amount": 50.0, "channel_store_count": 2,
            "channel_budget_left": 950.0, "channel_claimed_amount": 12.5, "channel_settled_amount": 0.0,
            "channel_sales_amount": 450.0, "channel_sales_before_amount": 100.0,
        }])
