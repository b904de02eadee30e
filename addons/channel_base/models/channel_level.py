# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

ROLES = [
    ("brand", "Brand"),
    ("distributor", "Distributor"),
    ("store", "Store"),
    ("consumer", "Consumer"),
]


class ChannelLevel(models.Model):
    """A level of the channel: brand, level-1 agent, level-2 dealer, store…

    ``depth`` orders the levels: a member's upstream always sits on a smaller
    depth. The level carries the price the members on it buy at.
    """

    _name = "channel.level"
    _description = "Channel Level"
    _order = "depth, id"

    # === FIELDS === #
    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True)
    role = fields.Selection(ROLES, required=True)
    depth = fields.Integer(
        required=True,
        help="Position in the chain, 0 for the brand. A member's upstream must be "
        "on a smaller depth.",
    )
    pricelist_id = fields.Many2one(
        "product.pricelist",
        string="Purchase Pricelist",
        help="The price members on this level buy at from their upstream. "
        "Shared by every tenant company, so a price change reaches all of them.",
    )
    member_count = fields.Integer(compute="_compute_member_count")
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("code_unique", "UNIQUE(code)", "A level code must be unique."),
        ("depth_unique", "UNIQUE(depth)", "Two levels cannot share a depth."),
        ("depth_positive", "CHECK(depth >= 0)", "The depth of a level cannot be negative."),
    ]

    # === COMPUTE === #
    def _compute_member_count(self):
        counts = dict(
            self.env["channel.member"]._read_group(
                [("level_id", "in", self.ids)], ["level_id"], ["__count"]
            )
        )
        for level in self:
            level.member_count = counts.get(level, 0)

    # === BUSINESS METHODS === #
    @api.model
    def _next_level(self, upstream_level, role):
        """The shallowest level of ``role`` below ``upstream_level``."""
        return self.search(
            [("role", "=", role), ("depth", ">", upstream_level.depth)], order="depth", limit=1
        )

    # === CONSTRAINTS === #
    @api.constrains("depth", "role")
    def _check_members_still_fit(self):
        """Moving or re-purposing a level must keep every member below its upstream."""
        members = self.env["channel.member"].sudo().search([("level_id", "in", self.ids)])
        (members | members.downstream_ids)._check_role_level_upstream()
