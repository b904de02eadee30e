# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields
from odoo.tests import TransactionCase, tagged

from .common import ChannelReportMixin


@tagged("post_install", "-at_install")
class TestReportFigures(ChannelReportMixin, TransactionCase):
    """Each dashboard's figures against the documents behind them: by hand on
    the test network's month (see ChannelReportMixin), and against the
    documents themselves on everything in the database (the demo network
    included)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_channel_report()

    def grouped(self, model, domain, groupby, aggregate):
        return dict(self.env[model]._read_group(domain, [groupby], [aggregate]))

    # === SALES === #
    def test_sales_by_hand(self):
        bought = self.grouped("channel.report.sale", [("buyer_member_id", "in", self.network_members().ids)],
                              "buyer_member_id", "amount:sum")
        self.assertEqual(
            {member.code: amount for member, amount in bought.items()},
            {"T-S-HZ": 225.0, "T-S-GD": 90.0, "T-S-SH": 45.0, "T-EAST": 300.0, "T-SOUTH": 150.0, "T-HZ": 90.0},
        )
        sold = self.grouped("channel.report.sale", [("buyer_member_id", "in", self.network_members().ids)],
                            "seller_member_id", "amount:sum")
        self.assertEqual(sold[self.brand], 450.0)
        self.assertEqual(sold[self.east], 135.0)
        self.assertEqual(sold[self.hz], 225.0)
        self.assertEqual(sold[self.south], 90.0)
        by_region = self.grouped("channel.report.sale", [("buyer_member_id", "in", self.network_members().ids)],
                                 "region_id", "amount:sum")
        self.assertEqual(by_region[self.region_east], 225.0 + 45.0 + 300.0 + 90.0)
        self.assertEqual(by_region[self.region_south], 90.0 + 150.0)
        qty = self.grouped("channel.report.sale", [("buyer_member_id", "=", self.store_hz.id)], "product_id", "qty:sum")
        self.assertEqual(qty[self.pen], 100.0, "the reward line carries no product quantity of the pen")

    def test_sales_match_the_orders(self):
        """Every seller's and buyer's total in the report is the untaxed total
        of its confirmed orders, in the whole database."""
        orders = self.env["sale.order"].sudo().search([("state", "=", "sale")])
        members = self.env["channel.member"].sudo().search([("role", "in", ("brand", "distributor"))])
        sellers = {member.tenant_company_id: member for member in members}
        expected_sold, expected_bought = {}, {}
        for order in orders:
            seller = sellers.get(order.company_id)
            if not seller:
                continue
            expected_sold[seller] = expected_sold.get(seller, 0.0) + order.amount_untaxed
            if order.channel_buyer_member_id:
                buyer = order.channel_buyer_member_id
                expected_bought[buyer] = expected_bought.get(buyer, 0.0) + order.amount_untaxed
        sold = self.grouped("channel.report.sale", [], "seller_member_id", "amount:sum")
        bought = self.grouped("channel.report.sale", [("buyer_member_id", "!=", False)], "buyer_member_id",
                              "amount:sum")
        self.assertTrue(expected_sold and expected_bought)
        self.assertEqual(set(sold), set(expected_sold))
        self.assertEqual(set(bought), set(expected_bought))
        for member, amount in expected_sold.items():
            self.assertAlmostEqual(sold[member], amount, places=2, msg=member.display_name)
        for member, amount in expected_bought.items():
            self.assertAlmostEqual(bought[member], amount, places=2, msg=member.display_name)

    def test_ranking(self):
        year = fields.Date.today().replace(month=1, day=1)
        rows = self.env["channel.report.ranking"].search([
            ("period", "=", "year"), ("date", "=", year), ("member_id", "in", (self.east | self.south | self.hz).ids),
        ])
        by_member = {row.member_id: row for row in rows}
        self.assertEqual((by_member[self.east].purchases, by_member[self.east].sales), (300.0, 135.0))
        self.assertEqual((by_member[self.south].purchases, by_member[self.south].sales), (150.0, 90.0))
        self.assertEqual((by_member[self.hz].purchases, by_member[self.hz].sales), (90.0, 225.0))
        # T-EAST and T-HZ share the T 华东 region, T-SOUTH is alone in T 华南
        self.assertEqual(by_member[self.east].rank_region, 1)
        self.assertEqual(by_member[self.hz].rank_region, 2)
        self.assertEqual(by_member[self.south].rank_region, 1)
        self.assertLess(by_member[self.east].rank_level, by_member[self.south].rank_level)
        self.assertLess(by_member[self.east].rank_national, by_member[self.south].rank_national)
        self.assertLess(by_member[self.south].rank_national, by_member[self.hz].rank_national)
        month = self.env["channel.report.ranking"].search([
            ("period", "=", "month"), ("date", "=", fields.Date.today().replace(day=1)), ("member_id", "=", self.hz.id),
        ])
        self.assertEqual(month.purchases, 90.0)

    # === SKU === #
    def test_sku_by_hand(self):
        rows = self.env["channel.report.sku"].search([("member_id", "in", self.network_members().ids)])
        figures = {(row.member_id.code, row.product_id.default_code or row.product_id.name):
                   (row.qty_bought, row.qty_sold, row.qty_on_hand, row.sell_through, row.store_count) for row in rows}
        self.assertEqual(figures, {
            ("T-S-HZ", "T 促销笔"): (100.0, 40.0, 60.0, 40.0, 1),
            ("T-S-GD", "T 促销笔"): (40.0, 30.0, 10.0, 75.0, 1),
            ("T-S-SH", "T 促销笔"): (20.0, 0.0, 0.0, 0.0, 1),
            ("T-S-GD", "T-NOTE"): (0.0, 0.0, 5.0, 0.0, 1),
        })
        distribution = self.grouped("channel.report.sku", [("member_id", "in", self.network_members().ids)],
                                    "product_id", "store_count:sum")
        self.assertEqual(distribution[self.pen], 3)
        self.assertEqual(distribution[self.other], 1)

    def test_sku_match_the_documents(self):
        """Bought: the stores' confirmed order lines of the window; sold: their
        reports of the window; in the whole database."""
        Sku = self.env["channel.report.sku"]
        since = fields.Datetime.subtract(fields.Datetime.now(), days=Sku._window_days())
        lines = self.env["sale.order.line"].sudo().search([
            ("order_id.state", "=", "sale"), ("order_id.channel_buyer_role", "=", "store"),
            ("order_id.date_order", ">=", since), ("display_type", "=", False), ("reward_id", "=", False),
        ])
        bought = {}
        for line in lines:
            key = (line.order_id.channel_buyer_member_id, line.product_id)
            bought[key] = bought.get(key, 0.0) + line.product_uom_qty
        reported = self.env["channel.sellout.report.line"].sudo().search([("week", ">=", since.date())])
        sold = {}
        for line in reported:
            sold[(line.member_id, line.product_id)] = sold.get((line.member_id, line.product_id), 0.0) + line.qty_sold
        rows = Sku.search([])
        self.assertTrue(rows)
        for row in rows:
            key = (row.member_id, row.product_id)
            self.assertAlmostEqual(row.qty_bought, bought.get(key, 0.0), msg=str(key))
            self.assertAlmostEqual(row.qty_sold, sold.get(key, 0.0), msg=str(key))
        self.assertTrue(set(bought) <= {(row.member_id, row.product_id) for row in rows})

    # === REBATES === #
    def test_rebate_liabilities(self):
        rows = {row.member_id: row for row in self.env["channel.report.rebate"].search(
            [("policy_id", "=", self.policy.id)])}
        self.assertEqual((rows[self.east].earned, rows[self.east].settled, rows[self.east].outstanding,
                          rows[self.east].accrued), (400.0, 0.0, 400.0, 400.0))
        self.assertEqual((rows[self.south].earned, rows[self.south].outstanding, rows[self.south].accrued),
                         (50.0, 50.0, 50.0))
        self.assertEqual(rows[self.east].rate, 2.0)
        # accrued as in the books: the accrual's credit on accrued rebates
        accrued_lines = self.rebate_run.accrual_move_id.line_ids.filtered(lambda line: line.balance < 0)
        self.assertAlmostEqual(-sum(accrued_lines.mapped("balance")), sum(row.accrued for row in rows.values()))
        # settled: the liability is paid, the accrual reversed
        settlement = self.env["channel.rebate.run"].create(
            {"policy_id": self.policy.id, "date_to": fields.Date.today()})
        settlement.action_compute()
        settlement.action_request_approval()
        settlement.action_approve()
        settlement.action_post()
        rows = {row.member_id: row for row in self.env["channel.report.rebate"].search(
            [("policy_id", "=", self.policy.id)])}
        self.assertEqual((rows[self.east].earned, rows[self.east].settled, rows[self.east].outstanding,
                          rows[self.east].accrued), (400.0, 400.0, 0.0, 0.0))
        self.assertEqual(rows[self.east].run_id, settlement)

    # === PROMOTIONS === #
    def test_promotion_results(self):
        rows = self.env["channel.report.promotion"].search([("program_id", "=", self.program.id)])
        self.assertEqual(
            {(row.order_id, row.discount, row.sales, row.buyer_member_id) for row in rows},
            {(self.order_hz, 25.0, 225.0, self.store_hz), (self.order_gd, 10.0, 90.0, self.store_gd),
             (self.order_sh, 5.0, 45.0, self.store_sh)},
        )
        usages = self.env["channel.promotion.usage"].sudo().search([("state", "=", "active")])
        total = self.env["channel.report.promotion"]._read_group([], [], ["discount:sum", "brand_share:sum"])[0]
        self.assertAlmostEqual(total[0], sum(usages.mapped("amount")))
        self.assertAlmostEqual(total[1], sum(usages.mapped("brand_share_amount")))
        # a cancelled order gives its use back: it leaves the results
        self.order_sh._action_cancel()
        self.assertFalse(self.env["channel.report.promotion"].search([("order_id", "=", self.order_sh.id)]))

    # === FUNDS === #
    def test_fund_balances(self):
        accounts = self.env["channel.fund.account"].sudo().search([])
        rows = {row.account_id: row for row in self.env["channel.report.fund"].search([])}
        self.assertEqual(set(rows), set(accounts))
        for account in accounts:
            self.assertAlmostEqual(rows[account].balance, account.balance, msg=account.name)
            if account.account_type != "credit":
                self.assertAlmostEqual(rows[account].hold_amount, account.hold_amount, msg=account.name)
                self.assertAlmostEqual(rows[account].available, account.available, msg=account.name)
        cash_hz = self.env["channel.fund.account"]._find(self.store_hz, self.hz_company, "cash")
        self.assertEqual(rows[cash_hz].balance, 500.0)
        # the ledger agrees with the books: the prepayment account of T-HZ holds the deposit
        self.assertEqual(rows[cash_hz].entry_count, 1)
