# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import TransactionCase, tagged

from .common import ChannelStockMixin


@tagged("post_install", "-at_install")
class TestSelloutApi(ChannelStockMixin, TransactionCase):
    """Stock and sell-out reported over XML-RPC: by the store, its distributor
    or the brand, all of a report or nothing."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_channel_stock()
        cls.Report = cls.env["channel.sellout.report"]
        cls.week = str(cls.this_week)

    def submit(self, user, store_code, lines, week=None):
        return self.Report.with_user(user).submit(store_code, week or self.week, lines)

    def test_the_store_its_distributor_and_the_brand_report(self):
        report_id = self.submit(self.store_hz_user, "T-S-HZ", [
            {"product_code": "T-PENCIL", "on_hand": 25, "sold": 12},
            {"product_code": "T-ERASER", "on_hand": 4, "sold": 1},
        ])
        report = self.Report.browse(report_id)
        self.assertEqual((report.member_id, report.source, report.company_id), (self.store_hz, "api", self.hz_company))
        self.assertEqual(sorted(report.line_ids.mapped("qty_on_hand")), [4.0, 25.0])
        self.assertEqual(self.health(self.store_hz).qty_on_hand, 25.0, "the new report replaced this week's")
        # its distributor, by barcode; the brand
        self.submit(self.hz_manager, "T-S-HZ", [{"product_code": "6900000000017", "on_hand": 20, "sold": 13}])
        self.assertEqual(self.health(self.store_hz).qty_on_hand, 20.0)
        self.submit(self.brand_user, "T-S-HZ", [{"product_code": "T-PENCIL", "on_hand": 19, "sold": 14}])
        self.assertEqual(self.health(self.store_hz).qty_sold, 19.0, "14 this week and 5 last week")

    def test_nobody_reports_for_another_store(self):
        for user in (self.store_gd_user, self.south_manager):
            with self.assertRaises(AccessError):
                self.submit(user, "T-S-HZ", [{"product_code": "T-PENCIL", "on_hand": 1, "sold": 1}])
        self.assertEqual(self.health(self.store_hz).qty_on_hand, 30.0, "nothing changed")

    def test_bad_reports_change_nothing(self):
        bad = [
            ("T-NOPE", [{"product_code": "T-PENCIL", "on_hand": 1, "sold": 1}], None, "is not a store"),
            ("T-S-HZ", [{"product_code": "T-UNKNOWN", "on_hand": 1, "sold": 1}], None, "no product has the code"),
            ("T-S-HZ", [{"product_code": "T-PENCIL", "on_hand": 1, "sold": 1},
                        {"product_code": "T-PENCIL", "on_hand": 2, "sold": 1}], None, "already in the report"),
            ("T-S-HZ", [{"product_code": "T-PENCIL", "on_hand": -3, "sold": 1}], None, "is not possible"),
            ("T-S-HZ", [{"product_code": "T-PENCIL", "on_hand": "many", "sold": 1}], None, "is not a number"),
            ("T-S-HZ", [{"product_code": "T-PENCIL", "on_hand": 1, "sold": 10**9}], None, "is not possible"),
            ("T-S-HZ", [], None, "at least one line"),
            ("T-S-HZ", ["T-PENCIL"], None, "is not a record"),
            ("T-S-HZ", [{"product_code": "T-PENCIL", "on_hand": 1, "sold": 1}], "last week", "is not a date"),
        ]
        for store_code, lines, week, message in bad:
            with self.subTest(message=message), self.assertRaises(ValidationError) as refused:
                self.submit(self.hz_manager, store_code, lines, week=week)
            self.assertIn(message, str(refused.exception))
        row = self.health(self.store_hz)
        self.assertEqual((row.qty_on_hand, row.qty_sold), (30.0, 15.0), "nothing changed")

    def test_implausible_figures_are_recorded(self):
        """Last week 35 on hand, 40 delivered since: at most 75 this week."""
        def line(on_hand, sold, code="T-PENCIL"):
            report = self.Report.browse(self.submit(self.hz_manager, "T-S-HZ", [
                {"product_code": code, "on_hand": on_hand, "sold": sold},
            ]))
            return report.line_ids

        self.assertIn("had at most 75.0", line(0, 80).anomaly)
        self.assertIn("goods from elsewhere", line(70, 10).anomaly, "at most 65 could be left")
        self.assertFalse(line(30, 10).anomaly)
        self.assertFalse(line(99, 0, code="T-ERASER").anomaly, "no earlier report to compare with")
        self.assertEqual(self.health(self.store_hz, self.eraser).qty_on_hand, 99.0, "recorded, not refused")
