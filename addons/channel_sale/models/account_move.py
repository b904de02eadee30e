# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


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

