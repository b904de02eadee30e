# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command, fields
from odoo.tests import new_test_user

from odoo.addons.channel_base.tests.common import PASSWORD
from odoo.addons.channel_sale.tests.common import ChannelSaleMixin


class ChannelPromotionMixin(ChannelSaleMixin):
    """The test network, with T-ZJ in a 华东 region and T-GD in a 华南 one, a
    store T-S-SH bought from level 1 T-EAST directly, and an untaxed product
    priced 2.5 to stores, so every figure is checkable by hand."""

    @classmethod
    def setup_channel_promotion(cls):
        cls.setup_channel_sale()
        env = cls.env
        cls.region_east, cls.region_south = env["res.region"].create([{"name": "T 华东"}, {"name": "T 华南"}])
        for territory, region in ((cls.t_zj, cls.region_east), (cls.t_js, cls.region_east), (cls.t_gd, cls.region_south)):
            district = env["res.district"].create({"name": f"{territory.name} 区", "region_id": region.id})
            territory.branch_id = env["res.branch"].create({"name": f"{territory.name} 分部", "district_id": district.id})
        [store_sh_id] = cls.Member.with_user(cls.brand_manager).onboard_stores([
            cls.store_vals("T-S-SH", "t.store.sh", "T-EAST", "T-JS", tag_names=[]),
        ])
        cls.store_sh = cls.Member.browse(store_sh_id)
        cls.store_sh.write({"credit_grade": "A", "credit_limit": 100000.0})
        cls.store_sh_user = env["res.users"].search([("login", "=", "t.store.sh")])
        cls.level_store = env.ref("channel_base.channel_level_store")
        cls.level_1 = env.ref("channel_base.channel_level_1")
        cls.pen = env["product.product"].create({
            "name": "T 促销笔", "is_storable": True, "list_price": 2.5, "taxes_id": [Command.clear()],
        })
        cls.set_level_price(cls.pen, 1.5, 1.8, 2.5)
        for company in (cls.brand_company, cls.east_company, cls.hz_company, cls.south_company):
            env["stock.quant"]._update_available_quantity(cls.pen, cls.stock_location(company), 100000)
        cls.stranger = new_test_user(env, "t.stranger", password=PASSWORD, groups="base.group_portal")
        cls.today = fields.Date.today()

    @classmethod
    def promotion(cls, publisher=None, reward=None, rule=None, **values):
        """A channel promotion (default: the brand's, 10 % off the order, for
        stores, this month)."""
        publisher = publisher or cls.brand
        vals = {
            "name": "T 促销",
            "program_type": "promotion",
            "trigger": "auto",
            "applies_on": "current",
            "channel_publisher_id": publisher.id,
            "date_from": fields.Date.subtract(fields.Date.today(), days=1),
            "date_to": fields.Date.add(fields.Date.today(), days=30),
            "channel_level_ids": [Command.set(cls.env.ref("channel_base.channel_level_store").ids)],
            "rule_ids": [Command.clear(), Command.create(dict(
                {"minimum_amount": 0, "reward_point_amount": 1, "reward_point_mode": "order"}, **(rule or {})
            ))],
            "reward_ids": [Command.clear(), Command.create(dict(
                {"reward_type": "discount", "discount": 10, "discount_mode": "percent",
                 "discount_applicability": "order", "required_points": 1}, **(reward or {})
            ))],
        }
        vals.update(values)
        return cls.env["loyalty.program"].create(vals)

    def order_for(self, store, qty=100, product=None, confirm=False, user=None):
        """A quotation of ``store``'s distributor to it, priced with the promotions."""
        company = store.supplier_company_id
        env = self.env(context=dict(self.env.context, allowed_company_ids=company.ids)) if not user \
            else self.env_of(user, company)
        order = env["sale.order"].create({
            "partner_id": store.partner_id.id,
            "order_line": [Command.create({"product_id": (product or self.pen).id, "product_uom_qty": qty})],
        })
        if confirm:
            order.action_confirm()
        else:
            order.channel_apply_promotions()
        return order

    @staticmethod
    def discount_of(order, program=None):
        lines = order.order_line.filtered(lambda line: line.reward_id and (not program or line.reward_id.program_id == program))
        return round(-sum(lines.mapped("price_subtotal")), 2)
