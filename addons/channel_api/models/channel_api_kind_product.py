# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Products: the brand's catalogue, keyed by the ERP's reference and adopted by internal reference."""
from odoo import Command, _, api, models
from odoo.exceptions import UserError

PRODUCT_SCHEMA = {
    "ref": str, "name": str, "default_code": str, "barcode": str, "list_price": float, "standard_price": float,
    "category": str, "sale_ok": bool, "purchase_ok": bool, "active": bool, "order_multiple": float,
    "level_codes": list, "description_sale": str, "weight": float,
}
PRODUCT_FIELDS = {
    "name": "name", "barcode": "barcode", "list_price": "list_price", "standard_price": "standard_price",
    "sale_ok": "sale_ok", "purchase_ok": "purchase_ok", "active": "active", "order_multiple": "channel_order_multiple",
    "description_sale": "description_sale", "weight": "weight",
}


class ChannelApi(models.AbstractModel):
    _inherit = "channel.api"

    # === PRODUCTS === #
    @api.model
    def _api_prepare_product(self, payload, batch):
        self._api_check_brand(batch, _("products"))
        self._api_check_payload(payload, PRODUCT_SCHEMA, ("ref",))
        ref = payload["ref"].strip()
        Template = self.env["product.template"].sudo().with_context(active_test=False)
        record = self._api_bound("product", ref, batch) or Template
        code = (payload.get("default_code") or ref).strip()
        if not record:
            # adopt the product Odoo already has under this internal reference
            record = Template.search([("default_code", "=", code)], limit=1)
        if not record and not payload.get("name"):
            raise UserError(_("'name' is required to create a product"))
        vals = {field: payload[key] for key, field in PRODUCT_FIELDS.items() if key in payload}
        if "default_code" in payload or not record:
            vals["default_code"] = code
        if payload.get("order_multiple", 0) < 0:
            raise UserError(_("'order_multiple' cannot be negative"))
        for key in ("list_price", "standard_price"):
            if payload.get(key, 0) < 0:
                raise UserError(_("'%(field)s' cannot be negative", field=key))
        if "category" in payload:
            category = self.env["product.category"].sudo().search([("complete_name", "=", payload["category"])], limit=1)
            if not category:
                raise UserError(_("unknown product category %(category)s", category=payload["category"]))
            vals["categ_id"] = category.id
        if "level_codes" in payload:
            levels = self._api_levels(payload["level_codes"], "distributor")
            vals["channel_level_ids"] = [Command.set(levels.ids)]
        if not record:
            vals.update(type="consu", is_storable=True)
        return record, self._api_diff(record, vals)

    @api.model
    def _api_apply_product(self, payload, record, changes, batch):
        return self._api_apply_simple("product", "product.template", payload, record, changes, batch)
