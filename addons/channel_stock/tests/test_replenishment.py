# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from psycopg2 import IntegrityError

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import TransactionCase, tagged
from odoo.tools import mute_logger

from .common import ChannelStockMixin


@tagged("post_install", "-at_install")
class TestReplenishment(ChannelStockMixin, TransactionCase):
    """Safety stock, alerts, and suggestions ordered upstream in one click."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_channel_stock()
        cls.Rule = cls.env["channel.stock.rule"]

    def hz_env(self):
        return self.env_of(self.hz_manager, self.hz_company)

    def test_suggestion_covers_the_lead_time_and_the_safety_stock(self):
        row = self.health(self.hz)
        # no rule: 7 days at 40/28 a day = 10, less 60 on hand and 10 coming
        self.assertEqual((row.suggested_qty, row.safety_qty, row.lead_days), (0.0, 0.0, 7))
        self.hz_env()["channel.stock.rule"].create({
            "member_id": self.hz.id, "product_id": self.pencil.id, "safety_qty": 70, "lead_days": 14,
        })
        row = self.health(self.hz)
        # 14 days at 40/28 a day = 20, plus 70 safety, less 60 on hand and 10 incoming
        self.assertEqual((row.suggested_qty, row.safety_qty, row.lead_days), (20.0, 70.0, 14))
        self.assertTrue(row.below_safety, "60 on hand, 70 to keep")

    def test_one_click_purchase_to_the_upstream(self):
        self.Rule.create({"member_id": self.hz.id, "product_id": self.pencil.id, "safety_qty": 70, "lead_days": 14})
        action = self.hz_env()["channel.replenish.wizard"].action_open_own()
        wizard = self.hz_env()["channel.replenish.wizard"].browse(action["res_id"])
        self.assertEqual(wizard.line_ids.mapped(lambda line: (line.product_id, line.suggested_qty, line.quantity)),
                         [(self.pencil, 20.0, 20.0)])
        wizard.line_ids.quantity = 24
        result = wizard.action_create_purchase()
        order = self.env["purchase.order"].browse(result["res_id"])
        self.assertEqual(order.company_id, self.hz_company)
        self.assertEqual(order.partner_id, self.east_company.partner_id, "ordered from its upstream")
        self.assertEqual(order.order_line.mapped(lambda line: (line.product_id, line.product_qty, line.price_unit)),
                         [(self.pencil, 24.0, 1.2)], "at the level-2 price")
        order.with_user(self.hz_manager).with_company(self.hz_company).button_confirm()
        self.assertEqual(order.state, "purchase")
        self.assertEqual(self.health(self.hz).qty_incoming, 34.0, "the order's receipt is incoming")
        self.assertEqual(self.health(self.hz).suggested_qty, 0.0)

    def test_replenish_from_the_report_rows(self):
        self.Rule.create({"member_id": self.hz.id, "product_id": self.pencil.id, "safety_qty": 70, "lead_days": 14})
        rows = self.env["channel.stock.health"].with_user(self.hz_manager).with_company(self.hz_company).search(
            [("member_id", "=", self.hz.id)]
        )
        action = rows.action_replenish()
        self.assertEqual(action["res_model"], "channel.replenish.wizard")
        with self.assertRaises(UserError):
            self.env["channel.stock.health"].search([("member_id", "in", (self.hz | self.south).ids)]).action_replenish()
        with self.assertRaises(UserError):
            self.health(self.store_hz).action_replenish()  # a store orders on the portal

    def test_nothing_to_order(self):
        action = self.hz_env()["channel.replenish.wizard"].action_open_own()
        wizard = self.hz_env()["channel.replenish.wizard"].browse(action["res_id"])
        self.assertFalse(wizard.line_ids)
        with self.assertRaises(UserError):
            wizard.action_create_purchase()
        with self.assertRaises(UserError):
            self.env_of(self.brand_manager, self.brand_company)["channel.replenish.wizard"].action_open_own()

    def test_alerts_once_until_the_stock_recovers(self):
        rule = self.Rule.create({
            "member_id": self.hz.id, "product_id": self.pencil.id, "safety_qty": 70, "lead_days": 14,
            "user_id": self.hz_manager.id,
        })
        calm = self.Rule.create({"member_id": self.store_hz.id, "product_id": self.pencil.id, "safety_qty": 10})
        self.Rule._cron_alerts()
        self.assertTrue(rule.alert_open)
        self.assertFalse(calm.alert_open, "30 on hand, 10 to keep")
        self.assertEqual(len(rule.activity_ids), 1)
        self.assertEqual(rule.activity_ids.user_id, self.hz_manager)
        self.assertIn("20", rule.activity_ids.note, "the suggested order is in the alert")
        self.Rule._cron_alerts()
        self.assertEqual(len(rule.activity_ids), 1, "not twice")
        self.transfer(self.hz_company, self.pencil, 20, "in")
        self.Rule._cron_alerts()
        self.assertFalse(rule.alert_open, "80 on hand: recovered")

    def test_bad_rules(self):
        with self.assertRaises(ValidationError):
            self.Rule.create({"member_id": self.brand.id, "product_id": self.pencil.id, "safety_qty": 1})
        with self.assertRaises(IntegrityError), self.cr.savepoint(), mute_logger("odoo.sql_db"):
            self.Rule.create({"member_id": self.hz.id, "product_id": self.pencil.id, "safety_qty": -1})
        with self.assertRaises(AccessError):
            self.Rule.with_user(self.south_manager).with_company(self.south_company).create({
                "member_id": self.hz.id, "product_id": self.pencil.id, "safety_qty": 1,
            })

    def test_a_safety_stock_with_nothing_on_hand(self):
        self.Rule.create({"member_id": self.hz.id, "product_id": self.eraser.id, "safety_qty": 12, "lead_days": 7})
        row = self.health(self.hz, self.eraser)
        self.assertEqual((row.qty_on_hand, row.stock_out, row.below_safety, row.suggested_qty), (0.0, True, True, 12.0))
