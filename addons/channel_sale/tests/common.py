# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command

from odoo.addons.channel_base.tests.common import ChannelNetworkMixin


class ChannelSaleMixin(ChannelNetworkMixin):
    """The test network of channel_base with a product priced per level, stock
    at the brand, and every buyer on grade A with room on its credit line."""

    @classmethod
    def setup_channel_sale(cls):
        cls.setup_channel_network()
        cls.brand_company = cls.brand.tenant_company_id
        cls.east_company = cls.east.tenant_company_id
        cls.south_company = cls.south.tenant_company_id
        cls.hz_company = cls.hz.tenant_company_id
        cls.admin = cls.env.ref("base.user_admin")
        cls.product = cls.env["product.product"].create({
            "name": "T 中性笔0.5mm", "is_storable": True, "list_price": 3.0, "standard_price": 1.0,
        })
        cls.set_level_price(cls.product, 1.5, 1.8, 2.5)
        cls.stock_location(cls.brand_company)
        cls.env["stock.quant"]._update_available_quantity(cls.product, cls.stock_location(cls.brand_company), 100)
        for member in (cls.east, cls.south, cls.hz, cls.store_hz, cls.store_gd):
            member.write({"credit_grade": "A", "credit_limit": 100000.0})

    @classmethod
    def set_level_price(cls, product, level_1, level_2, store):
        for xmlid, price in (
            ("channel_base.pricelist_level_1", level_1),
            ("channel_base.pricelist_level_2", level_2),
            ("channel_base.pricelist_level_store", store),
        ):
            cls.env.ref(xmlid).item_ids = [
                Command.create({"applied_on": "0_product_variant", "product_id": product.id, "fixed_price": price})
            ]

    @classmethod
    def stock_location(cls, company):
        return cls.env["stock.warehouse"].search([("company_id", "=", company.id)], limit=1).lot_stock_id

    def env_of(self, user, company):
        return self.env(user=user, context=dict(self.env.context, allowed_company_ids=company.ids))

    def purchase(self, member, user, qty=4, product=None, vendor=None, confirm=True):
        """``member``'s purchase order to its upstream (or ``vendor``), made by ``user``."""
        company = member.tenant_company_id
        vendor = vendor or member.supplier_company_id.partner_id
        order = self.env_of(user, company)["purchase.order"].create({
            "partner_id": vendor.id,
            "order_line": [Command.create({"product_id": (product or self.product).id, "product_qty": qty})],
        })
        if confirm:
            order.button_confirm()
        return order

    def store_order(self, store, user, qty=2, product=None, confirm=True, **line_vals):
        """A sale order of ``store``'s distributor to it, made by ``user`` (代客下单)."""
        company = store.supplier_company_id
        order = self.env_of(user, company)["sale.order"].create({
            "partner_id": store.partner_id.id,
            "order_line": [Command.create(dict(
                {"product_id": (product or self.product).id, "product_uom_qty": qty}, **line_vals
            ))],
        })
        if confirm:
            order.action_confirm()
        return order

    def ship(self, sale_order, lots=None):
        """Deliver a sale order in full (``lots``: {product: lot name})."""
        for picking in sale_order.picking_ids.filtered(lambda p: p.state not in ("done", "cancel")):
            picking.action_assign()
            for move in picking.move_ids:
                if lots and move.product_id in lots:
                    lot = self.env["stock.lot"].sudo().search([
                        ("name", "=", lots[move.product_id]), ("product_id", "=", move.product_id.id),
                        ("company_id", "in", (picking.company_id.id, False)),
                    ], limit=1)
                    move.move_line_ids.unlink()
                    move.move_line_ids = [Command.create({
                        "product_id": move.product_id.id,
                        "lot_id": lot.id,
                        "quantity": move.product_uom_qty,
                        "location_id": move.location_id.id,
                        "location_dest_id": move.location_dest_id.id,
                    })]
                else:
                    move.quantity = move.product_uom_qty
                move.picked = True
            picking.button_validate()
