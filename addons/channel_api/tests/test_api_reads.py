# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import fields
from odoo.exceptions import UserError
from odoo.tests import TransactionCase, tagged

from .common import ChannelApiMixin


@tagged("post_install", "-at_install")
class TestApiReads(ChannelApiMixin, TransactionCase):
    """What the ERP reads back matches the documents, page by page."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_channel_api()

    def test_orders_since_a_point_page_by_page(self):
        # everything this test writes is stamped with its transaction's start
        since = fields.Datetime.to_string(self.env.cr.now() - timedelta(seconds=1))
        self.env.cr.execute("UPDATE sale_order SET write_date = %s::timestamp - interval '1 day'", [since])
        self.env["sale.order"].invalidate_model(["write_date"])
        results = self.Api.import_orders([
            {"ref": f"VBELN-R{i}", "buyer_code": "T-S-HZ", "lines": [{"default_code": "T-PENCIL", "quantity": i}]}
            for i in range(1, 4)
        ])
        orders = self.env["sale.order"].browse([result["id"] for result in results])
        self.env.flush_all()
        pages, cursor = [], since
        for _page in range(20):
            page = self.Api.read_orders(cursor, 2)
            pages.append(page["records"])
            if not page["next"]:
                break
            cursor = page["next"]
        records = [record for page in pages for record in page]
        self.assertTrue(all(len(page) <= 2 for page in pages) and len(pages) >= 2)
        ids = [record["id"] for record in records]
        self.assertEqual(len(ids), len(set(ids)), "no order twice across pages")
        self.assertLessEqual(set(orders.ids), set(ids))
        self.assertEqual(set(ids), set(self.env["sale.order"].search([("write_date", ">", since)]).ids))
        record = next(record for record in records if record["ref"] == "VBELN-R3")
        order = orders.filtered(lambda o: o.client_order_ref == "VBELN-R3")
        self.assertEqual((record["seller_code"], record["buyer_code"], record["state"], record["amount_total"]),
                         ("T-HZ", "T-S-HZ", "sale", order.amount_total))
        self.assertEqual([(line["product_code"], line["quantity"]) for line in record["lines"]], [("T-PENCIL", 3.0)])
        for since_value, limit in (("yesterday", 10), (since, 0), (since, 5000), (12, 10)):
            with self.subTest(since=since_value, limit=limit), self.assertRaises(UserError):
                self.Api.read_orders(since_value, limit)

    def test_stock_sellout_funds_rebates(self):
        stock = self.Api.read_stock(["T-HZ", "T-S-HZ"], ["T-PENCIL"])
        by_member = {row["member_code"]: row for row in stock["records"]}
        self.assertEqual(by_member["T-HZ"]["on_hand"], 60.0)
        self.assertEqual(by_member["T-S-HZ"]["on_hand"], 30.0)
        self.assertEqual(by_member["T-S-HZ"]["role"], "store")

        sellout = self.Api.read_sellout(str(self.this_week), ["T-S-HZ"])
        self.assertEqual(sorted((row["product_code"], row["sold"]) for row in sellout["records"]),
                         [("T-ERASER", 3.0), ("T-PENCIL", 10.0)])
        older = self.Api.read_sellout(None, ["T-S-HZ"], 1, 0)
        self.assertEqual((len(older["records"]), older["next"]), (1, 1))

        account = self.env["channel.fund.account"]._get_or_create(self.hz, "cash")
        account.action_deposit(500.0)
        funds = self.Api.read_fund_balances(["T-HZ"])
        cash = next(row for row in funds["records"] if row["type"] == "cash")
        self.assertEqual((cash["balance"], cash["available"], cash["issuer_code"]), (500.0, 500.0, "T-EAST"))

        self.assertEqual(self.Api.read_rebate_statements("2000-01-01", ["T-HZ"])["records"], [])
        with self.assertRaises(UserError):
            self.Api.read_rebate_statements("not a date")
        with self.assertRaises(UserError):
            self.Api.read_stock("T-HZ")
