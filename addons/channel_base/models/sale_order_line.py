# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models

from ..tools import net_price_unit


class SaleOrderLine(models.Model):
    _inherit = "sale.order.line"

    def _channel_net_price_unit(self):
        """The unit price after the line's discount, before taxes: what the
        channel's rules compare (guide price, special price, the buyer's
        purchase line) and what the buyer is told."""
        self.ensure_one()
        return net_price_unit(self.price_unit, self.discount)
