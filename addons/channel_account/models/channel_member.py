# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ChannelMember(models.Model):
    _inherit = "channel.member"

    # === FIELDS === #
    fund_account_ids = fields.One2many("channel.fund.account", "holder_id", string="Fund Accounts")

    # === BUSINESS METHODS === #
    def _channel_credit_groups(self, grantor):
        """The grantor's accounting managers decide credit too."""
        return (*super()._channel_credit_groups(grantor), "account.group_account_manager")
