# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command

from odoo.addons.channel_stock.tests.common import ChannelStockMixin


class ChannelDiversionMixin(ChannelStockMixin):
    """The stock test network, with a notebook tracked by lots: the brand
    prints two cases of three units; case one is delivered to T-EAST (华东:
    T-ZJ, T-JS), case two stays at the brand. T-S-HZ is in T-ZJ, T-S-GD in
    T-GD (华南, T-SOUTH's)."""

    @classmethod
    def setup_channel_diversion(cls):
        cls.setup_channel_stock()
        env = cls.env
        cls.notebook = env["product.product"].create({
            "name": "T 笔记本", "default_code": "T-NOTE", "is_storable": True, "tracking": "lot", "list_price": 8.0,
        })
        cls.Code = env["channel.code"]
        case_ids = cls.Code.with_user(cls.brand_manager).generate(cls.notebook.id, 2, 3)
        cls.case_1, cls.case_2 = cls.Code.browse(case_ids)
        cls.unit_1, cls.unit_2, cls.unit_3 = cls.case_1.child_ids.sorted("name")
        for case in (cls.case_1, cls.case_2):
            env["stock.quant"]._update_available_quantity(
                cls.notebook, cls.stock_location(cls.brand_company), 3, lot_id=case.lot_id
            )
        cls.delivery = cls.deliver(cls.brand_company, cls.east, cls.case_1.name)

    @classmethod
    def deliver(cls, company, buyer, lot_name, qty=3):
        """A delivery from ``company`` to ``buyer``'s company of lot ``lot_name``."""
        env = cls.env(context=dict(cls.env.context, allowed_company_ids=company.ids))
        lot = env["stock.lot"].search([("name", "=", lot_name), ("company_id", "=", company.id)], limit=1)
        warehouse = env["stock.warehouse"].search([("company_id", "=", company.id)], limit=1)
        customers = env.ref("stock.stock_location_customers")
        picking = env["stock.picking"].create({
            "picking_type_id": warehouse.out_type_id.id, "partner_id": buyer.partner_id.id,
            "location_id": warehouse.lot_stock_id.id, "location_dest_id": customers.id,
            "move_ids": [Command.create({
                "name": cls.notebook.name, "product_id": cls.notebook.id, "product_uom_qty": qty,
                "product_uom": cls.notebook.uom_id.id, "location_id": warehouse.lot_stock_id.id,
                "location_dest_id": customers.id,
            })],
        })
        picking.action_confirm()
        picking.move_ids.move_line_ids.unlink()
        picking.move_ids.move_line_ids = [Command.create({
            "product_id": cls.notebook.id, "lot_id": lot.id, "quantity": qty, "picking_id": picking.id,
            "location_id": warehouse.lot_stock_id.id, "location_dest_id": customers.id,
        })]
        picking.move_ids.picked = True
        picking._action_done()
        return picking

    def scan(self, code, user, store_code=None, source="api"):
        return self.env["channel.code.scan"].with_user(user).scan_code(code, store_code=store_code, source=source)
