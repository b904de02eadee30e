# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError, UserError
from odoo.tests import TransactionCase, tagged

from .common import ChannelSaleMixin


@tagged("post_install", "-at_install")
class TestRouting(ChannelSaleMixin, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_channel_sale()
        china = cls.env.ref("base.cn")
        cls.province, cls.far_province = cls.env["res.country.state"].create([
            {"name": "T 测试省", "code": "T-P1", "country_id": china.id},
            {"name": "T 边远省", "code": "T-P2", "country_id": china.id},
        ])
        cls.t_zj.state_ids = cls.province
        cls.env["res.territory"].create({
            "name": "T 边远", "code": "T-FAR", "type": "state", "state_ids": [(6, 0, cls.far_province.ids)],
        })
        cls.consumer = cls.env["res.partner"].create({
            "name": "T 网店顾客", "state_id": cls.province.id, "country_id": china.id, "street": "测试路 1 号",
        })
        cls.Sale = cls.env["sale.order"].with_user(cls.brand_user)

    def route(self, qty=5, partner=None):
        order_id = self.Sale.channel_route_order({
            "partner_id": (partner or self.consumer).id,
            "client_order_ref": "SHOP-0001",
            "lines": [{"product_id": self.product.id, "quantity": qty}],
        })
        return self.env["sale.order"].browse(order_id)

    def test_the_authorised_distributor_with_stock_serves(self):
        self.env["stock.quant"]._update_available_quantity(self.product, self.stock_location(self.hz_company), 10)
        order = self.route()
        self.assertRecordValues(order, [{
            "company_id": self.hz_company.id, "channel_routed_member_id": self.hz.id, "state": "draft",
            "client_order_ref": "SHOP-0001",
        }])
        self.assertEqual(order.order_line.product_uom_qty, 5)
        self.assertIn("routed to it", order.channel_routing_log)
        # the dealer's staff sees it, another branch does not
        self.assertTrue(order.with_user(self.hz_manager).with_context(allowed_company_ids=self.hz_company.ids).read(["name"]))
        with self.assertRaises(AccessError):
            order.with_user(self.south_manager).with_context(allowed_company_ids=self.south_company.ids).read(["name"])

    def test_without_stock_it_falls_back_up_the_chain(self):
        self.env["stock.quant"]._update_available_quantity(self.product, self.stock_location(self.hz_company), 2)
        self.env["stock.quant"]._update_available_quantity(self.product, self.stock_location(self.east_company), 8)
        order = self.route(qty=5)
        self.assertEqual((order.company_id, order.channel_routed_member_id), (self.east_company, self.east))
        self.assertIn(f"{self.hz.name} lacks", order.channel_routing_log)
        # more than the level 1 holds: the brand
        order = self.route(qty=50)
        self.assertEqual(order.channel_routed_member_id, self.brand)
        # more than anyone holds: the deepest authorised distributor, which replenishes
        order = self.route(qty=500)
        self.assertEqual(order.channel_routed_member_id, self.hz)
        self.assertIn("Nobody in the chain has the stock", order.channel_routing_log)

    def test_no_distributor_means_the_brand(self):
        far = self.env["res.partner"].create({"name": "T 远方顾客", "state_id": self.far_province.id})
        order = self.route(partner=far)
        self.assertEqual((order.company_id, order.channel_routed_member_id), (self.brand_company, self.brand))
        self.assertIn("no authorised distributor", order.channel_routing_log)
        nowhere = self.env["res.partner"].create({"name": "T 无地址顾客"})
        self.assertEqual(self.route(partner=nowhere).channel_routed_member_id, self.brand)

    def test_bad_routing_requests_change_nothing(self):
        before = self.env["sale.order"].sudo().search_count([])
        bad_requests = [
            ["not", "a", "dict"],
            {"partner_id": 0, "lines": [{"product_id": self.product.id, "quantity": 1}]},
            {"partner_id": self.consumer.id, "lines": []},
            {"partner_id": self.consumer.id, "lines": [{"product_id": self.product.id, "quantity": -1}]},
            {"partner_id": self.consumer.id, "lines": [{"product_id": self.product.id, "quantity": "3"}]},
            {"partner_id": self.consumer.id, "lines": [{"default_code": "NO-SUCH-CODE", "quantity": 1}]},
            {"partner_id": self.consumer.id, "partner_shipping_id": 10**9,
             "lines": [{"product_id": self.product.id, "quantity": 1}]},
        ]
        for values in bad_requests:
            with self.subTest(values=values), self.assertRaises(UserError):
                self.Sale.channel_route_order(values)
        for user in (self.hz_manager, self.store_hz_user):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self.env["sale.order"].with_user(user).channel_route_order(
                    {"partner_id": self.consumer.id, "lines": [{"product_id": self.product.id, "quantity": 1}]}
                )
        self.assertEqual(self.env["sale.order"].sudo().search_count([]), before)
