# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, models

DEFAULT_APPROVAL_POINTS = 60


class SaleOrder(models.Model):
    _inherit = "sale.order"

    def _channel_approval_reason(self):
        """A buyer whose confirmed diversion cases took its credit points
        below ``channel_diversion.approval_points`` (60) has every order
        approved by hand, whatever its grade."""
        reason = super()._channel_approval_reason()
        if reason or self.channel_approval_state == "approved":
            return reason
        member = self.channel_buyer_member_id.sudo()
        floor = int(self.env["ir.config_parameter"].sudo().get_param(
            "channel_diversion.approval_points", DEFAULT_APPROVAL_POINTS
        ))
        if member.credit_points < floor:
            return _(
                "%(member)s has %(points)s credit points, below %(floor)s after diversion cases: every order waits "
                "for approval.", member=member.name, points=member.credit_points, floor=floor,
            )
        return reason
