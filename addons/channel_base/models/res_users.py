# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class ResUsers(models.Model):
    _inherit = "res.users"

    def _channel_scope_member_ids(self, company_ids):
        """Ids of the members a distributor user works for: those whose tenant
        company is one of the user's active companies. Used by record rules
        (``child_of`` these ids is the user's branch of the network); rules are
        evaluated once per user and company set and cached by the ORM.
        """
        return self.env["channel.member"]._channel_member_of_company(self.env["res.company"].browse(company_ids)).ids
