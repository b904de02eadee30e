# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import TransactionCase, tagged

from .common import ChannelStockMixin


@tagged("post_install", "-at_install", "channel_perf")
class TestHealth(ChannelStockMixin, TransactionCase):
    """Each metric of the inventory health report, by hand (see the mixin)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_channel_stock()

    def test_distributor_metrics(self):
        row = self.health(self.hz)
        self.assertEqual(len(row), 1)
        self.assertEqual(
            (row.qty_on_hand, row.qty_received, row.qty_sold, row.qty_incoming), (60.0, 100.0, 40.0, 10.0)
        )
        self.assertAlmostEqual(row.avg_daily_sold, 40 / 28, places=2)
        self.assertAlmostEqual(row.days_of_cover, 42.0, places=4, msg="60 at 40/28 a day")
        # stock at the window's start 60 - 100 + 40 = 0, average (0 + 60) / 2 = 30, at 40/28 a day
        self.assertAlmostEqual(row.turnover_days, 21.0, places=4)
        self.assertAlmostEqual(row.sell_through, 40.0, places=4, msg="40 sold of 100 received")
        self.assertFalse(row.stock_out or row.slow_mover or row.below_safety)
        self.assertEqual((row.company_id, row.level_id, row.upstream_id), (self.hz_company, self.hz.level_id, self.east))

    def test_store_metrics(self):
        row = self.health(self.store_hz)
        self.assertEqual(row.qty_on_hand, 30.0, "this week's report")
        self.assertEqual(row.qty_sold, 15.0, "this week and last week; five weeks ago is outside the window")
        self.assertEqual(row.qty_received, 40.0, "delivered by T-HZ")
        self.assertAlmostEqual(row.days_of_cover, 56.0, places=4, msg="30 at 15/28 a day")
        # start 30 - 40 + 15 = 5, average 17.5, at 15/28 a day
        self.assertAlmostEqual(row.turnover_days, 17.5 * 28 / 15, places=4)
        self.assertAlmostEqual(row.sell_through, 37.5, places=4)
        self.assertEqual(row.company_id, self.hz_company, "a store's rows are its distributor's")
        self.assertFalse(row.slow_mover, "56 days of cover, under the 90 of a slow mover")
        eraser = self.health(self.store_hz, self.eraser)
        self.assertTrue(eraser.stock_out)
        self.assertEqual(eraser.qty_sold, 3.0)

    def test_slow_movers_and_window(self):
        self.env["ir.config_parameter"].set_param("channel_stock.slow_mover_days", "50")
        self.assertTrue(self.health(self.store_hz).slow_mover, "56 days of cover is slow at 50")
        self.assertFalse(self.health(self.hz).slow_mover, "42 days is not")
        self.assertTrue(self.health(self.south).slow_mover, "in stock, nothing sold")
        self.env["ir.config_parameter"].set_param("channel_stock.window_days", "56")
        row = self.health(self.store_hz)
        self.assertEqual(row.qty_sold, 115.0, "five weeks ago is inside eight weeks")
        self.assertAlmostEqual(row.avg_daily_sold, 115 / 56, places=2)

    def test_roll_up_by_region_and_level(self):
        """What the pivot does: one grouped read over the network."""
        groups = self.env["channel.stock.health"]._read_group(
            [("product_id", "=", self.pencil.id)], ["level_id"], ["qty_on_hand:sum", "qty_sold:sum"],
        )
        by_level = {level: (on_hand, sold) for level, on_hand, sold in groups}
        self.assertEqual(by_level[self.hz.level_id], (60.0, 40.0))
        self.assertEqual(by_level[self.store_hz.level_id], (30.0, 15.0))
        self.assertEqual(by_level[self.south.level_id], (5.0, 0.0))

    def test_reading_the_report_costs_the_same_for_any_size(self):
        """One grouped read is one query on the report (and the record rule's
        own), whatever the number of members and products."""
        Health = self.env["channel.stock.health"].with_user(self.hz_manager).with_company(self.hz_company)

        def count():
            self.env.flush_all()
            self.env.invalidate_all()
            before = self.cr.sql_log_count
            Health._read_group([], ["region_id", "level_id"], ["qty_on_hand:sum", "qty_sold:sum"])
            return self.cr.sql_log_count - before

        count()  # warm the registry's caches
        small = count()
        for code in ("A", "B", "C", "D"):
            product = self.env["product.product"].create({"name": f"T 货品{code}", "is_storable": True})
            self.transfer(self.hz_company, product, 7, "in")
            self.transfer(self.hz_company, product, 2, "out", partner=self.store_hz.partner_id)
        count()  # creating records cleared the registry's caches: warm them again
        self.assertEqual(count(), small)
        self.assertLessEqual(small, 3)
