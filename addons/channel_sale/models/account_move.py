# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models

from .utils import price_between_tax_bases


class AccountMove(models.Model):
    _inherit = "account.move"

    def _first_invoice_exception_msg(self):
        """A channel buyer's credit is decided when its orders are confirmed (the
        credit grades): invoicing what was delivered to it is never blocked by
        account_financial_risk. Every other customer keeps OCA's check and wizard."""
        members = self.env["channel.member"].sudo().search([
            ("partner_id", "in", self.commercial_partner_id.ids),
            ("supplier_company_id", "in", self.company_id.ids),
        ])
        sold_by = {(member.partner_id.id, member.supplier_company_id.id) for member in members}
        channel_moves = self.filtered(lambda move: (move.commercial_partner_id.id, move.company_id.id) in sold_by)
        return super(AccountMove, self - channel_moves)._first_invoice_exception_msg()

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
        for a unit price (its reading of the raw tax totals on this Odoo 18.0 is
        made to work by ``account_invoice_inter_company_compat``)."""
        vals = super()._prepare_account_move_line(dest_move, dest_company)
        if not self.display_type or self.display_type == "product":
            buyer_taxes = self.env["account.tax"].browse(vals["tax_ids"][0][2]) if vals.get("tax_ids") else self.env["account.tax"]
            vals["price_unit"] = price_between_tax_bases(
                self.price_unit, self.tax_ids, buyer_taxes, self.currency_id, self.product_id
            )
        return vals
