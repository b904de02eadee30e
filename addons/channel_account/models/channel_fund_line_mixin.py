# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ChannelFundLineMixin(models.AbstractModel):
    """What every record that belongs to a fund account carries: the account,
    and its holder, issuer and currency stored for record rules and reports."""

    _name = "channel.fund.line.mixin"
    _description = "Fund Account Line"

    account_id = fields.Many2one("channel.fund.account", required=True, index=True, ondelete="restrict", readonly=True)
    holder_id = fields.Many2one(related="account_id.holder_id", store=True, index=True)
    company_id = fields.Many2one(related="account_id.company_id", store=True, index=True, string="Issuer")
    currency_id = fields.Many2one(related="account_id.currency_id", store=True)
