# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ChannelRebateWatchlistLine(models.TransientModel):
    _name = "channel.rebate.watchlist.line"
    _description = "Rebate Watchlist Member"
    _order = "missing"

    watchlist_id = fields.Many2one("channel.rebate.watchlist", required=True, ondelete="cascade")
    member_id = fields.Many2one("channel.member", string="Member")
    base = fields.Float(string="Bought So Far")
    next_from = fields.Float(string="Next Tier From")
    missing = fields.Float(string="Still to Buy")
    next_rate = fields.Float(string="Next Tier Rate", digits=(16, 4))
