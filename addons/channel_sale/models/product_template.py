# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class ProductTemplate(models.Model):
    _inherit = "product.template"

    channel_level_ids = fields.Many2many(
        "channel.level",
        "product_template_channel_level_rel",
        "product_tmpl_id",
        "level_id",
        string="Sold to Levels",
        domain=[("role", "=", "distributor")],
        help="The distributor levels that may buy this product from their upstream; empty: every level.",
    )
    channel_order_multiple = fields.Float(
        string="Order in Multiples of",
        digits="Product Unit of Measure",
        default=0.0,
        help="Distributors order this product from their upstream in multiples of this quantity "
        "(e.g. a carton of 12); 0: any quantity. Automatic replenishment rounds up to it.",
    )

    _sql_constraints = [
        ("channel_order_multiple_positive", "CHECK(channel_order_multiple >= 0)",
         "The order multiple cannot be negative."),
    ]


class ProductProduct(models.Model):
    _inherit = "product.product"

    def _channel_upstream_seller(self, company, upstream_partner):
        """The vendor line by which ``company`` buys this product from its
        upstream, made the first time it is needed (one per product and tenant,
        only for what a tenant actually replenishes)."""
        self.ensure_one()
        Supplierinfo = self.env["product.supplierinfo"].sudo()
        domain = [
            ("partner_id", "=", upstream_partner.id),
            ("company_id", "=", company.id),
            ("product_tmpl_id", "=", self.product_tmpl_id.id),
            "|", ("product_id", "=", False), ("product_id", "=", self.id),
        ]
        seller = Supplierinfo.search(domain, limit=1)
        if not seller:
            seller = Supplierinfo.create({
                "partner_id": upstream_partner.id,
                "company_id": company.id,
                "product_tmpl_id": self.product_tmpl_id.id,
                "currency_id": company.currency_id.id,
            })
        return seller
