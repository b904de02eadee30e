# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ChannelOrderReject(models.TransientModel):
    _name = "channel.order.reject"
    _description = "Reject Orders Awaiting Approval"

    order_ids = fields.Many2many("sale.order", string="Orders", required=True)
    reason = fields.Text(required=True, help="Sent to the buyer with the rejection.")

    def action_reject(self):
        self.ensure_one()
        self.order_ids._channel_reject(self.reason)
        return {"type": "ir.actions.act_window_close"}
