# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ChannelReplenishWizardLine(models.TransientModel):
    _name = "channel.replenish.wizard.line"
    _description = "Replenishment Suggestion"

    wizard_id = fields.Many2one("channel.replenish.wizard", required=True, ondelete="cascade")
    product_id = fields.Many2one("product.product", required=True, readonly=True)
    qty_on_hand = fields.Float(string="On Hand", digits="Product Unit of Measure", readonly=True)
    qty_incoming = fields.Float(string="Incoming", digits="Product Unit of Measure", readonly=True)
    avg_daily_sold = fields.Float(string="Average Daily Sell-Out", digits=(16, 2), readonly=True)
    safety_qty = fields.Float(string="Safety Stock", digits="Product Unit of Measure", readonly=True)
    suggested_qty = fields.Float(string="Suggested", digits="Product Unit of Measure", readonly=True)
    quantity = fields.Float(string="To Order", digits="Product Unit of Measure")
