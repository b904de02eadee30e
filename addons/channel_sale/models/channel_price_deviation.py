# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ChannelPriceDeviation(models.Model):
    """A confirmed sale below the buyer level's price (低于级别价销售).

    Written when the order is confirmed, never edited: the anti-diversion work
    reads it next to the product codes, since price-cutting and goods sold
    outside the territory go together."""

    _name = "channel.price.deviation"
    _description = "Sale Below Level Price"
    _order = "date desc, id desc"
    _rec_name = "order_id"

    date = fields.Datetime(required=True, readonly=True, index=True)
    company_id = fields.Many2one("res.company", string="Seller", required=True, readonly=True, index=True)
    seller_member_id = fields.Many2one("channel.member", string="Seller Member", readonly=True, index=True)
    buyer_member_id = fields.Many2one("channel.member", string="Buyer", readonly=True, index=True)
    order_id = fields.Many2one("sale.order", required=True, readonly=True, index=True, ondelete="cascade")
    order_line_id = fields.Many2one("sale.order.line", required=True, readonly=True, ondelete="cascade")
    product_id = fields.Many2one("product.product", required=True, readonly=True, index=True)
    quantity = fields.Float(readonly=True, digits="Product Unit of Measure")
    currency_id = fields.Many2one("res.currency", required=True, readonly=True)
    level_price = fields.Monetary(readonly=True, help="The buyer level's price for this product.")
    sold_price = fields.Monetary(readonly=True, help="The unit price after discount.")
    gap_percent = fields.Float(string="Below Level Price (%)", readonly=True, digits=(16, 2))
    amount_below = fields.Monetary(string="Amount Below Level Price", readonly=True)
