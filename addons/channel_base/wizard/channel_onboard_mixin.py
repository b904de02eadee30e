# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

from ..models.channel_member import CREDIT_GRADES


class ChannelOnboardMixin(models.AbstractModel):
    """What both onboarding wizards ask: who, where, and the first login."""

    _name = "channel.onboard.mixin"
    _description = "Channel Onboarding Form"

    name = fields.Char(required=True)
    code = fields.Char(required=True)
    upstream_id = fields.Many2one("channel.member", string="Upstream")
    street = fields.Char()
    city = fields.Char()
    zip = fields.Char()
    state_id = fields.Many2one(
        "res.country.state", string="Province", domain="[('country_id.code', '=', 'CN')]"
    )
    phone = fields.Char()
    email = fields.Char(required=True)
    login = fields.Char(required=True, help="Login of the first user.")
    user_name = fields.Char(string="User Name", help="Defaults to the member's name.")
    password = fields.Char(help="Leave empty to send the user an invitation by email instead.")
    credit_grade = fields.Selection(CREDIT_GRADES, default="C", required=True)
    tag_ids = fields.Many2many("channel.member.tag", string="Tags")

    def _prepare_onboarding_vals(self):
        """The wizard as a record for the onboarding API (extension point)."""
        self.ensure_one()
        vals = {
            "name": self.name,
            "code": self.code,
            "upstream_id": self.upstream_id.id,
            "street": self.street,
            "city": self.city,
            "zip": self.zip,
            "state_id": self.state_id.id,
            "phone": self.phone,
            "email": self.email,
            "login": self.login,
            "user_name": self.user_name,
            "password": self.password,
            "credit_grade": self.credit_grade,
            "tag_ids": self.tag_ids.ids,
        }
        return {key: value for key, value in vals.items() if value}

    def _open_member(self, member_ids):
        member = self.env["channel.member"].browse(member_ids)
        if not self.password:
            self.env["res.users"].sudo().search([("login", "=", self.login)]).filtered("email").action_reset_password()
        return {
            "type": "ir.actions.act_window",
            "res_model": "channel.member",
            "res_id": member.id,
            "view_mode": "form",
            "target": "current",
        }
