# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import odoo
from odoo import Command
from odoo.exceptions import UserError, ValidationError
from odoo.tests import TransactionCase, tagged

from .common import ChannelPromotionMixin


@tagged("post_install", "-at_install")
class TestBudget(ChannelPromotionMixin, TransactionCase):
    """A budget is consumed by confirmations, given back by cancellations, and
    a promotion whose budget is used up stops applying. Each order below gets
    25.00 off (10 % of 100 pens at 2.50)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_channel_promotion()

    def test_budget_in_money(self):
        program = self.promotion(channel_budget_amount=60.0)
        first, second = self.order_for(self.store_hz), self.order_for(self.store_hz)
        third = self.order_for(self.store_sh)
        first.action_confirm()
        second.action_confirm()
        self.assertEqual(program.channel_consumed_amount, 50.0)
        self.assertEqual(program.channel_budget_left, 10.0)
        self.assertFalse(program.channel_budget_exhausted)
        # 10.00 left, the third order would take 25.00: refused, nothing taken
        with self.assertRaises(UserError) as refused:
            third.action_confirm()
        self.assertIn("10.00 left, not enough", str(refused.exception))
        self.assertEqual(third.state, "draft")
        self.assertEqual(program.channel_consumed_amount, 50.0)
        # the second is cancelled: its 25.00 come back and the third goes through
        second._action_cancel()
        self.assertEqual(program.channel_consumed_amount, 25.0)
        self.assertEqual(second.channel_promotion_usage_ids.state, "released")
        third.action_confirm()
        self.assertEqual(third.state, "sale")
        self.assertEqual(program.channel_consumed_amount, 50.0)

    def test_used_up_promotions_stop_applying(self):
        program = self.promotion(channel_budget_uses=1)
        waiting = self.order_for(self.store_sh)
        self.assertEqual(self.discount_of(waiting, program), 25.0)
        self.order_for(self.store_hz, confirm=True)
        self.assertTrue(program.channel_budget_exhausted)
        self.assertNotIn(program, self.env["loyalty.program"]._channel_eligible(self.store_sh, self.east_company))
        self.assertEqual(self.discount_of(self.order_for(self.store_sh), program), 0.0)
        # the quotation priced before: confirmed without it, and told so
        waiting.action_confirm()
        self.assertEqual(waiting.state, "sale")
        self.assertEqual(self.discount_of(waiting, program), 0.0)
        self.assertTrue(any(program.name in body for body in waiting.message_ids.mapped("body")))
        self.assertEqual(program.channel_consumed_uses, 1)

    def test_budget_per_distributor(self):
        program = self.promotion(channel_budget_line_ids=[Command.create({"member_id": self.hz.id, "uses": 1})])
        self.order_for(self.store_hz, confirm=True)
        self.assertEqual(self.discount_of(self.order_for(self.store_hz), program), 0.0, "T-HZ's share is used")
        self.assertEqual(self.discount_of(self.order_for(self.store_sh), program), 25.0, "T-EAST has no limit")
        self.assertEqual(program.channel_budget_line_ids.consumed_uses, 1)

    def test_a_budget_cannot_go_below_what_was_used(self):
        program = self.promotion(channel_budget_amount=100.0)
        self.order_for(self.store_hz, confirm=True)
        self.order_for(self.store_hz, confirm=True)
        with self.assertRaises(ValidationError) as refused:
            program.channel_budget_amount = 40.0
        self.assertIn("already given", str(refused.exception))
        program.channel_budget_amount = 50.0
        self.assertTrue(program.channel_budget_exhausted)
        program.channel_budget_amount = 80.0
        self.assertFalse(program.channel_budget_exhausted, "raised again: it applies again")
        with self.assertRaises(ValidationError) as refused:
            program.channel_budget_uses = 1
        self.assertIn("already used by 2 orders", str(refused.exception))
        with self.assertRaises(ValidationError):
            program.channel_budget_line_ids = [Command.create({"member_id": self.hz.id, "uses": 1})]

    def test_the_commitment_of_a_confirmation_that_rolled_back_counts_no_more(self):
        """A confirmation committed its discount, then its transaction rolled
        back (on a connection of its own, here): the budget is whole again at
        once, not after the commitment lapses."""
        program = self.promotion(channel_budget_amount=60.0)
        connection = odoo.sql_db.db_connect(self.env.cr.dbname).cursor()
        try:
            connection.execute("SELECT txid_current()")
            rolled_back = connection.fetchone()[0]
            connection.rollback()
        finally:
            connection.close()
        in_flight = self.order_for(self.store_sh)
        self.env["channel.promotion.commitment"]._commit_budget(
            program, in_flight.id, self.store_sh, self.east, 50.0, rolled_back
        )
        self.assertEqual(program._channel_consumed(), (0.0, 0))
        order = self.order_for(self.store_hz)
        order.action_confirm()
        self.assertEqual(order.state, "sale")
        self.assertEqual(program._channel_consumed(), (25.0, 1))

    def test_budget_committed_to_confirmations_in_flight(self):
        """A confirmation commits its discount before it commits: another
        order's commitment counts against the budget until its use is committed
        or it lapses, and the cron forgets lapsed and used commitments."""
        program = self.promotion(channel_budget_amount=60.0)
        Commitment = self.env["channel.promotion.commitment"]
        in_flight = self.order_for(self.store_sh)
        Commitment._commit_budget(program, in_flight.id, self.store_sh, self.east, 50.0)
        order = self.order_for(self.store_hz)
        with self.assertRaises(UserError) as refused:
            order.action_confirm()
        self.assertIn("10.00 left, not enough", str(refused.exception))
        # that confirmation failed (its transaction rolled back): its commitment lapses
        self.env.cr.execute(
            "UPDATE channel_promotion_commitment SET expires_at = (now() AT TIME ZONE 'UTC') - interval '1 second'"
            " WHERE order_id = %s", [in_flight.id],
        )
        order.action_confirm()
        self.assertEqual(order.state, "sale")
        self.assertEqual(program._channel_consumed(), (25.0, 1))
        commitment = Commitment.search([("order_id", "=", order.id)])
        self.assertEqual(
            (commitment.amount, commitment.program_id), (25.0, program), "the confirmation committed its discount"
        )
        self.env["loyalty.program"]._cron_channel_budgets()
        self.assertFalse(
            Commitment.search([("program_id", "=", program.id)]), "the lapsed and the used commitment are gone"
        )
        self.assertEqual(program._channel_consumed(), (25.0, 1), "the use still counts")
