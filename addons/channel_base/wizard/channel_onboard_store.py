# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ChannelOnboardStore(models.TransientModel):
    _name = "channel.onboard.store"
    _inherit = "channel.onboard.mixin"
    _description = "Onboard a Store"

    upstream_id = fields.Many2one(
        string="Distributor",
        domain="[('role', '=', 'distributor')]",
        default=lambda self: self.env["channel.member"]._channel_member_of_company(self.env.company).filtered(
            lambda m: m.role == "distributor"
        ),
        required=True,
    )
    territory_id = fields.Many2one(
        "res.territory", string="Territory", help="Found from the province when left empty."
    )

    def action_onboard(self):
        self.ensure_one()
        vals = self._prepare_onboarding_vals()
        if self.territory_id:
            vals["territory_id"] = self.territory_id.id
        return self._open_member(self.env["channel.member"].onboard_stores([vals]))
