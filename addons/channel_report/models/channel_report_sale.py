# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

from odoo.addons.channel_base.models.channel_level import ROLES

# the columns of a member the reports carry for each side of a sale
MEMBER_DEPENDS = ["role", "level_id", "region_id", "territory_id", "upstream_id", "tenant_company_id", "partner_id"]


class ChannelReportSale(models.Model):
    """Every confirmed sale between members of the channel, one row per order
    line: the seller (the brand or a distributor: the member whose tenant
    company made the sale), the buyer (a distributor or a store; another
    customer has none), both sides' level and region, the product, the
    quantity in the product's unit and the untaxed amount in the seller's
    currency. Rewards of promotions are lines too, so amounts are net of the
    discounts given. Sales by region and level, rankings and the overview's
    sales figures are groupings of these rows."""

    _name = "channel.report.sale"
    _description = "Channel Sales Analysis"
    _auto = False
    _order = "date desc, id desc"
    _rec_name = "order_id"
    _depends = {
        "sale.order": ["state", "date_order", "company_id", "channel_buyer_member_id", "currency_rate"],
        "sale.order.line": [
            "order_id", "product_id", "product_uom", "product_uom_qty", "qty_delivered", "price_subtotal",
            "display_type",
        ],
        "product.product": ["product_tmpl_id"],
        "product.template": ["categ_id", "uom_id"],
        "uom.uom": ["factor"],
        "channel.member": MEMBER_DEPENDS,
    }

    date = fields.Datetime(string="Order Date", readonly=True)
    order_id = fields.Many2one("sale.order", string="Order", readonly=True)
    company_id = fields.Many2one("res.company", string="Seller's Company", readonly=True)
    currency_id = fields.Many2one("res.currency", readonly=True)
    seller_member_id = fields.Many2one("channel.member", string="Seller", readonly=True)
    seller_level_id = fields.Many2one("channel.level", string="Seller's Level", readonly=True)
    seller_region_id = fields.Many2one("res.region", string="Seller's Region", readonly=True)
    buyer_member_id = fields.Many2one("channel.member", string="Buyer", readonly=True)
    buyer_role = fields.Selection(ROLES, string="Buyer's Role", readonly=True)
    buyer_level_id = fields.Many2one("channel.level", string="Buyer's Level", readonly=True)
    region_id = fields.Many2one(
        "res.region", string="Region", readonly=True,
        help="Where the goods went: the buyer's region (the seller's when the buyer is not a member).",
    )
    territory_id = fields.Many2one("res.territory", string="Territory", readonly=True)
    product_id = fields.Many2one("product.product", string="Product", readonly=True)
    categ_id = fields.Many2one("product.category", string="Product Category", readonly=True)
    qty = fields.Float(string="Quantity", digits="Product Unit of Measure", readonly=True)
    qty_delivered = fields.Float(string="Delivered", digits="Product Unit of Measure", readonly=True)
    amount = fields.Monetary(string="Sales (Untaxed)", readonly=True)

    @property
    def _table_query(self):
        return """
            SELECT l.id, o.date_order AS date, o.id AS order_id, o.company_id, company.currency_id,
                   seller.id AS seller_member_id, seller.level_id AS seller_level_id,
                   seller.region_id AS seller_region_id,
                   buyer.id AS buyer_member_id, buyer.role AS buyer_role, buyer.level_id AS buyer_level_id,
                   COALESCE(buyer.region_id, seller.region_id) AS region_id,
                   COALESCE(buyer.territory_id, seller.territory_id) AS territory_id,
                   l.product_id, tmpl.categ_id,
                   l.product_uom_qty / line_uom.factor * product_uom.factor AS qty,
                   l.qty_delivered / line_uom.factor * product_uom.factor AS qty_delivered,
                   l.price_subtotal / CASE COALESCE(o.currency_rate, 0) WHEN 0 THEN 1.0 ELSE o.currency_rate END
                       AS amount
              FROM sale_order_line l
              JOIN sale_order o ON o.id = l.order_id AND o.state = 'sale'
              JOIN channel_member seller
                ON seller.tenant_company_id = o.company_id AND seller.role IN ('brand', 'distributor')
              -- left joins on unique keys: PostgreSQL leaves out those a read does not use
              LEFT JOIN res_company company ON company.id = o.company_id
              LEFT JOIN channel_member buyer ON buyer.id = o.channel_buyer_member_id
              LEFT JOIN product_product prod ON prod.id = l.product_id
              LEFT JOIN product_template tmpl ON tmpl.id = prod.product_tmpl_id
              LEFT JOIN uom_uom line_uom ON line_uom.id = l.product_uom
              LEFT JOIN uom_uom product_uom ON product_uom.id = tmpl.uom_id
             WHERE l.display_type IS NULL AND l.product_id IS NOT NULL
        """
