# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.tools import SQL


class ChannelPromotionCommitment(models.Model):
    """A promotion's budget committed to an order while its confirmation runs:
    written and committed at once under the promotion's lock by
    ``loyalty.program._channel_commit_budget``, it counts against the budget
    while the confirming transaction runs, until the order's use
    (``channel.promotion.usage``) is committed; if that transaction rolls
    back, at once no more (if it commits without the use, after it lapses).
    No foreign key to the order: the order may not be committed yet when the
    commitment is."""

    _name = "channel.promotion.commitment"
    _description = "Promotion Budget Commitment"
    _order = "id desc"
    _log_access = False

    COMMITMENT_MINUTES = 15

    program_id = fields.Many2one("loyalty.program", required=True, ondelete="cascade", readonly=True)
    order_id = fields.Integer(required=True, readonly=True)
    seller_member_id = fields.Many2one("channel.member", readonly=True)
    buyer_member_id = fields.Many2one("channel.member", readonly=True)
    amount = fields.Float(readonly=True)
    expires_at = fields.Datetime(required=True, readonly=True)
    transaction_id = fields.Float(
        digits=(20, 0), readonly=True,
        help="The PostgreSQL transaction confirming the order (txid_current), a 64-bit number (technical).",
    )

    _sql_constraints = [
        ("program_order_unique", "UNIQUE(program_id, order_id)", "An order commits a promotion's budget once."),
    ]

    @api.model
    def _live(self, alias="c"):
        """Whether commitment ``alias`` still counts (its use aside): its
        transaction runs, or it has not lapsed and that transaction did not
        roll back."""
        alias = SQL.identifier(alias)
        return SQL(
            """(txid_status(%(c)s.transaction_id::bigint) IS NOT DISTINCT FROM 'in progress'
                OR (%(c)s.expires_at > (now() AT TIME ZONE 'UTC')
                    AND txid_status(%(c)s.transaction_id::bigint) IS DISTINCT FROM 'aborted'))""",
            c=alias,
        )

    @api.model
    def _commit_budget(self, program, order_id, buyer, seller, amount, transaction_id=None):
        """Commit ``amount`` of ``program``'s budget to ``order_id``, confirmed
        by transaction ``transaction_id``."""
        self.env.cr.execute("""
            INSERT INTO channel_promotion_commitment
                   (program_id, order_id, buyer_member_id, seller_member_id, amount, expires_at, transaction_id)
            VALUES (%(program)s, %(order)s, %(buyer)s, %(seller)s, %(amount)s,
                    (now() AT TIME ZONE 'UTC') + make_interval(mins => %(minutes)s), %(transaction)s)
            ON CONFLICT (program_id, order_id) DO UPDATE
               SET buyer_member_id = EXCLUDED.buyer_member_id, seller_member_id = EXCLUDED.seller_member_id,
                   amount = EXCLUDED.amount, expires_at = EXCLUDED.expires_at,
                   transaction_id = EXCLUDED.transaction_id
        """, {
            "program": program.id, "order": order_id, "buyer": buyer.id or None, "seller": seller.id or None,
            "amount": amount, "minutes": self.COMMITMENT_MINUTES, "transaction": transaction_id,
        })

    @api.model
    def _gc(self):
        """Delete the commitments whose use was committed or that no longer
        count; returns how many."""
        self.env.cr.execute(SQL("""
            DELETE FROM channel_promotion_commitment c
             WHERE NOT %s
                OR EXISTS (SELECT 1 FROM channel_promotion_usage u
                            WHERE u.program_id = c.program_id AND u.order_id = c.order_id)
        """, self._live()))
        return self.env.cr.rowcount
