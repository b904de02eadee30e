# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class AccountMove(models.Model):
    _inherit = "account.move"

    def _post(self, soft=True):
        """Posting a customer invoice captures what its orders hold on fund
        accounts: the fund pays the invoice."""
        posted = super()._post(soft)
        for invoice in posted.filtered(lambda move: move.move_type == "out_invoice"):
            holds = self.env["channel.fund.hold"].sudo().search([
                ("order_id", "in", invoice.line_ids.sale_line_ids.order_id.ids), ("state", "=", "active"),
            ])
            for hold in holds:
                hold.account_id._capture(hold, invoice)
        return posted
