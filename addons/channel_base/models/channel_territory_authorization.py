# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class ChannelTerritoryAuthorization(models.Model):
    """A territory authorised to a distributor (授权区域).

    The database guarantees the network rule: one member per level and territory.
    """

    _name = "channel.territory.authorization"
    _description = "Territory Authorisation"
    _order = "territory_id, level"

    member_id = fields.Many2one(
        "channel.member", required=True, index=True, ondelete="cascade"
    )
    territory_id = fields.Many2one(
        "res.territory", required=True, index=True, ondelete="restrict"
    )
    level_id = fields.Many2one(related="member_id.level_id", store=True)
    level = fields.Integer(related="member_id.level", store=True)
    date_start = fields.Date(default=fields.Date.context_today)

    _sql_constraints = [
        (
            "territory_level_unique",
            "UNIQUE(territory_id, level)",
            "This territory is already authorised to another member of the same level.",
        ),
    ]

    def _compute_display_name(self):
        for auth in self:
            auth.display_name = f"{auth.territory_id.name} → {auth.member_id.name}"

    @api.constrains("member_id")
    def _check_member_is_distributor(self):
        for auth in self:
            if auth.member_id.role != "distributor":
                raise ValidationError(
                    _(
                        "Only distributors are authorised on territories; %(member)s is not a distributor.",
                        member=auth.member_id.display_name,
                    )
                )
