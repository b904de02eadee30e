# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


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
