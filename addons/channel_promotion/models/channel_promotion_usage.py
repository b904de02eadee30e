# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


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

