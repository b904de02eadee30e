# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


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
    ``loyalty.program._channel_hold``, it counts against the budget until the
    order's use (``channel.promotion.usage``) is committed, or until it lapses
    if that confirmation fails. No foreign key to the order: the order may not
    be committed yet when the hold is."""

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

    _sql_constraints = [
        ("program_order_unique", "UNIQUE(program_id, order_id)", "An order holds a promotion's budget once."),
    ]

    @api.model
    def _hold(self, program, order_id, buyer, seller, amount):
        self.env.cr.execute("""
            INSERT INTO channel_promotion_hold
                   (program_id, order_id, buyer_member_id, seller_member_id, amount, expires_at)
            VALUES (%(program)s, %(order)s, %(buyer)s, %(seller)s, %(amount)s,
                    (now() AT TIME ZONE 'UTC') + make_interval(mins => %(minutes)s))
            ON CONFLICT (program_id, order_id) DO UPDATE
               SET buyer_member_id = EXCLUDED.buyer_member_id, seller_member_id = EXCLUDED.seller_member_id,
                   amount = EXCLUDED.amount, expires_at = EXCLUDED.expires_at
        """, {
            "program": program.id, "order": order_id, "buyer": buyer.id or None, "seller": seller.id or None,
            "amount": amount, "minutes": self.HOLD_MINUTES,
        })

    @api.model
    def _gc(self):
        """Delete the holds whose use was committed or that lapsed; returns how many."""
        self.env.cr.execute("""
            DELETE FROM channel_promotion_hold h
             WHERE h.expires_at <= (now() AT TIME ZONE 'UTC')
                OR EXISTS (SELECT 1 FROM channel_promotion_usage u
                            WHERE u.program_id = h.program_id AND u.order_id = h.order_id)
        """)
        return self.env.cr.rowcount
