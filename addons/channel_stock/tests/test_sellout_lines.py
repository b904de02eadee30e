# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import ValidationError
from odoo.tests import TransactionCase, tagged

from .common import ChannelStockMixin


@tagged("post_install", "-at_install")
class TestSelloutLines(ChannelStockMixin, TransactionCase):
    """The lines of a stock and sell-out report have one set of rules,
    ``channel.sellout.report._prepare_lines``, whichever way the report comes
    (the portal's form or spreadsheet, XML-RPC, the integration API)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_channel_stock()
        cls.Report = cls.env["channel.sellout.report"]

    def refused(self, rows):
        with self.assertRaises(ValidationError) as caught:
            self.Report._prepare_lines(rows)
        return str(caught.exception)

    def test_figures_as_a_form_or_a_sheet_gives_them(self):
        """Texts of a form, numbers of a sheet, a barcode typed as a number;
        a price not given is 0."""
        lines = self.Report._prepare_lines([
            {"product_code": " T-ERASER ", "on_hand": "12", "sold": " 3.5 ", "price": ""},
            {"product_code": 6900000000017.0, "on_hand": 0, "sold": 4, "price": 1.8},
        ])
        self.assertEqual(lines, [(self.eraser, 12.0, 3.5, 0.0), (self.pencil, 0.0, 4.0, 1.8)])

    def test_every_problem_is_said_at_once_by_the_store_s_line_number(self):
        message = self.refused([
            {"line": 3, "product_code": "T-PENCIL", "on_hand": "40", "sold": "-3"},
            {"line": 4, "product_code": "NO-SUCH", "on_hand": 1, "sold": 1},
            {"line": 7, "product_code": "6900000000017", "on_hand": 1, "sold": 1},
            {"line": 9, "product_code": "T-ERASER", "on_hand": "many", "sold": None},
            {"line": 10, "product_code": "", "on_hand": 1, "sold": 1},
        ])
        self.assertEqual(message.splitlines(), [
            "Line 3 (T-PENCIL): a quantity sold of -3.0 is not possible: give a number from 0 to 1000000.",
            "Line 4: no product has the code NO-SUCH.",
            "Line 7: 6900000000017 is already in the report (line 3).",
            "Line 9 (T-ERASER): the stock on hand is not a number.",
            "Line 9 (T-ERASER): the quantity sold is missing.",
            "Line 10: no product code.",
        ])

    def test_impossible_figures_are_refused(self):
        for value in (float("nan"), float("inf"), "1e309", 10**9, -0.5, True):
            with self.subTest(value=value):
                self.assertIn("Line 1 (T-PENCIL)", self.refused([{"product_code": "T-PENCIL", "on_hand": value, "sold": 1}]))

    def test_an_endless_code_is_refused_without_being_echoed(self):
        message = self.refused([{"product_code": "X" * 100_000, "on_hand": 1, "sold": 1}])
        self.assertLess(len(message), 200)
        self.assertIn("at most 100 characters", message)

    def test_a_report_without_lines_is_refused(self):
        for rows in ([], None, "T-PENCIL"):
            with self.subTest(rows=rows):
                self.assertIn("at least one line", self.refused(rows))
        self.assertIn("Line 1 is not a record", self.refused(["T-PENCIL"]))

    def test_lines_built_in_code_follow_the_same_rule(self):
        with self.assertRaises(ValidationError) as caught:
            self.Report._submit(self.store_hz, self.this_week, [(self.pencil, float("nan"), 1)])
        self.assertIn("a stock on hand of nan is not possible", str(caught.exception))
        self.assertEqual(self.health(self.store_hz).qty_on_hand, 30.0, "nothing changed")
