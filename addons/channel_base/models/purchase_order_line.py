# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models

from ..tools import net_price_unit


class PurchaseOrderLine(models.Model):
    _inherit = "purchase.order.line"

    def _channel_net_price_unit(self):
        """The unit price after the line's discount, before taxes, counted as
        on a sale line (``sale.order.line._channel_net_price_unit``): what a
        distributor pays its upstream, compared with its level price."""
        self.ensure_one()
        return net_price_unit(self.price_unit, self.discount)
