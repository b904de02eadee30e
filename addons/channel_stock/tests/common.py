# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from dateutil.relativedelta import MO, relativedelta

from odoo import Command, fields

from odoo.addons.channel_sale.tests.common import ChannelSaleMixin


class ChannelStockMixin(ChannelSaleMixin):
    """The test network with figures checkable by hand, over the default
    window of 28 days, for a pencil nobody else moves:

    - T-HZ received 100 (done), delivered 40 to its store T-S-HZ (done) and
      has 10 more coming (a receipt not done yet): 60 on hand.
    - T-S-HZ reported 35 on hand and 5 sold last week, 30 on hand and 10
      sold this week, and 100 sold five weeks ago (outside the window).
    - T-SOUTH (another branch) received 5.
    """

    @classmethod
    def setup_channel_stock(cls):
        cls.setup_channel_sale()
        cls.pencil = cls.env["product.product"].create({
            "name": "T 铅笔HB", "default_code": "T-PENCIL", "barcode": "6900000000017", "is_storable": True,
            "list_price": 2.0,
        })
        cls.set_level_price(cls.pencil, 1.0, 1.2, 1.5)
        cls.eraser = cls.env["product.product"].create({
            "name": "T 橡皮", "default_code": "T-ERASER", "is_storable": True, "list_price": 1.0,
        })
        cls.transfer(cls.hz_company, cls.pencil, 100, "in")
        cls.transfer(cls.hz_company, cls.pencil, 40, "out", partner=cls.store_hz.partner_id)
        cls.transfer(cls.hz_company, cls.pencil, 10, "in", validate=False)
        cls.transfer(cls.south_company, cls.pencil, 5, "in")
        cls.this_week = fields.Date.today() + relativedelta(weekday=MO(-1))
        Report = cls.env["channel.sellout.report"]
        Report._submit(cls.store_hz, cls.this_week - relativedelta(weeks=5), [(cls.pencil, 50, 100)])
        Report._submit(cls.store_hz, cls.this_week - relativedelta(weeks=1), [(cls.pencil, 35, 5)])
        Report._submit(cls.store_hz, cls.this_week, [(cls.pencil, 30, 10), (cls.eraser, 0, 3)])

    @classmethod
    def transfer(cls, company, product, qty, kind, partner=None, validate=True):
        """A receipt from a vendor (``in``) or a delivery to a customer (``out``) in ``company``."""
        env = cls.env(context=dict(cls.env.context, allowed_company_ids=company.ids))
        warehouse = env["stock.warehouse"].search([("company_id", "=", company.id)], limit=1)
        if kind == "in":
            picking_type = warehouse.in_type_id
            source, destination = env.ref("stock.stock_location_suppliers"), warehouse.lot_stock_id
        else:
            picking_type = warehouse.out_type_id
            source, destination = warehouse.lot_stock_id, env.ref("stock.stock_location_customers")
        picking = env["stock.picking"].create({
            "picking_type_id": picking_type.id, "location_id": source.id, "location_dest_id": destination.id,
            "partner_id": partner.id if partner else False,
            "move_ids": [Command.create({
                "name": product.name, "product_id": product.id, "product_uom_qty": qty,
                "product_uom": product.uom_id.id, "location_id": source.id, "location_dest_id": destination.id,
            })],
        })
        picking.action_confirm()
        if validate:
            picking.action_assign()
            for move in picking.move_ids:
                move.quantity = qty
                move.picked = True
            picking._action_done()
        return picking

    def health(self, member, product=None, user=None):
        Health = self.env["channel.stock.health"].with_user(user) if user else self.env["channel.stock.health"]
        Health.invalidate_model()
        return Health.search([("member_id", "=", member.id), ("product_id", "=", (product or self.pencil).id)])
