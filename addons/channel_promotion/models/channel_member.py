# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models, tools


class ChannelMember(models.Model):
    _inherit = "channel.member"

    @api.model
    def _channel_member_of_company(self, company):
        """The brand or distributor member running ``company`` (cached: every
        order priced asks it)."""
        return self.sudo().browse(self._channel_member_id_of_company(company.id))

    @api.model
    @tools.ormcache("company_id")
    def _channel_member_id_of_company(self, company_id):
        return self.sudo().search([("tenant_company_id", "=", company_id)], limit=1).id or None

    @api.model_create_multi
    def create(self, vals_list):
        members = super().create(vals_list)
        if any(vals.get("tenant_company_id") for vals in vals_list):
            self.env.registry.clear_cache()
        return members

    def write(self, vals):
        result = super().write(vals)
        if "tenant_company_id" in vals:
            self.env.registry.clear_cache()
        return result
