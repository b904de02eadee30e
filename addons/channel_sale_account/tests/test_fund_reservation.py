# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import odoo
from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import TransactionCase, tagged
from odoo.tools import SQL

from odoo.addons.channel_base.tests.common import ChannelNetworkMixin


@tagged("post_install", "-at_install")
class TestFundReservation(ChannelNetworkMixin, TransactionCase):
    """A confirmation reserves the fund payment in a short transaction of its
    own (here, under the test runner, in the test's transaction: the
    concurrency itself is proven on a real server, tests/
    test_fund_ripple_concurrency.py); the hold takes it over."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_channel_network()
        cls.hz_company = cls.hz.tenant_company_id
        cls.store_hz.write({"credit_grade": "A", "credit_limit": 10**6})
        cls.cash = cls.env["channel.fund.account"]._get_or_create(cls.store_hz, "cash")
        cls.cash.action_deposit(100.0)
        cls.product = cls.env["product.product"].create({"name": "T 练习本", "list_price": 10.0, "type": "consu"})

    def order(self, amount_from_fund, qty=10):
        env = self.env(user=self.hz_manager, context=dict(self.env.context, allowed_company_ids=self.hz_company.ids))
        return env["sale.order"].create({
            "partner_id": self.store_hz.partner_id.id,
            "order_line": [Command.create({"product_id": self.product.id, "product_uom_qty": qty, "price_unit": 10.0})],
            "channel_fund_account_id": self.cash.id,
            "channel_fund_amount": amount_from_fund,
        })

    def reserve(self, amount, transaction_id, minutes=2, order_id=None):
        """A reservation as a confirmation in transaction ``transaction_id`` leaves it."""
        self.env.cr.execute(SQL(
            """INSERT INTO channel_fund_reservation (account_id, order_id, amount, transaction_id, expires_at)
               VALUES (%s, %s, %s, %s, (now() AT TIME ZONE 'UTC') + make_interval(mins => %s)) RETURNING id""",
            self.cash.id, order_id or -int(amount * 100), amount, transaction_id, minutes,
        ))
        self.cash.invalidate_recordset()
        return self.env.cr.fetchone()[0]

    def rolled_back_transaction(self):
        """The id of a transaction that really rolled back, on a connection of its own."""
        connection = odoo.sql_db.db_connect(self.env.cr.dbname).cursor()
        try:
            connection.execute("SELECT txid_current()")
            transaction_id = connection.fetchone()[0]
            connection.rollback()
        finally:
            connection.close()
        return transaction_id

    def test_an_amount_from_the_fund_that_is_not_a_number_is_refused_in_words(self):
        """nan, inf and 1e309 sent as the fund's part of an order (the form,
        XML-RPC) are refused with a message, and nothing is written."""
        order = self.order(30.0)
        for amount in (float("nan"), float("inf"), float("-inf"), 1e309):
            with self.assertRaises(UserError) as caught:
                self.order(amount)
            self.assertIn("number", str(caught.exception))
            with self.assertRaises(UserError):
                order.write({"channel_fund_amount": amount})
            self.assertEqual(order.channel_fund_amount, 30.0)

    def test_a_confirmation_holds_its_payment_once(self):
        order = self.order(40.0)
        order.action_confirm()
        hold = order.channel_fund_hold_ids
        self.assertRecordValues(hold, [{"state": "active", "amount": 40.0}])
        reservation = self.env["channel.fund.reservation"].browse(hold.reservation_id)
        self.assertRecordValues(reservation, [{"account_id": self.cash.id, "order_id": order.id, "amount": 40.0}])
        self.cash.invalidate_recordset()
        self.assertRecordValues(self.cash, [{"balance": 100.0, "hold_amount": 40.0, "available": 60.0}])

    def test_a_refusal_says_why_and_reserves_nothing(self):
        self.order(70.0).action_confirm()
        order = self.order(40.0)
        with self.assertRaises(UserError) as refusal:
            order.action_confirm()
        message = str(refusal.exception).replace("\xa0", " ")
        self.assertIn(f"Order {order.name} needs ¥ 40.00", message)
        self.assertIn("which has only ¥ 30.00 available", message)
        self.assertEqual(order.state, "draft")
        self.assertFalse(order.channel_fund_hold_ids)
        self.assertFalse(self.env["channel.fund.reservation"].search_count([("order_id", "=", order.id)]))
        self.cash.invalidate_recordset()
        self.assertEqual(self.cash.available, 30.0)

    def test_a_reservation_counts_while_its_transaction_runs_never_after(self):
        self.env.cr.execute(SQL("SELECT txid_current()"))
        running = self.env.cr.fetchone()[0]
        self.reserve(10.0, running)
        self.assertEqual(self.cash.available, 90.0, "its confirmation is still running")
        # transaction 2 is PostgreSQL's own, committed long ago
        self.reserve(20.0, 2)
        self.assertEqual(self.cash.available, 70.0, "committed just now: its order's hold may not be visible yet")
        self.reserve(30.0, 2, minutes=-1)
        self.assertEqual(self.cash.available, 70.0, "committed without taking it over: it lapsed")
        self.reserve(40.0, self.rolled_back_transaction())
        self.assertEqual(self.cash.available, 70.0, "a transaction that rolled back holds nothing, at once")

    def test_a_hold_takes_its_reservation_over(self):
        order = self.order(25.0)
        order.action_confirm()
        self.assertEqual(self.cash.hold_amount, 25.0, "the hold and its reservation count once")
        order.with_context(disable_cancel_warning=True).action_cancel()
        self.cash.invalidate_recordset()
        self.assertRecordValues(self.cash, [{"hold_amount": 0.0, "available": 100.0}])

    def test_a_new_reservation_forgets_what_no_longer_counts(self):
        lapsed = self.reserve(30.0, 2, minutes=-1)
        order = self.order(50.0)
        order.action_confirm()
        self.assertFalse(self.env["channel.fund.reservation"].search_count([("id", "=", lapsed)]))
        again = self.order(50.0)
        again.action_confirm()
        self.assertEqual(self.cash.available, 0.0)

    def test_only_the_brand_manager_reads_reservations(self):
        self.order(10.0).action_confirm()
        Reservation = self.env["channel.fund.reservation"]
        self.assertEqual(Reservation.with_user(self.brand_manager).search_count([("account_id", "=", self.cash.id)]), 1)
        for user in (self.brand_user, self.hz_manager, self.east_manager, self.store_hz_user, self.store_gd_user):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                Reservation.with_user(user).search([])
        with self.assertRaises(AccessError):
            Reservation.with_user(self.brand_manager).create({
                "account_id": self.cash.id, "order_id": 1, "amount": 1.0, "transaction_id": 2,
                "expires_at": "2030-01-01 00:00:00",
            })
