# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class ChannelStockHealth(models.Model):
    _inherit = "channel.stock.health"

    to_replenish = fields.Boolean(string="To Replenish", readonly=True,
                                  help="A replenishment is suggested (the suggested order is above zero).")

    @api.model
    def _health_query(self, window, slow, lead):
        # a column to group by, so the overview counts every flag in one query
        query = super()._health_query(window, slow, lead)
        return f"SELECT health.*, health.suggested_qty > 0 AS to_replenish FROM ({query}) health"
