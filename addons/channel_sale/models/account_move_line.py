# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models

from .utils import price_between_tax_bases


class AccountMoveLine(models.Model):
    _inherit = "account.move.line"

    @api.model
    def _prepare_account_move_line(self, dest_move, dest_company):
        """The buyer's bill line takes the seller's unit price moved between the
        two companies' tax bases. OCA's conversion takes the whole line's total
        for a unit price (its reading of the raw tax totals on this Odoo 18.0 is
        made to work by ``account_invoice_inter_company_compat``)."""
        vals = super()._prepare_account_move_line(dest_move, dest_company)
        if not self.display_type or self.display_type == "product":
            buyer_taxes = self.env["account.tax"].browse(vals["tax_ids"][0][2]) if vals.get("tax_ids") else self.env["account.tax"]
            vals["price_unit"] = price_between_tax_bases(
                self.price_unit, self.tax_ids, buyer_taxes, self.currency_id, self.product_id
            )
        return vals
