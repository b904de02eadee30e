# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models

from .utils import price_between_tax_bases


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


class AccountMoveLine(models.Model):
    _inherit = "account.move.line"

    @api.model
    def _prepare_account_move_line(self, dest_move, dest_company):
        """The buyer's bill line takes the seller's unit price moved between the
        two companies' tax bases. OCA's conversion takes the whole line's total
        for a unit price, and reads tax details this Odoo 18.0 has not filled yet
        (see ``account.tax._add_tax_details_in_base_line``)."""
        vals = super()._prepare_account_move_line(dest_move, dest_company)
        if not self.display_type or self.display_type == "product":
            buyer_taxes = self.env["account.tax"].browse(vals["tax_ids"][0][2]) if vals.get("tax_ids") else self.env["account.tax"]
            vals["price_unit"] = price_between_tax_bases(
                self.price_unit, self.tax_ids, buyer_taxes, self.currency_id, self.product_id
            )
        return vals


class AccountTax(models.Model):
    _inherit = "account.tax"

    def _add_tax_details_in_base_line(self, base_line, company, rounding_method=None):
        """Give the unrounded totals under the ``raw_`` keys as well, as later
        18.0 releases do here: the OCA inter-company addons read them before any
        rounding and fail with a KeyError on this release."""
        super()._add_tax_details_in_base_line(base_line, company, rounding_method=rounding_method)
        details = base_line["tax_details"]
        for key in ("total_excluded_currency", "total_excluded", "total_included_currency", "total_included"):
            details.setdefault(f"raw_{key}", details[key])
