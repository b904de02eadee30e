# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class ChannelOnboardDistributor(models.TransientModel):
    _name = "channel.onboard.distributor"
    _inherit = "channel.onboard.mixin"
    _description = "Onboard a Distributor"

    upstream_id = fields.Many2one(
        domain="[('role', 'in', ('brand', 'distributor'))]",
        default=lambda self: self.env["channel.member"]._brand_member(),
        required=True,
    )
    level_id = fields.Many2one(
        "channel.level",
        domain="[('role', '=', 'distributor')]",
        compute="_compute_level_id",
        store=True,
        readonly=False,
        required=True,
    )
    territory_ids = fields.Many2many("res.territory", string="Authorised Territories")

    @api.depends("upstream_id")
    def _compute_level_id(self):
        for wizard in self:
            wizard.level_id = self.env["channel.level"]._next_level(wizard.upstream_id.level_id, "distributor")

    def action_onboard(self):
        self.ensure_one()
        vals = dict(
            self._prepare_onboarding_vals(),
            level_id=self.level_id.id,
            territory_ids=self.territory_ids.ids,
        )
        return self._open_member(self.env["channel.member"].onboard_distributors([vals]))
