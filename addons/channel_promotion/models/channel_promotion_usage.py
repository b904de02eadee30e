# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.tools import SQL


class ChannelPromotionUsage(models.Model):
    """One confirmed order's use of a channel promotion: what it took from the
    budget, and the brand's share its seller may claim. Written by the order's
    confirmation and cancellation only."""

    _name = "channel.promotion.usage"
    _description = "Promotion Use"
    _order = "id desc"
    _rec_name = "order_id"

    program_id = fields.Many2one("loyalty.program", string="Promotion", required=True, ondelete="restrict", index=True)
    order_id = fields.Many2one("sale.order", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="order_id.company_id", store=True, index=True)
    date = fields.Datetime(related="order_id.date_order", store=True)
    seller_member_id = fields.Many2one("channel.member", string="Seller", index=True)
    buyer_member_id = fields.Many2one("channel.member", string="Buyer", index=True)
    currency_id = fields.Many2one(related="order_id.currency_id")
    amount = fields.Monetary(string="Discount", help="The discount (untaxed) and free goods the order got.")
    brand_share_amount = fields.Monetary(string="Brand's Share", help="What the seller may claim from the brand.")
    state = fields.Selection(
        [("active", "Used"), ("released", "Released (order cancelled)")], required=True, default="active", index=True
    )
    claim_id = fields.Many2one("channel.promotion.claim", string="Claim", index="btree_not_null", copy=False)

    _sql_constraints = [
        ("order_program_unique", "UNIQUE(program_id, order_id)", "An order uses a promotion once."),
        ("amount_positive", "CHECK(amount >= 0 AND brand_share_amount >= 0)", "A discount is never negative."),
    ]


class ChannelPromotionHold(models.Model):
    """A promotion's budget held for an order while its confirmation runs:
    written and committed at once under the promotion's lock by
    ``loyalty.program._channel_hold``, it counts against the budget while the
    confirming transaction runs, until the order's use
    (``channel.promotion.usage``) is committed; if that transaction rolls
    back, at once no more (if it commits without the use, after it lapses).
    No foreign key to the order: the order may not be committed yet when the
    hold is."""

    _name = "channel.promotion.hold"
    _description = "Promotion Budget Hold"
    _order = "id desc"
    _log_access = False

    HOLD_MINUTES = 15

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
        ("program_order_unique", "UNIQUE(program_id, order_id)", "An order holds a promotion's budget once."),
    ]

    @api.model
    def _live(self, alias="h"):
        """Whether hold ``alias`` still counts (its use aside): its transaction
        runs, or it has not lapsed and that transaction did not roll back."""
        alias = SQL.identifier(alias)
        return SQL(
            """(txid_status(%(h)s.transaction_id::bigint) IS NOT DISTINCT FROM 'in progress'
                OR (%(h)s.expires_at > (now() AT TIME ZONE 'UTC')
                    AND txid_status(%(h)s.transaction_id::bigint) IS DISTINCT FROM 'aborted'))""",
            h=alias,
        )

    @api.model
    def _hold(self, program, order_id, buyer, seller, amount, transaction_id=None):
        """Hold ``amount`` of ``program``'s budget for ``order_id``, confirmed
        by transaction ``transaction_id``."""
        self.env.cr.execute("""
            INSERT INTO channel_promotion_hold
                   (program_id, order_id, buyer_member_id, seller_member_id, amount, expires_at, transaction_id)
            VALUES (%(program)s, %(order)s, %(buyer)s, %(seller)s, %(amount)s,
                    (now() AT TIME ZONE 'UTC') + make_interval(mins => %(minutes)s), %(transaction)s)
            ON CONFLICT (program_id, order_id) DO UPDATE
               SET buyer_member_id = EXCLUDED.buyer_member_id, seller_member_id = EXCLUDED.seller_member_id,
                   amount = EXCLUDED.amount, expires_at = EXCLUDED.expires_at,
                   transaction_id = EXCLUDED.transaction_id
        """, {
            "program": program.id, "order": order_id, "buyer": buyer.id or None, "seller": seller.id or None,
            "amount": amount, "minutes": self.HOLD_MINUTES, "transaction": transaction_id,
        })

    @api.model
    def _gc(self):
        """Delete the holds whose use was committed or that no longer count; returns how many."""
        self.env.cr.execute(SQL("""
            DELETE FROM channel_promotion_hold h
             WHERE NOT %s
                OR EXISTS (SELECT 1 FROM channel_promotion_usage u
                            WHERE u.program_id = h.program_id AND u.order_id = h.order_id)
        """, self._live()))
        return self.env.cr.rowcount
