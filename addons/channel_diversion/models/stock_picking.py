# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class StockPicking(models.Model):
    _inherit = "stock.picking"

    def _action_done(self):
        result = super()._action_done()
        self._channel_bind_codes()
        return result

    def _channel_bind_codes(self):
        """A delivery to a distributor binds the codes of its lots (cases and
        the units inside them) to that distributor."""
        Member = self.env["channel.member"].sudo()
        Code = self.env["channel.code"].sudo()
        for picking in self.filtered(lambda p: p.state == "done" and p.picking_type_code == "outgoing"):
            names = picking.move_ids.move_line_ids.lot_id.mapped("name")
            if not names or not picking.partner_id:
                continue
            buyer = Member.search([
                ("partner_id", "=", picking.partner_id.commercial_partner_id.id), ("role", "=", "distributor"),
            ], limit=1)
            if buyer:
                Code._bind(names, buyer, picking)
