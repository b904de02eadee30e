# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ChannelDiversionPenalty(models.TransientModel):
    _name = "channel.diversion.penalty"
    _description = "Diversion Penalty"

    case_id = fields.Many2one("channel.diversion.case", string="Diversion Case", required=True, readonly=True)
    currency_id = fields.Many2one(related="case_id.currency_id")
    amount = fields.Monetary(string="Taken from the Rebate Fund", required=True)

    def action_apply(self):
        self.ensure_one()
        self.case_id.action_penalise(self.amount)
        return {"type": "ir.actions.act_window_close"}
