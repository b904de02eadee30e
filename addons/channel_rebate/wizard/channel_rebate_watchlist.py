# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command, api, fields, models


class ChannelRebateWatchlist(models.TransientModel):
    """Members close to the next tier of a policy, and how much more each must
    buy to reach it: for the channel team to call them."""

    _name = "channel.rebate.watchlist"
    _description = "Rebate Watchlist"

    policy_id = fields.Many2one("channel.rebate.policy", required=True)
    date_to = fields.Date(string="Bought up To", required=True, default=fields.Date.context_today)
    within_percent = fields.Float(string="Within (%) of the Next Tier", default=20.0)
    line_ids = fields.One2many("channel.rebate.watchlist.line", "watchlist_id", string="Members")

    @api.model_create_multi
    def create(self, vals_list):
        watchlists = super().create(vals_list)
        watchlists._fill()
        return watchlists

    def _fill(self):
        for watchlist in self:
            rows = watchlist.policy_id._watchlist(watchlist.date_to, within=watchlist.within_percent / 100.0)
            watchlist.line_ids = [Command.clear()] + [Command.create({
                "member_id": row["member"].id, "base": row["base"], "next_from": row["next_from"],
                "missing": row["missing"], "next_rate": row["next_rate"],
            }) for row in rows]

    def action_refresh(self):
        self._fill()
        return {"type": "ir.actions.act_window", "res_model": self._name, "res_id": self.id, "view_mode": "form",
                "target": "new"}

