# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models
from odoo.tools import float_round

from .utils import price_between_tax_bases


class PurchaseOrderLine(models.Model):
    _inherit = "purchase.order.line"

    def _compute_price_unit_and_date_planned_and_name(self):  # pylint: disable=missing-return
        """A distributor buys from its upstream at its level's price, whatever
        the vendor pricelists say: the purchase order then matches, line for
        line, the sale order it creates in the upstream's company."""
        super()._compute_price_unit_and_date_planned_and_name()
        for line in self:
            pricelist = line._channel_upstream_pricelist()
            if pricelist and line.product_id and not line.invoice_lines:
                line.price_unit = line._channel_level_price_unit(pricelist)
                line.discount = 0.0

    def _channel_upstream_pricelist(self):
        """The level pricelist when this line buys from the company's upstream."""
        self.ensure_one()
        member = self.env["channel.member"]._channel_member_of_company(self.company_id)
        upstream_partner = member.supplier_company_id.partner_id
        if member and upstream_partner and self.order_id.partner_id.commercial_partner_id == upstream_partner:
            return member.level_id.pricelist_id
        return self.env["product.pricelist"]

    def _channel_level_price_unit(self, pricelist):
        """The level price, moved from the seller's sale taxes to this line's
        purchase taxes (both may include VAT), in the order's currency."""
        self.ensure_one()
        product = self.product_id
        date = self.order_id.date_order or fields.Datetime.now()
        price = pricelist._get_product_price(product, self.product_qty or 1.0, uom=self.product_uom, date=date)
        seller = self.env["channel.member"]._channel_member_of_company(self.company_id).supplier_company_id
        seller_taxes = product.sudo().taxes_id.filtered(lambda tax: tax.company_id == seller)
        base = self._channel_price_from_seller_taxes(price, seller_taxes, pricelist.currency_id)
        base = pricelist.currency_id._convert(base, self.currency_id, self.company_id, date.date(), round=False)
        return float_round(base, precision_digits=self.env["decimal.precision"].precision_get("Product Price"))

    def _channel_price_from_seller_taxes(self, price, seller_taxes, currency):
        """A seller's unit price under its sale taxes, as this line's unit price
        under its purchase taxes (both may include VAT)."""
        self.ensure_one()
        return price_between_tax_bases(price, seller_taxes, self.taxes_id, currency, self.product_id)
