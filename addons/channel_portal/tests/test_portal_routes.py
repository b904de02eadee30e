# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import io
import re

import openpyxl

from odoo import Command, fields
from odoo.tests import HttpCase, tagged

from .common import ChannelPortalMixin

GET_ROUTES = [
    "/my/store", "/my/store/catalogue", "/my/store/cart", "/my/store/quick", "/my/store/upload",
    "/my/store/upload/template", "/my/store/accounts", "/my/store/promotions", "/my/store/report",
]


def xlsx(rows):
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    stream = io.BytesIO()
    book.save(stream)
    return stream.getvalue()


@tagged("post_install", "-at_install")
class TestStorePortalRoutes(ChannelPortalMixin, HttpCase):
    """Every route as the store, as another store and as a stranger; forged
    and broken input refused with a message, nothing created."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_channel_portal()

    def login(self, user):
        self.authenticate(user.login, user.login)

    def csrf_token(self):
        """The session's CSRF token, as a page gives it to the browser."""
        return re.search(r'csrf_token: "(\w+)"', self.url_open("/my").text).group(1)

    def post(self, url, data=None, files=None, csrf=True):
        data = dict(data or {})
        if csrf:
            data["csrf_token"] = self.csrf_token()
        return self.url_open(url, data=data, files=files, allow_redirects=False)

    def cart(self, store):
        return self.env["sale.order"]._channel_cart_of(store)

    # === WHO === #
    def test_strangers_are_refused(self):
        for url in GET_ROUTES:
            response = self.url_open(url, allow_redirects=False)
            self.assertIn(response.status_code, (302, 303), f"{url}: anonymous visitors go to the login page")
            self.assertIn("/web/login", response.headers.get("Location", ""))
        self.login(self.stranger)
        for url in GET_ROUTES:
            self.assertEqual(self.url_open(url).status_code, 403, f"{url}: a portal user who is not a store")
        self.assertEqual(self.post("/my/store/cart/add", {"product_id": self.pen.id, "quantity": 1}).status_code, 403)

    def test_pages_as_the_store(self):
        self.login(self.store_hz_user)
        for url in GET_ROUTES:
            self.assertEqual(self.url_open(url).status_code, 200, url)
        home = self.url_open("/my/store").text
        self.assertIn(self.store_hz.name, home)
        self.assertIn(self.hz_company.name, home)

    def test_catalogue_shows_the_store_price_and_its_promotions(self):
        self.login(self.store_hz_user)
        page = self.url_open("/my/store/catalogue?search=T-PEN").text
        self.assertIn("T 促销笔", page)
        self.assertIn("2.50", page, "the store's level price")
        self.assertIn("T 华东门店九折", page)
        self.assertNotIn("T 华南门店专享", page)
        self.assertNotIn("T 橡皮擦", page, "the search narrows")
        self.assertIn("T 促销笔", self.url_open("/my/store/catalogue?search=6900000000017").text, "by barcode")
        self.assertNotIn("T 华南特供", self.url_open("/my/store/catalogue?search=T-SOUTH").text,
                         "another distributor's own product")
        promotions = self.url_open("/my/store/promotions").text
        self.assertIn("T 华东门店九折", promotions)
        self.assertNotIn("T 华南门店专享", promotions)
        self.login(self.store_gd_user)
        promotions = self.url_open("/my/store/promotions").text
        self.assertIn("T 华南门店专享", promotions)
        self.assertNotIn("T 华东门店九折", promotions)
        self.assertIn("T 华南特供", self.url_open("/my/store/catalogue?search=T-SOUTH").text)

    def test_cart_and_forged_posts(self):
        self.login(self.store_hz_user)
        response = self.post("/my/store/cart/add", {
            "product_id": self.pen.id, "quantity": 10, "price_unit": 0.01, "discount": 99,
        })
        self.assertEqual(response.status_code, 303)
        cart = self.cart(self.store_hz)
        line = cart.order_line.filtered(lambda l: l.product_id == self.pen)
        self.assertEqual((line.product_uom_qty, line.price_unit, line.discount), (10.0, 2.5, 0.0),
                         "a price or discount in the form is ignored")
        self.assertEqual(self.discount_of(cart, self.promo_east), 2.5, "its promotion applied: 10 % of 25")
        self.assertEqual(cart.company_id, self.hz_company)
        for data, message in (
            ({"product_id": self.south_only.id, "quantity": 1}, "Not sold to your store"),
            ({"product_id": 10**8, "quantity": 1}, "Unknown product"),
            ({"product_id": "abc", "quantity": 1}, "Unknown product"),
            ({"product_id": self.pen.id, "quantity": -3}, "more than zero"),
            ({"product_id": self.pen.id, "quantity": "many"}, "not a number"),
        ):
            response = self.post("/my/store/cart/add", data)
            self.assertEqual(response.status_code, 400, data)
            self.assertIn(message, response.text, data)
        self.assertEqual(self.cart(self.store_hz).order_line.filtered(lambda l: not l.reward_id).product_id, self.pen,
                         "nothing else was added")
        # another store's cart line cannot be changed
        self.login(self.store_sh_user)
        self.assertEqual(self.post("/my/store/cart/update", {"line_id": line.id, "quantity": 1}).status_code, 400)
        self.assertEqual(line.product_uom_qty, 10.0)
        # without the CSRF token, nothing
        self.login(self.store_hz_user)
        self.assertEqual(self.post("/my/store/cart/add", {"product_id": self.pen.id, "quantity": 1},
                                   csrf=False).status_code, 400)
        self.assertEqual(self.post("/my/store/cart/update", {"line_id": line.id, "quantity": 4}).status_code, 303)
        self.assertEqual(line.product_uom_qty, 4.0)
        self.assertEqual(self.post("/my/store/cart/update", {"line_id": line.id, "quantity": 0}).status_code, 303)
        self.assertFalse(self.cart(self.store_hz).order_line)

    def test_quick_order_all_or_nothing(self):
        self.login(self.store_hz_user)
        response = self.post("/my/store/quick", {
            "code_0": "T-PEN", "quantity_0": "12", "code_1": "NO-SUCH", "quantity_1": "1",
            "code_2": "T-SOUTH-ONLY", "quantity_2": "1", "code_3": "T-ERASER", "quantity_3": "1.5",
        })
        self.assertEqual(response.status_code, 400)
        for message in ("Unknown product code", "Not sold to your store"):
            self.assertIn(message, response.text)
        self.assertFalse(self.cart(self.store_hz), "nothing was ordered")
        response = self.post("/my/store/quick", {
            "code_0": "T-PEN", "quantity_0": "12", "code_1": "6900000000017", "quantity_1": "8",
            "code_2": "T-ERASER", "quantity_2": "5",
        })
        self.assertEqual(response.status_code, 303)
        cart = self.cart(self.store_hz)
        quantities = {line.product_id: line.product_uom_qty for line in cart.order_line if not line.reward_id}
        self.assertEqual(quantities, {self.pen: 20.0, self.eraser: 5.0}, "code and barcode add to one line")

    def test_spreadsheet_upload(self):
        self.login(self.store_hz_user)
        good = xlsx([["Product Code", "Quantity"], ["T-PEN", 24], ["T-ERASER", 6], ["NO-SUCH", 1]])
        response = self.post("/my/store/upload", files={"file": ("order.xlsx", good)})
        self.assertEqual(response.status_code, 200)
        self.assertIn("Unknown product code", response.text)
        self.assertEqual(response.text.count("o_channel_row_ok"), 2)
        self.assertFalse(self.cart(self.store_hz), "the upload itself orders nothing")
        for name, data, message in (
            ("order.xlsx", b"not a spreadsheet at all", "xlsx"),
            ("order.xlsx", xlsx([["T-PEN", "=1+1"]]), "formula"),
            ("order.pdf", good, ".xlsx"),
            ("order.xlsx", b"", "empty"),
        ):
            response = self.post("/my/store/upload", files={"file": (name, data)})
            self.assertEqual(response.status_code, 400, name)
            self.assertIn(message, response.text.lower() if message.islower() else response.text, message)
        self.assertEqual(self.post("/my/store/upload").status_code, 400, "no file")
        self.assertFalse(self.cart(self.store_hz))
        template = self.url_open("/my/store/upload/template")
        self.assertEqual(template.status_code, 200)
        self.assertTrue(template.content.startswith(b"PK"))

    def test_checkout(self):
        self.login(self.store_hz_user)
        self.assertEqual(self.post("/my/store/checkout").status_code, 400, "an empty cart")
        self.post("/my/store/cart/add", {"product_id": self.pen.id, "quantity": 10})
        cart = self.cart(self.store_hz)
        response = self.post("/my/store/checkout")
        self.assertEqual(response.status_code, 200)
        self.assertIn("is confirmed", response.text)
        self.assertEqual(cart.state, "sale")
        self.assertFalse(cart.channel_portal_cart)
        self.assertEqual(self.discount_of(cart, self.promo_east), 2.5)
        # a store on grade C waits, and is told why
        self.store_sh.credit_grade = "C"
        self.login(self.store_sh_user)
        self.post("/my/store/cart/add", {"product_id": self.eraser.id, "quantity": 10})
        held = self.cart(self.store_sh)
        response = self.post("/my/store/checkout")
        self.assertIn("waits for approval", response.text)
        self.assertEqual(held.channel_approval_state, "to_approve")
        self.assertIn(held.channel_approval_reason.split(".")[0], response.text)
        # paying with more rebate fund than it has: refused, the cart stays
        self.login(self.store_hz_user)
        self.post("/my/store/cart/add", {"product_id": self.pen.id, "quantity": 10})
        response = self.post("/my/store/checkout", {"rebate_amount": "5"})
        self.assertEqual(response.status_code, 400)
        self.assertIn("no rebate fund", response.text)
        self.assertEqual(self.cart(self.store_hz).state, "draft")

    def test_checkout_paid_in_part_from_the_rebate_fund(self):
        """25.00 of pens less the 2.50 promotion: 22.50; the rebate fund may pay
        the policy's 30 % share of it (6.75)."""
        fund = self.env["channel.fund.account"]._get_or_create(self.store_hz, "rebate")
        fund.action_credit_rebate(50.0)
        self.login(self.store_hz_user)
        self.post("/my/store/cart/add", {"product_id": self.pen.id, "quantity": 10})
        cart = self.cart(self.store_hz)
        self.assertIn("Pay with my rebate fund", self.url_open("/my/store/cart").text)
        response = self.post("/my/store/checkout", {"rebate_amount": "7"})
        self.assertEqual(response.status_code, 400, "more than the policy's share")
        self.assertIn("6.75", response.text)
        self.assertEqual(cart.state, "draft")
        self.assertFalse(cart.channel_fund_hold_ids)
        response = self.post("/my/store/checkout", {"rebate_amount": "6.75"})
        self.assertIn("is confirmed", response.text)
        self.assertEqual(cart.state, "sale")
        self.assertEqual(cart.channel_fund_hold_ids.mapped("amount"), [6.75])
        self.assertEqual(fund.available, 43.25)

    def test_reorder(self):
        order = self.order_for(self.store_hz, qty=30, confirm=True)
        self.login(self.store_hz_user)
        self.assertEqual(self.post(f"/my/store/reorder/{order.id}").status_code, 303)
        cart = self.cart(self.store_hz)
        self.assertEqual(cart.order_line.filtered(lambda l: not l.reward_id).mapped("product_uom_qty"), [30.0])
        self.assertIn("o_channel_reorder", self.url_open(f"/my/orders/{order.id}").text)
        self.login(self.store_sh_user)
        self.assertEqual(self.post(f"/my/store/reorder/{order.id}").status_code, 404, "another store's order")
        self.assertEqual(self.post("/my/store/reorder/999999999").status_code, 404)
        self.assertFalse(self.cart(self.store_sh))

    def test_accounts_and_statements(self):
        account = self.env["channel.fund.account"]._get_or_create(self.store_hz, "cash")
        account.action_deposit(300.0)
        other = self.env["channel.fund.account"]._get_or_create(self.store_sh, "cash")
        self.login(self.store_hz_user)
        page = self.url_open("/my/store/accounts").text
        self.assertIn("300.00", page)
        statement = self.url_open(f"/my/store/accounts/{account.id}/statement")
        self.assertEqual(statement.status_code, 200)
        self.assertIn("300.00", statement.text if "html" in statement.headers["Content-Type"] else "300.00")
        self.assertEqual(self.url_open(f"/my/store/accounts/{other.id}/statement").status_code, 404)
        self.assertEqual(
            self.url_open(f"/my/store/accounts/{account.id}/statement?date_from=2026-13-45").status_code, 400
        )

    def test_rebate_watchlist(self):
        """T-HZ pays its stores 1 % below 1,000 of sell-in a quarter, 2 % from
        1,000: a store that bought 800 must buy 200 more."""
        today = fields.Date.today()
        self.env["channel.rebate.policy"].create({
            "name": "T 门店季度返利", "company_id": self.hz_company.id,
            "level_ids": [Command.set(self.level_store.ids)],
            "period": "custom", "date_from": today.replace(day=1), "date_to": fields.Date.add(today, days=60),
            "tier_ids": [Command.create({"threshold_from": 0, "threshold_to": 1000, "rate": 1}),
                         Command.create({"threshold_from": 1000, "rate": 2})],
        })
        invoice = self.env["account.move"].with_company(self.hz_company).create({
            "move_type": "out_invoice", "partner_id": self.store_hz.partner_id.id, "invoice_date": today,
            "invoice_line_ids": [Command.create({"product_id": self.pen.id, "quantity": 320, "price_unit": 2.5,
                                                 "tax_ids": [Command.clear()]})],
        })
        invoice.action_post()
        self.login(self.store_hz_user)
        page = self.url_open("/my/store/accounts").text
        self.assertIn("T 门店季度返利", page)
        self.assertIn("200.00", page)
        self.login(self.store_gd_user)
        self.assertNotIn("T 门店季度返利", self.url_open("/my/store/accounts").text, "not T-HZ's store")

    def test_stock_report(self):
        Report = self.env["channel.sellout.report"]
        self.login(self.store_hz_user)
        response = self.post("/my/store/report", {
            "code_0": "T-PEN", "on_hand_0": "40", "sold_0": "-3", "code_1": "NO-SUCH", "on_hand_1": "1", "sold_1": "1",
        })
        self.assertEqual(response.status_code, 400)
        # the report's own words, as over XML-RPC and the API
        self.assertIn("Line 1 (T-PEN): a quantity sold of -3.0 is not possible", response.text)
        self.assertIn("Line 2: no product has the code NO-SUCH", response.text)
        self.assertFalse(Report.search([("member_id", "=", self.store_hz.id)]), "nothing recorded")
        response = self.post("/my/store/report", {
            "code_0": "T-PEN", "on_hand_0": "40", "sold_0": "12", "code_1": "T-ERASER", "on_hand_1": "5", "sold_1": "0",
        })
        self.assertEqual(response.status_code, 303)
        report = Report.search([("member_id", "=", self.store_hz.id)])
        self.assertEqual(report.company_id, self.hz_company)
        self.assertEqual(sorted(report.line_ids.mapped(lambda l: (l.product_id.default_code, l.qty_on_hand, l.qty_sold))),
                         [("T-ERASER", 5.0, 0.0), ("T-PEN", 40.0, 12.0)])
        # sent again the same week: replaced
        upload = xlsx([["Code", "On hand", "Sold"], ["T-PEN", 30, 22]])
        self.assertEqual(self.post("/my/store/report/upload", files={"file": ("stock.xlsx", upload)}).status_code, 303)
        self.assertEqual(report.line_ids.mapped(lambda l: (l.qty_on_hand, l.qty_sold)), [(30.0, 22.0)])
        self.assertEqual(Report.search_count([("member_id", "=", self.store_hz.id)]), 1)
        # who sees it: its distributor, not another branch
        self.assertTrue(Report.with_user(self.hz_manager).with_context(
            allowed_company_ids=self.hz_company.ids).search([("id", "=", report.id)]))
        self.assertFalse(Report.with_user(self.south_manager).with_context(
            allowed_company_ids=self.south_company.ids).search([("id", "=", report.id)]))
