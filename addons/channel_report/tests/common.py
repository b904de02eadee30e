# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from dateutil.relativedelta import MO, relativedelta

from odoo import Command, fields

from odoo.addons.channel_promotion.tests.common import ChannelPromotionMixin

REPORTS = (
    "channel.report.sale", "channel.report.ranking", "channel.report.sku", "channel.report.rebate",
    "channel.report.promotion", "channel.report.fund",
)


class ChannelReportMixin(ChannelPromotionMixin):
    """The test network (channel_base) in two regions (channel_promotion) with
    a month of activity, each figure checkable by hand; the product T 促销笔
    sells at 1.5 to level 1, 1.8 to level 2, 2.5 to stores, untaxed:

    - the brand's 10 % promotion for stores; stores order from their
      distributor: T-S-HZ 100 from T-HZ (250 less 25), T-S-GD 40 from T-SOUTH
      (100 less 10), T-S-SH 20 from T-EAST (50 less 5);
    - distributors buy from their upstream: T-EAST 200 (300) and T-SOUTH 100
      (150) from the brand, T-HZ 50 (90) from T-EAST;
    - stores report this week: T-S-HZ 60 on hand, 40 sold; T-S-GD 10 on hand,
      30 sold; T-S-GD also 5 of another product on hand, bought nowhere;
    - funds: T-S-HZ deposits 500 with T-HZ, T-SOUTH 1,000 with the brand;
    - rebates: the brand pays level 1 on sell-in, 1 % below 10,000, 2 % from
      it; invoices of 20,000 to T-EAST and 5,000 to T-SOUTH; a run accrued;
    - diversion: T-S-GD reported selling below the guide price: a case
      against T-SOUTH.
    """

    @classmethod
    def setup_channel_report(cls):
        cls.setup_channel_promotion()
        env = cls.env
        cls.program = cls.promotion(name="T 门店九折")
        cls.order_hz = cls.store_order_of(cls.store_hz, 100)
        cls.order_gd = cls.store_order_of(cls.store_gd, 40)
        cls.order_sh = cls.store_order_of(cls.store_sh, 20)
        cls.po_east = cls.purchase_of(cls.east, cls.east_manager, 200)
        cls.po_south = cls.purchase_of(cls.south, cls.south_manager, 100)
        cls.po_hz = cls.purchase_of(cls.hz, cls.hz_manager, 50)
        # stores' reports of this week
        cls.this_week = fields.Date.today() + relativedelta(weekday=MO(-1))
        cls.other = env["product.product"].create({
            "name": "T 笔记本", "default_code": "T-NOTE", "is_storable": True, "list_price": 4.0,
        })
        cls.set_level_price(cls.other, 2.0, 2.5, 3.0)
        Report = env["channel.sellout.report"]
        Report._submit(cls.store_hz, cls.this_week, [(cls.pen, 60, 40)])
        Report._submit(cls.store_gd, cls.this_week, [(cls.pen, 10, 30), (cls.other, 5, 0)])
        # funds
        Account = env["channel.fund.account"]
        Account._get_or_create(cls.store_hz, "cash").action_deposit(500.0)
        Account._get_or_create(cls.south, "cash").action_deposit(1000.0)
        # rebates
        cls.policy = env["channel.rebate.policy"].create({
            "name": "T 一级进货返利",
            "company_id": cls.brand_company.id,
            "level_ids": [Command.set(cls.level_1.ids)],
            "period": "year",
            "date_from": fields.Date.today().replace(month=1, day=1),
            "date_to": fields.Date.today().replace(month=12, day=31),
            "tier_ids": [
                Command.create({"threshold_from": 0, "threshold_to": 10000, "rate": 1}),
                Command.create({"threshold_from": 10000, "rate": 2}),
            ],
        })
        cls.invoice_of(cls.east, 20000.0)
        cls.invoice_of(cls.south, 5000.0)
        cls.rebate_run = env["channel.rebate.run"].create({"policy_id": cls.policy.id, "date_to": fields.Date.today()})
        cls.rebate_run.action_compute()
        cls.rebate_run.action_accrue()
        # a price case
        line = Report.search([("member_id", "=", cls.store_gd.id)], limit=1).line_ids[:1]
        cls.case = env["channel.diversion.case"]._open_price_case(line, 3.0)

    @classmethod
    def store_order_of(cls, store, qty, product=None):
        """A confirmed order of ``store``'s distributor to it, with its promotions."""
        company = store.supplier_company_id
        order = cls.env(context=dict(cls.env.context, allowed_company_ids=company.ids))["sale.order"].create({
            "partner_id": store.partner_id.id,
            "order_line": [Command.create({"product_id": (product or cls.pen).id, "product_uom_qty": qty})],
        })
        order.action_confirm()
        return order

    @classmethod
    def purchase_of(cls, member, user, qty):
        company = member.tenant_company_id
        order = cls.env(user=user, context=dict(cls.env.context, allowed_company_ids=company.ids))[
            "purchase.order"
        ].create({
            "partner_id": member.supplier_company_id.partner_id.id,
            "order_line": [Command.create({"product_id": cls.pen.id, "product_qty": qty})],
        })
        order.button_confirm()
        return order

    @classmethod
    def invoice_of(cls, member, amount):
        move = cls.env["account.move"].with_company(cls.brand_company).create({
            "move_type": "out_invoice",
            "partner_id": member.partner_id.id,
            "invoice_date": fields.Date.today(),
            "invoice_line_ids": [Command.create({
                "product_id": cls.other.id, "quantity": 1, "price_unit": amount, "tax_ids": [Command.clear()],
            })],
        })
        move.action_post()
        return move

    def env_as(self, user, member=None):
        """``user``'s environment in its own company (the member's, if given)."""
        company = member.tenant_company_id if member else user.company_id
        return self.env(user=user, context=dict(self.env.context, allowed_company_ids=company.ids))

    def network_members(self):
        return self.brand | self.east | self.south | self.hz | self.store_hz | self.store_gd | self.store_sh
