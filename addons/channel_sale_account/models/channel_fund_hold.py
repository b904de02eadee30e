# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

HOLD_STATES = [("active", "On Hold"), ("captured", "Captured"), ("released", "Released")]


class ChannelFundHold(models.Model):
    """An amount a confirmed order reserves on a fund account until its invoice
    is posted (captured) or the order is cancelled (released)."""

    _name = "channel.fund.hold"
    _inherit = ["channel.fund.line.mixin"]
    _description = "Channel Fund Hold"
    _order = "id desc"

    order_id = fields.Many2one("sale.order", required=True, index=True, readonly=True, ondelete="restrict")
    amount = fields.Monetary(required=True, readonly=True)
    captured_amount = fields.Monetary(readonly=True)
    state = fields.Selection(HOLD_STATES, default="active", required=True, readonly=True, index=True)
    entry_id = fields.Many2one("channel.fund.entry", string="Payment Entry", readonly=True)
    reservation_id = fields.Integer(
        readonly=True, copy=False,
        help="The reservation this hold took over when its order's confirmation was committed (technical).",
    )

    _sql_constraints = [
        ("amount_positive", "CHECK(amount > 0)", "A hold reserves a positive amount."),
    ]
