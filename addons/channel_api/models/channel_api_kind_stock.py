# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Stock counts: a distributor's counted stock, booked as an inventory adjustment."""
from odoo import _, api, models
from odoo.exceptions import UserError
from odoo.tools import float_is_zero

STOCK_SCHEMA = {"member_code": str, "product_code": str, "quantity": float}


class ChannelApi(models.AbstractModel):
    _inherit = "channel.api"

    # === STOCK COUNTS === #
    @api.model
    def _api_prepare_stock(self, payload, batch):
        self._api_check_payload(payload, STOCK_SCHEMA, ("member_code", "product_code", "quantity"))
        member = self._api_member(payload, batch, "member_code")
        if not member.tenant_company_id:
            raise UserError(_("%(member)s keeps no stock in Odoo", member=member.display_name))
        if not self._api_in_scope(batch["scope"], member):
            raise UserError(_("%(member)s is not in your network", member=member.display_name))
        self._api_check_books(batch, member.tenant_company_id, member)
        product = self._api_product(payload, batch)
        if not product.is_storable:
            raise UserError(_("%(product)s is not a stocked product", product=product.display_name))
        if product.tracking != "none":
            raise UserError(_("%(product)s is tracked by lots: count it in Odoo, lot by lot", product=product.display_name))
        if payload["quantity"] < 0:
            raise UserError(_("a counted quantity cannot be negative"))
        warehouse = self.env["stock.warehouse"].sudo().search([("company_id", "=", member.tenant_company_id.id)], limit=1)
        location = warehouse.lot_stock_id
        [(on_hand,)] = self.env["stock.quant"].sudo()._read_group(
            [("product_id", "=", product.id), ("location_id", "=", location.id)], aggregates=["quantity:sum"]
        )
        changes = {}
        if not float_is_zero(payload["quantity"] - (on_hand or 0.0), precision_rounding=product.uom_id.rounding):
            changes = {"location": location, "quantity": payload["quantity"]}
        return product, changes

    @api.model
    def _api_apply_stock(self, payload, record, changes, batch):
        if not changes:
            return "unchanged", record
        location = changes["location"]
        Quant = self.env["stock.quant"].sudo().with_context(inventory_mode=True, allowed_company_ids=location.company_id.ids)
        quant = Quant.search([("product_id", "=", record.id), ("location_id", "=", location.id)], limit=1)
        if quant:
            quant.inventory_quantity = changes["quantity"]
        else:
            quant = Quant.create({
                "product_id": record.id, "location_id": location.id, "inventory_quantity": changes["quantity"],
            })
        quant.action_apply_inventory()
        return "updated", record
