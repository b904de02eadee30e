# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models


class AccountMove(models.Model):
    _inherit = "account.move"

    def _inter_company_create_invoice(self, dest_company):
        """A seller's credit note (a return, a price correction) becomes the
        buyer's vendor refund linked to the purchase lines, as OCA links bills:
        the purchase order's invoiced quantities then follow the return."""
        res = super()._inter_company_create_invoice(dest_company)
        if res["dest_invoice"].move_type == "in_refund":
            self._link_invoice_purchase(res["dest_invoice"])
        return res
