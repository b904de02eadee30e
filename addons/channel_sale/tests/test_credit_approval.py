# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError, UserError
from odoo.tests import TransactionCase, tagged

from .common import ChannelSaleMixin


@tagged("post_install", "-at_install")
class TestCreditApproval(ChannelSaleMixin, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_channel_sale()
        cls.env["stock.quant"]._update_available_quantity(cls.product, cls.stock_location(cls.hz_company), 500)

    def test_grade_a_confirms_within_the_credit_limit_and_waits_above_it(self):
        self.store_hz.write({"credit_grade": "A", "credit_limit": 20.0})
        first = self.store_order(self.store_hz, self.hz_manager, qty=6)  # 6 × 2.5 = 15
        self.assertEqual((first.state, first.channel_approval_state), ("sale", "none"))
        # 15 open on confirmed orders: another 6 would bring the exposure to 30 > 20
        second = self.store_order(self.store_hz, self.hz_manager, qty=6)
        self.assertEqual((second.state, second.channel_approval_state), ("draft", "to_approve"))
        self.assertIn("credit limit", second.channel_approval_reason)
        activity = second.activity_ids
        self.assertEqual(activity.activity_type_id, self.env.ref("channel_sale.mail_activity_order_approval"))
        self.assertEqual(activity.user_id, self.hz_manager, "the seller's manager approves")
        self.assertIn(self.store_hz.partner_id, second.message_ids[:1].partner_ids, "the store is told")

    def test_grade_b_confirms_up_to_its_amount_per_order(self):
        self.store_hz.write({"credit_grade": "B", "order_auto_confirm_limit": 10.0})
        small = self.store_order(self.store_hz, self.hz_manager, qty=4)  # 10.0
        self.assertEqual(small.state, "sale")
        big = self.store_order(self.store_hz, self.hz_manager, qty=5)  # 12.5
        self.assertEqual((big.state, big.channel_approval_state), ("draft", "to_approve"))
        self.assertIn("grade B", big.channel_approval_reason)

    def test_grade_c_always_waits_and_the_manager_approves(self):
        self.store_hz.credit_grade = "C"
        order = self.store_order(self.store_hz, self.hz_manager, qty=1)
        self.assertEqual((order.state, order.channel_approval_state), ("draft", "to_approve"))
        order.with_user(self.hz_manager).action_channel_approve()
        self.assertEqual((order.state, order.channel_approval_state), ("sale", "approved"))
        self.assertEqual(order.channel_approved_by_id, self.hz_manager)
        self.assertFalse(order.activity_ids, "the approval activity is done")

    def test_only_the_sellers_managers_decide(self):
        self.store_hz.credit_grade = "C"
        order = self.store_order(self.store_hz, self.hz_manager, qty=1)
        clerk = self.env["res.users"].create({
            "name": "T 杭州开单员", "login": "t.hz.clerk",
            "company_id": self.hz_company.id, "company_ids": [(6, 0, self.hz_company.ids)],
            "groups_id": [(6, 0, [self.env.ref("channel_base.group_channel_distributor_user").id,
                                  self.env.ref("sales_team.group_sale_salesman").id])],
        })
        with self.assertRaises(AccessError):
            order.with_user(clerk).action_channel_approve()
        with self.assertRaises(AccessError):
            order.with_user(clerk).write({"channel_approval_state": "approved"})
        with self.assertRaises(AccessError):
            self.env_of(clerk, self.hz_company)["sale.order"].create({
                "partner_id": self.store_hz.partner_id.id, "channel_approval_state": "approved",
            })
        with self.assertRaises(AccessError):
            order.with_user(self.store_hz_user).action_channel_approve()
        # another branch cannot even read it
        with self.assertRaises(AccessError):
            order.with_user(self.south_manager).with_context(
                allowed_company_ids=self.south_company.ids).action_channel_approve()
        self.assertEqual(order.channel_approval_state, "to_approve")
        order.with_user(self.hz_manager).action_channel_approve()
        with self.assertRaises(UserError):
            order.with_user(self.hz_manager).action_channel_approve()

    def test_grade_d_is_prepaid_only(self):
        self.store_hz.write({"credit_grade": "D", "credit_limit": 100000.0})
        order = self.store_order(self.store_hz, self.hz_manager, qty=4)  # 10.0
        self.assertEqual(order.channel_approval_state, "to_approve")
        self.assertIn("prepaid", order.channel_approval_reason)
        # the store pays 10 in advance: the same order now confirms by itself
        payment = self.env["account.payment"].with_company(self.hz_company).create({
            "payment_type": "inbound", "partner_type": "customer", "partner_id": self.store_hz.partner_id.id,
            "amount": 10.0, "company_id": self.hz_company.id,
        })
        payment.action_post()
        order.action_confirm()
        self.assertEqual((order.state, order.channel_approval_state), ("sale", "none"))
        self.assertFalse(order.activity_ids)

    def test_a_rejected_dealer_order_cancels_the_buyers_purchase(self):
        self.hz.credit_grade = "C"
        purchase = self.purchase(self.hz, self.hz_manager, qty=4)
        self.assertEqual(purchase.state, "purchase", "the buyer's purchase order is placed")
        sale = purchase.sudo().intercompany_sale_order_id
        self.assertEqual((sale.state, sale.channel_approval_state), ("draft", "to_approve"))
        self.assertTrue(
            any("waits for approval" in body for body in purchase.message_ids.mapped("body")),
            "the buyer is told on its purchase",
        )
        wizard = self.env["channel.order.reject"].with_user(self.east_manager).with_context(
            allowed_company_ids=self.east_company.ids
        ).create({"order_ids": [(6, 0, sale.ids)], "reason": "逾期账款未结清"})
        wizard.action_reject()
        self.assertEqual((sale.state, sale.channel_approval_state), ("cancel", "rejected"))
        self.assertEqual(purchase.state, "cancel")
        self.assertTrue(any("逾期账款未结清" in body for body in purchase.message_ids.mapped("body")))

    def test_non_channel_customers_keep_odoos_behaviour(self):
        walk_in = self.env["res.partner"].create({"name": "T 散客"})
        order = self.env_of(self.hz_manager, self.hz_company)["sale.order"].create({
            "partner_id": walk_in.id,
            "order_line": [(0, 0, {"product_id": self.product.id, "product_uom_qty": 1})],
        })
        self.assertFalse(order.channel_buyer_member_id)
        order.action_confirm()
        self.assertEqual((order.state, order.channel_approval_state), ("sale", "none"))
