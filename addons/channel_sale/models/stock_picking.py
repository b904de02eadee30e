# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class StockPicking(models.Model):
    _inherit = "stock.picking"

    def _is_intercompany_return_reception(self):
        """Channel sellers ship to their buyers as to customers (see
        ``channel.member._configure_intercompany``), so the goods a buyer sends
        back arrive from the customers location: OCA's return sync must see that
        as an inter-company return too, and finish the buyer's return delivery."""
        return super()._is_intercompany_return_reception() or bool(
            self.return_id
            and self.location_id.usage == "customer"
            and self.return_id._is_intercompany_delivery()
        )
