# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, fields, models
from odoo.tools import float_compare, float_is_zero, float_round

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

    def _channel_upstream_line_problems(self, member):
        """What breaks the channel's rules on these lines buying from upstream."""
        problems = []
        digits = self.env["decimal.precision"].precision_get("Product Price")
        level = member.level_id
        for line in self.filtered(lambda line: line.product_id and not line.display_type):
            product = line.product_id
            label = f"{line.order_id.name}, {product.display_name}"
            allowed = product.channel_level_ids
            if allowed and level not in allowed:
                problems.append(_("%(line)s: %(level)s may not buy this product.", line=label, level=level.name))
                continue
            qty = line.product_uom._compute_quantity(line.product_qty, product.uom_id)
            if float_compare(qty, 0.0, precision_rounding=product.uom_id.rounding) <= 0:
                problems.append(_("%(line)s: the quantity must be positive.", line=label))
                continue
            multiple = product.channel_order_multiple
            if multiple and not float_is_zero(
                qty / multiple - round(qty / multiple), precision_rounding=product.uom_id.rounding
            ):
                problems.append(_(
                    "%(line)s: ordered in multiples of %(multiple)s, not %(qty)s.",
                    line=label, multiple=multiple, qty=qty,
                ))
            pricelist = line._channel_upstream_pricelist()
            if pricelist:
                level_price = line._channel_level_price_unit(pricelist)
                net = line._channel_net_price_unit()
                if float_compare(net, level_price, precision_digits=digits):
                    problems.append(_(
                        "%(line)s: the price must be the level price %(level_price)s, not %(price)s.",
                        line=label,
                        level_price=line.currency_id.format(level_price),
                        price=line.currency_id.format(net),
                    ))
        return problems
