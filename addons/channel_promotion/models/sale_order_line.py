# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class SaleOrderLine(models.Model):
    _inherit = "sale.order.line"

    def _channel_promotion_value(self):
        """What a reward line gives, untaxed: a discount line's amount, or the
        goods given free at the price the order sells them (Odoo zeroes a free
        line's own price when it refreshes the rewards)."""
        self.ensure_one()
        if self.price_subtotal < 0:
            return -self.price_subtotal
        if self.reward_id.reward_type != "product":
            return 0.0
        sold = self.order_id.order_line.filtered(lambda line: line.product_id == self.product_id and not line.reward_id)
        if sold:
            return sold[0].price_reduce_taxexcl * self.product_uom_qty
        price = self.order_id.pricelist_id._get_product_price(self.product_id, self.product_uom_qty) \
            if self.order_id.pricelist_id else self.product_id.lst_price
        taxes = self.product_id.taxes_id._filter_taxes_by_company(self.company_id)
        return taxes.compute_all(price, self.currency_id, self.product_uom_qty, product=self.product_id)["total_excluded"]
