# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models

RAW_TOTALS = ("total_excluded_currency", "total_excluded", "total_included_currency", "total_included")


class AccountTax(models.Model):
    _inherit = "account.tax"

    @api.model
    def _add_tax_details_in_base_line(self, base_line, company, rounding_method=None):  # pylint: disable=missing-return
        """Give the unrounded totals under the ``raw_`` keys as well, as later
        18.0 releases do here. OCA's ``account_invoice_inter_company`` reads
        ``raw_total_excluded_currency`` / ``raw_total_included_currency`` right
        after this method to move a unit price between a tax-included and a
        tax-excluded company; this release fills those keys only when rounding
        (``_round_base_lines_tax_details``), so the vendor bill failed with a
        KeyError. The totals here are the ones later releases give under
        ``raw_`` (the company-currency ones rounded when the company rounds per
        line, as there); a release that fills the keys itself keeps its own."""
        super()._add_tax_details_in_base_line(base_line, company, rounding_method=rounding_method)
        details = base_line["tax_details"]
        for key in RAW_TOTALS:
            details.setdefault(f"raw_{key}", details[key])
