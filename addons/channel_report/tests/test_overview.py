# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import UserError
from odoo.tests import TransactionCase, tagged

from .common import REPORTS, ChannelReportMixin

# the member fields of each report that place a row in the network
MEMBER_FIELDS = {
    "channel.report.sale": ("seller_member_id", "buyer_member_id"),
    "channel.report.ranking": ("member_id",),
    "channel.report.sku": ("member_id",),
    "channel.report.rebate": ("member_id",),
    "channel.report.promotion": ("seller_member_id", "buyer_member_id"),
    "channel.report.fund": ("holder_id",),
}


@tagged("post_install", "-at_install", "channel_perf")
class TestOverview(ChannelReportMixin, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_channel_report()

    def test_brand_overview_matches_the_reports(self):
        self.program.channel_budget_amount = 400.0
        env = self.env_as(self.brand_manager)
        data = env["channel.report.overview"].get_overview("year")
        self.assertTrue(data["scope"]["brand"])
        Sale = env["channel.report.sale"]
        domain = env["channel.report.overview"]._period_domain("year")
        by_role = dict(Sale._read_group(domain, ["buyer_role"], ["amount:sum"]))
        self.assertAlmostEqual(data["sales"]["to_stores"], by_role["store"])
        self.assertAlmostEqual(data["sales"]["to_distributors"], by_role["distributor"])
        self.assertAlmostEqual(sum(row["total"] for row in data["sales"]["regions"]), sum(by_role.values()))
        self.assertEqual([row["rank"] for row in data["sales"]["regions"]],
                         list(range(1, len(data["sales"]["regions"]) + 1)))
        ranking = [row["name"] for row in data["ranking"]]
        self.assertLess(ranking.index(self.east.display_name), ranking.index(self.south.display_name))
        self.assertEqual(data["rebate"]["outstanding"],
                         sum(env["channel.report.rebate"].search([]).mapped("outstanding")))
        [policy] = [row for row in data["rebate"]["policies"] if row["id"] == self.policy.id]
        self.assertEqual((policy["earned"], policy["outstanding"], policy["accrued"]), (450.0, 450.0, 450.0))
        self.assertIsNot(policy["watchlist"], False, "the brand issues the policy: it sees who is close to a tier")
        [promotion] = [row for row in data["promotion"]["programs"] if row["id"] == self.program.id]
        self.assertEqual((promotion["discount"], promotion["orders"], promotion["buyers"]), (40.0, 3, 3))
        self.assertEqual((promotion["budget"], promotion["budget_used"]), (400.0, 10.0))
        self.assertEqual(data["diversion"]["open"],
                         env["channel.diversion.case"].search_count([("state", "=", "open")]))
        funds = {row["type"]: row["balance"] for row in data["fund"]}
        self.assertAlmostEqual(funds["cash"], sum(
            env["channel.fund.account"].search([("account_type", "=", "cash")]).mapped("balance")))
        health = env["channel.stock.health"]
        self.assertEqual(data["inventory"]["store"]["stock_out"],
                         health.search_count([("role", "=", "store"), ("stock_out", "=", True)]))
        self.assertEqual(data["inventory"]["distributor"]["lines"], health.search_count([("role", "=", "distributor")]))
        pen = [row for row in data["sku"]["products"] if row["id"] == self.pen.id][0]
        stores = env["channel.member"].search_count([("role", "=", "store")])
        self.assertEqual(pen["stores"], 3)
        self.assertAlmostEqual(pen["distribution"], 300.0 / stores)

    def test_distributor_overview_is_its_branch(self):
        """T-SOUTH sees its own purchases, its store, its funds, its rebate and
        its case; nothing of T-EAST's branch."""
        env = self.env_as(self.south_manager, self.south)
        data = env["channel.report.overview"].get_overview("year")
        self.assertFalse(data["scope"]["brand"])
        self.assertEqual(data["sales"]["to_stores"], 90.0)
        self.assertEqual(data["sales"]["to_distributors"], 150.0)
        self.assertEqual(data["sales"]["stores"], 1)
        self.assertEqual(data["sales"]["ordering_stores"], 1)
        self.assertEqual([row["name"] for row in data["sales"]["regions"]], [self.region_south.name])
        self.assertEqual([row["name"] for row in data["ranking"]], [self.south.display_name])
        pen = [row for row in data["sku"]["products"] if row["id"] == self.pen.id][0]
        self.assertEqual((pen["sold"], pen["bought"], pen["stores"], pen["distribution"]), (30.0, 40.0, 1, 100.0))
        self.assertEqual([(row["name"], row["earned"], row["watchlist"]) for row in data["rebate"]["policies"]],
                         [(self.policy.name, 50.0, False)])
        self.assertIs(data["rebate"]["policies"][0]["watchlist"], False, "not its policy: no watchlist")
        [promotion] = data["promotion"]["programs"]
        self.assertEqual((promotion["discount"], promotion["budget"]), (10.0, 0.0))
        # the credit line it gives its store, its cash and credit line with the brand
        self.assertEqual([(row["side"], row["type"], row["balance"]) for row in data["fund"]],
                         [("issued", "credit", 100000.0), ("held", "cash", 1000.0), ("held", "credit", 100000.0)])
        self.assertEqual(data["diversion"]["open"], 1)

    def test_no_report_shows_another_branch(self):
        """Row by row, every report as T-SOUTH's manager holds its branch only
        (and its upstream selling to it); as T-EAST's, its own and T-HZ's."""
        for user, member, own, foreign in (
            (self.south_manager, self.south, self.south | self.store_gd,
             self.east | self.hz | self.store_hz | self.store_sh),
            (self.east_manager, self.east, self.east | self.hz | self.store_hz | self.store_sh,
             self.south | self.store_gd),
            (self.hz_manager, self.hz, self.hz | self.store_hz, self.south | self.store_gd | self.store_sh),
        ):
            env = self.env_as(user, member)
            for model in REPORTS:
                rows = env[model].search([])
                # T-HZ (level 2) is under no rebate policy
                self.assertEqual(bool(rows), (user, model) != (self.hz_manager, "channel.report.rebate"),
                                 f"{model} as {user.login}")
                for name in MEMBER_FIELDS[model]:
                    self.assertFalse(rows.mapped(name) & foreign, f"{model}.{name} as {user.login}")
                placed = rows.filtered(lambda row: any(row[name] & own for name in MEMBER_FIELDS[model]))
                self.assertEqual(placed, rows, f"{model} as {user.login}: every row is of the branch")
                # grouped reads count the same rows
                self.assertEqual(env[model]._read_group([], [], ["__count"])[0][0], len(rows))
        # T-HZ sees its upstream T-EAST only as the seller of its own purchases
        hz = self.env_as(self.hz_manager, self.hz)["channel.report.sale"]
        self.assertEqual(hz.search([("seller_member_id", "=", self.east.id)]).buyer_member_id, self.hz)
        # T-EAST sees what T-HZ sold to its store, T-SOUTH does not
        east = self.env_as(self.east_manager, self.east)["channel.report.sale"]
        self.assertEqual(sum(east.search([("seller_member_id", "=", self.hz.id)]).mapped("amount")), 225.0)

    def test_drill_down(self):
        Overview = self.env_as(self.brand_manager)["channel.report.overview"]
        action = Overview.get_action("sales", "month", self.region_east.id)
        self.assertEqual(action["res_model"], "channel.report.sale")
        self.assertIn(("region_id", "=", self.region_east.id), action["domain"])
        rows = self.env["channel.report.sale"].search(action["domain"])
        self.assertIn(self.order_hz, rows.order_id)
        self.assertNotIn(self.order_gd, rows.order_id)
        self.assertEqual(Overview.get_action("watchlist", "year", self.policy.id)["context"],
                         {"default_policy_id": self.policy.id})
        self.assertEqual(Overview.get_action("diversion")["domain"], [("state", "=", "open")])
        with self.assertRaises(UserError):
            Overview.get_action("payroll")
        with self.assertRaises(UserError):
            Overview.get_overview("decade")

    def test_query_count_does_not_grow(self):
        """The overview reads every dashboard in grouped queries: more orders,
        stores and reports do not add queries."""
        Overview = self.env_as(self.brand_manager)["channel.report.overview"]

        def count_queries():
            # warm the caches of rules, parameters and translations (twice: the
            # first read may fill some that the second relies on)
            Overview.get_overview("year")
            Overview.get_overview("year")
            self.env.invalidate_all()
            start = self.env.cr.sql_log_count
            Overview.get_overview("year")
            return self.env.cr.sql_log_count - start

        before = count_queries()
        self.assertLessEqual(before, 40)
        for store in (self.store_hz, self.store_gd, self.store_sh):
            self.store_order_of(store, 10, product=self.other)
        self.env["channel.sellout.report"]._submit(self.store_sh, self.this_week, [(self.pen, 3, 17)])
        self.invoice_of(self.east, 100.0)
        self.assertEqual(count_queries(), before)
