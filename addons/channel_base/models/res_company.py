# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    channel_member_ids = fields.One2many("channel.member", "tenant_company_id", string="Channel Members")
    channel_member_id = fields.Many2one(
        "channel.member", compute="_compute_channel_member_id", string="Channel Member"
    )

    @api.depends("channel_member_ids")
    def _compute_channel_member_id(self):
        for company in self:
            company.channel_member_id = company.channel_member_ids[:1]
