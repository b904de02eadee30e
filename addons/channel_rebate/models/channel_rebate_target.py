# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ChannelRebateTarget(models.Model):
    _name = "channel.rebate.target"
    _description = "Rebate Target"
    _order = "policy_id, member_id"

    policy_id = fields.Many2one("channel.rebate.policy", required=True, ondelete="cascade", index=True)
    member_id = fields.Many2one("channel.member", required=True, index=True)
    target = fields.Float(required=True, help="Amount (percentage) or units (per unit) the base must reach.")

    _sql_constraints = [
        ("member_unique", "UNIQUE(policy_id, member_id)", "A member has one target per policy."),
        ("target_positive", "CHECK(target > 0)", "A target is a positive figure."),
    ]
