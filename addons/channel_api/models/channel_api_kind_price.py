# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Level prices: the price a level buys a product at, a line of the level's price list."""
from odoo import _, api, fields, models
from odoo.exceptions import UserError

PRICE_SCHEMA = {
    "ref": str, "level_code": str, "product_ref": str, "default_code": str, "price": float,
    "min_quantity": float, "date_start": "date", "date_end": "date",
}


class ChannelApi(models.AbstractModel):
    _inherit = "channel.api"

    # === LEVEL PRICES === #
    @api.model
    def _api_prepare_price(self, payload, batch):
        self._api_check_brand(batch, _("level prices"))
        self._api_check_payload(payload, PRICE_SCHEMA, ("ref", "level_code", "price"))
        if not payload.get("product_ref") and not payload.get("default_code"):
            raise UserError(_("give the product: 'product_ref' or 'default_code'"))
        level = self._api_levels([payload["level_code"]])
        if not level.pricelist_id:
            raise UserError(_("level %(level)s has no price list", level=level.name))
        product = self._api_product(payload, batch)
        if payload["price"] < 0 or payload.get("min_quantity", 0) < 0:
            raise UserError(_("a price and a minimum quantity cannot be negative"))
        date_start = payload.get("date_start") and fields.Datetime.to_datetime(payload["date_start"])
        date_end = payload.get("date_end") and fields.Datetime.to_datetime(f"{payload['date_end']} 23:59:59")
        if date_start and date_end and date_end < date_start:
            raise UserError(_("the price ends before it starts"))
        vals = {
            "pricelist_id": level.pricelist_id.id,
            "applied_on": "1_product",
            "product_tmpl_id": product.product_tmpl_id.id,
            "product_id": False,
            "compute_price": "fixed",
            "fixed_price": payload["price"],
            "min_quantity": payload.get("min_quantity", 0.0),
            "date_start": date_start or False,
            "date_end": date_end or False,
        }
        record = self._api_bound("price", payload["ref"].strip(), batch)
        if not record:
            # adopt the line the level already has for the product (or one of its variants)
            template = product.product_tmpl_id
            record = self.env["product.pricelist.item"].sudo().search([
                ("pricelist_id", "=", level.pricelist_id.id), ("applied_on", "in", ("1_product", "0_product_variant")),
                "|", ("product_tmpl_id", "=", template.id), ("product_id", "in", template.product_variant_ids.ids),
                ("min_quantity", "=", vals["min_quantity"]),
                ("date_start", "=", vals["date_start"]), ("date_end", "=", vals["date_end"]),
            ], limit=1)
        return record, self._api_diff(record, vals)

    @api.model
    def _api_apply_price(self, payload, record, changes, batch):
        return self._api_apply_simple("price", "product.pricelist.item", payload, record, changes, batch)
