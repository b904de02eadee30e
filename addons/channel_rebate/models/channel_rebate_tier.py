# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ChannelRebateTier(models.Model):
    _name = "channel.rebate.tier"
    _description = "Rebate Tier"
    _order = "policy_id, threshold_from"

    policy_id = fields.Many2one("channel.rebate.policy", required=True, ondelete="cascade", index=True)
    threshold_from = fields.Float(string="From", required=True, help="Amount (percentage) or units (per unit).")
    threshold_to = fields.Float(string="Up To", help="Empty: no upper bound (the last tier only).")
    rate = fields.Float(required=True, digits=(16, 4), help="Percent of the amount, or amount per unit.")

    _sql_constraints = [
        ("bounds", "CHECK(threshold_from >= 0 AND (threshold_to = 0 OR threshold_to IS NULL OR threshold_to > threshold_from))",
         "A tier's upper bound is above its lower bound."),
        ("rate_positive", "CHECK(rate >= 0)", "A tier's rate cannot be negative."),
    ]

    def _compute_display_name(self):
        for tier in self:
            upper = f"{tier.threshold_to:g}" if tier.threshold_to else "∞"
            tier.display_name = f"[{tier.threshold_from:g}, {upper}) @ {tier.rate:g}"
