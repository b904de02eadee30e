# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import re

from odoo import Command
from odoo.exceptions import UserError, ValidationError
from odoo.tests import HttpCase, tagged

from .common import ChannelPortalMixin


@tagged("post_install", "-at_install")
class TestStorePortalBadInput(ChannelPortalMixin, HttpCase):
    """Bad input at the store's checkout answers 400 with a message a store
    owner understands, and writes nothing; a promotion the store was entitled
    to is never dropped silently."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_channel_portal()
        cls.fund = cls.env["channel.fund.account"]._get_or_create(cls.store_hz, "rebate")
        cls.fund.action_credit_rebate(50.0)
        cls.promo_code = cls.promotion(
            name="T 华东门店券", channel_region_ids=[Command.set(cls.region_east.ids)], trigger="with_code",
            rule={"mode": "with_code", "code": "T-CODE5", "product_ids": [Command.set(cls.eraser.ids)]},
            reward={"discount": 5, "discount_applicability": "specific",
                    "discount_product_ids": [Command.set(cls.eraser.ids)]},
        )

    def login(self, user):
        self.authenticate(user.login, user.login)

    def post(self, url, data=None):
        token = re.search(r'csrf_token: "(\w+)"', self.url_open("/my").text).group(1)
        return self.url_open(url, data=dict(data or {}, csrf_token=token), allow_redirects=False)

    def cart(self):
        return self.env["sale.order"]._channel_cart_of(self.store_hz)

    def test_rebate_amount_not_a_finite_number_is_a_400(self):
        self.login(self.store_hz_user)
        self.post("/my/store/cart/add", {"product_id": self.pen.id, "quantity": 10})
        cart = self.cart()
        for amount in ("nan", "NaN", "inf", "-inf", "Infinity", "1e309", "-1e309"):
            response = self.post("/my/store/checkout", {"rebate_amount": amount})
            self.assertEqual(response.status_code, 400, amount)
            self.assertIn("not a possible amount", response.text, amount)
            cart.invalidate_recordset()
            self.assertEqual((cart.state, cart.channel_fund_amount, cart.channel_fund_account_id.id), ("draft", 0.0, False),
                             f"{amount}: nothing written")
            self.assertFalse(cart.channel_fund_hold_ids, amount)
        self.fund.invalidate_recordset()
        self.assertEqual(self.fund.available, 50.0)
        # the model refuses them too, whoever calls it
        for amount in (float("nan"), float("inf"), float("-inf")):
            with self.assertRaises(UserError):
                cart._channel_cart_checkout(amount)
        self.assertEqual(cart.state, "draft")

    def test_fractional_units_are_refused_everywhere(self):
        """A pen is sold in whole units (though Odoo rounds Units to 0.01): 2.5 pens is
        refused by the cart, the quick order and the order itself."""
        self.login(self.store_hz_user)
        response = self.post("/my/store/cart/add", {"product_id": self.pen.id, "quantity": "2.5"})
        self.assertEqual(response.status_code, 400)
        self.assertIn("whole", response.text)
        response = self.post("/my/store/quick", {"code_0": "T-PEN", "quantity_0": "2.5"})
        self.assertEqual(response.status_code, 400)
        self.assertIn("whole", response.text)
        self.assertFalse(self.cart(), "nothing was added")
        self.post("/my/store/cart/add", {"product_id": self.pen.id, "quantity": 3})
        line = self.cart().order_line.filtered(lambda l: l.product_id == self.pen)
        response = self.post("/my/store/cart/update", {"line_id": line.id, "quantity": "1.5"})
        self.assertEqual(response.status_code, 400)
        self.assertEqual(line.product_uom_qty, 3.0)
        # the rule is the order line's: a seller's order for 2.5 pens is refused
        with self.assertRaises(ValidationError) as caught:
            self.order_for(self.store_hz, qty=2.5, confirm=True)
        self.assertIn("whole", str(caught.exception))
        with self.assertRaises(ValidationError):
            line.with_context(allowed_company_ids=self.hz_company.ids).product_uom_qty = 2.5

    def test_an_endless_product_code_is_refused_not_echoed(self):
        self.login(self.store_hz_user)
        response = self.post("/my/store/quick", {"code_0": "Q" * 1_000_000, "quantity_0": "1"})
        self.assertEqual(response.status_code, 400)
        self.assertIn("at most 100 characters", response.text)
        self.assertNotIn("Q" * 100, response.text)
        self.assertFalse(self.cart())

    def test_a_promotion_code_survives_the_checkout(self):
        self.login(self.store_hz_user)
        self.post("/my/store/cart/add", {"product_id": self.eraser.id, "quantity": 100})
        response = self.post("/my/store/cart/code", {"code": "T-NO-SUCH-CODE"})
        self.assertEqual(response.status_code, 400)
        self.assertFalse(self.discount_of(self.cart(), self.promo_code))
        response = self.post("/my/store/cart/code", {"code": "T-CODE5"})
        self.assertEqual(response.status_code, 303)
        cart = self.cart()
        self.assertEqual(self.discount_of(cart, self.promo_code), 6.0, "5 % of 100 erasers at 1.20")
        response = self.post("/my/store/checkout")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(cart.state, "sale")
        self.assertEqual(self.discount_of(cart, self.promo_code), 6.0, "the code's discount is on the order")

    def test_a_promotion_code_given_at_checkout(self):
        self.login(self.store_hz_user)
        self.post("/my/store/cart/add", {"product_id": self.eraser.id, "quantity": 100})
        cart = self.cart()
        response = self.post("/my/store/checkout", {"promo_code": "T-WRONG"})
        self.assertEqual(response.status_code, 400)
        self.assertEqual(cart.state, "draft", "a code that does not apply: not placed, the store is told")
        response = self.post("/my/store/checkout", {"promo_code": "T-CODE5"})
        self.assertEqual(response.status_code, 200)
        self.assertEqual(cart.state, "sale")
        self.assertEqual(self.discount_of(cart, self.promo_code), 6.0)

    def test_a_code_kept_when_the_seller_confirms(self):
        """The model's side: re-pricing the channel promotions keeps the code
        the store entered (Odoo forgets it with the reward line)."""
        order = self.env["sale.order"].with_company(self.hz_company).create({
            "partner_id": self.store_hz.partner_id.id,
            "order_line": [Command.create({"product_id": self.eraser.id, "product_uom_qty": 100})],
        })
        self.assertNotIn("error", order._try_apply_code("T-CODE5"))
        order.channel_apply_promotions()
        self.assertEqual(self.discount_of(order, self.promo_code), 6.0)
        order.channel_apply_promotions()
        self.assertEqual(self.discount_of(order, self.promo_code), 6.0, "priced again: still there")
        order.action_confirm()
        self.assertEqual((order.state, self.discount_of(order, self.promo_code)), ("sale", 6.0))
