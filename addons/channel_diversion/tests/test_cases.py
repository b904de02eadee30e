# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError, UserError
from odoo.tests import TransactionCase, tagged

from .common import ChannelDiversionMixin


@tagged("post_install", "-at_install")
class TestCases(ChannelDiversionMixin, TransactionCase):
    """The brand works cases: confirmed ones cost credit points (which order
    approval reads) and may take a penalty from the rebate fund; price and
    volume cases open by themselves."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_channel_diversion()
        cls.Case = cls.env["channel.diversion.case"]

    def diverted_case(self, unit=None):
        return self.Case.browse(self.scan((unit or self.unit_1).name, self.store_gd_user)["case_id"])

    def test_confirm_costs_credit_points(self):
        case = self.diverted_case()
        with self.assertRaises(AccessError):
            case.with_user(self.east_manager).action_confirm()
        case.with_user(self.brand_manager).action_confirm(note="三件在广州门店发现")
        self.assertEqual((case.state, case.penalty_points, self.east.credit_points), ("confirmed", 10, 90))
        self.assertEqual(case.decided_by_id, self.brand_manager)
        self.env.cr.precommit.run()  # the tracking is written when the transaction ends
        self.assertTrue(case.message_ids.tracking_value_ids, "the history says who changed what")
        with self.assertRaises(UserError):
            case.with_user(self.brand_manager).action_confirm()
        with self.assertRaises(UserError):
            case.with_user(self.brand_manager).action_dismiss()

    def test_points_never_below_zero_and_dismissal(self):
        self.east.credit_points = 4
        case = self.diverted_case()
        case.with_user(self.brand_manager).action_confirm(points=10)
        self.assertEqual((self.east.credit_points, case.penalty_points), (0, 4))
        other = self.Case.browse(self.scan(self.unit_2.name, self.store_gd_user)["case_id"])
        self.assertNotEqual(other, case, "a confirmed case is closed: a new one opens")
        self.assertEqual((other.state, other.scan_count), ("open", 1))
        other.with_user(self.brand_manager).action_dismiss(note="门店搬迁，数据有误")
        self.assertEqual(other.state, "dismissed")

    def test_low_credit_points_send_orders_to_approval(self):
        self.store_hz.credit_points = 50
        order = self.store_order(self.store_hz, self.hz_manager)
        self.assertEqual(order.channel_approval_state, "to_approve")
        self.assertIn("credit points", order.channel_approval_reason)
        self.store_hz.credit_points = 60
        self.assertEqual(self.store_order(self.store_hz, self.hz_manager).state, "sale")

    def test_rebate_penalty(self):
        case = self.diverted_case()
        account = self.env["channel.fund.account"]._get_or_create(self.east, "rebate")
        account.sudo().action_credit_rebate(500.0, description="Q3 返利")
        with self.assertRaises(UserError):
            case.with_user(self.brand_manager).action_penalise(100.0)  # not confirmed yet
        case.with_user(self.brand_manager).action_confirm()
        action = case.with_user(self.brand_manager).action_open_penalty()
        wizard = self.env[action["res_model"]].with_user(self.brand_manager).with_context(**action["context"]).create(
            {"amount": 120.0}
        )
        wizard.action_apply()
        self.assertEqual(case.rebate_penalty, 120.0)
        self.assertEqual(case.penalty_entry_id.amount, -120.0)
        self.assertEqual(case.penalty_entry_id.move_id.state, "posted", "a real journal entry")
        account.invalidate_recordset()
        self.assertEqual(account.balance, 380.0)
        with self.assertRaises(UserError):
            case.with_user(self.brand_manager).action_penalise(10.0)
        with self.assertRaises(UserError):
            self.diverted_case(self.unit_2).with_user(self.brand_manager).action_penalise(-5.0)

    def test_sellout_below_the_guide_price(self):
        Report = self.env["channel.sellout.report"].with_user(self.store_hz_user)
        Report.submit("T-S-HZ", str(self.this_week), [
            {"product_code": "T-PENCIL", "on_hand": 30, "sold": 10, "price": 1.95},  # 2.5 % under 2.00: tolerated
        ])
        self.assertFalse(self.Case.search([("kind", "=", "price")]))
        Report.submit("T-S-HZ", str(self.this_week), [
            {"product_code": "T-PENCIL", "on_hand": 30, "sold": 10, "price": 1.5},
        ])
        case = self.Case.search([("kind", "=", "price")])
        self.assertEqual((case.distributor_id, case.found_member_id), (self.hz, self.store_hz))
        self.assertEqual((case.reported_price, case.guide_price), (1.5, 2.0))
        Report.submit("T-S-HZ", str(self.this_week), [
            {"product_code": "T-PENCIL", "on_hand": 30, "sold": 10, "price": 1.4},
        ])
        self.assertEqual(len(self.Case.search([("kind", "=", "price")])), 1, "one open case per store and product")

    def test_buying_beyond_the_territory_sell_out(self):
        # T-HZ bought 100 pencils in the window; its store reported selling 15
        cases = self.Case._cron_volume_cases()
        case = cases.filtered(lambda c: c.distributor_id == self.hz)
        self.assertEqual((case.product_id, case.qty_received, case.qty_sold_out), (self.pencil, 100.0, 15.0))
        self.assertFalse(cases.filtered(lambda c: c.distributor_id == self.south), "5 bought: under the minimum")
        self.assertFalse(self.Case._cron_volume_cases().filtered(lambda c: c.distributor_id == self.hz),
                         "one open case at a time")
        self.env["ir.config_parameter"].set_param("channel_diversion.volume_factor", "10")
        case.with_user(self.brand_manager).action_dismiss()
        self.assertFalse(self.Case._cron_volume_cases().filtered(lambda c: c.distributor_id == self.hz),
                         "100 is under 10 times 15")
