# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import HttpCase, tagged
from odoo.tests.common import ChromeBrowser

from .common import ChannelPortalMixin

# the main pages, photographed at phone width after the tours
SCREENSHOTS = [
    ("home", "/my/store"), ("catalogue", "/my/store/catalogue"), ("cart", "/my/store/cart"),
    ("quick", "/my/store/quick"), ("upload", "/my/store/upload"), ("accounts", "/my/store/accounts"),
    ("promotions", "/my/store/promotions"), ("report", "/my/store/report"), ("orders", "/my/orders"),
]
# the page loaded, then a second for its scripts' own requests
SETTLED = """(async () => {
    if (document.readyState !== "complete") {
        await new Promise((resolve) => window.addEventListener("load", resolve, { once: true }));
    }
    await new Promise((resolve) => setTimeout(resolve, 1000));
    console.log("test successful");
})()"""


@tagged("post_install", "-at_install")
class TestStorePortalTours(ChannelPortalMixin, HttpCase):
    """A store owner on a phone (390 × 844, touch): quick order, reorder,
    spreadsheet upload and statement, in headless Chromium."""

    browser_size = "390x844"
    touch_enabled = True

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_channel_portal()
        account = cls.env["channel.fund.account"]._get_or_create(cls.store_hz, "cash")
        account.action_deposit(300.0)

    def test_quick_order(self):
        self.start_tour("/my/store/quick", "channel_portal_quick_order", login=self.store_hz_user.login)
        order = self.env["sale.order"].search([("partner_id", "=", self.store_hz.partner_id.id)], limit=1)
        self.assertEqual(order.state, "sale")
        self.assertEqual(order.order_line.filtered(lambda l: not l.reward_id).product_uom_qty, 20.0)

    def test_reorder(self):
        self.order_for(self.store_hz, qty=30, confirm=True)
        self.start_tour("/my/orders", "channel_portal_reorder", login=self.store_hz_user.login)
        orders = self.env["sale.order"].search([("partner_id", "=", self.store_hz.partner_id.id)])
        self.assertEqual(len(orders), 2)
        self.assertEqual(set(orders.mapped("state")), {"sale"})

    def test_upload(self):
        self.start_tour("/my/store/upload", "channel_portal_upload", login=self.store_hz_user.login)
        cart = self.env["sale.order"]._channel_cart_of(self.store_hz)
        self.assertEqual(sorted(cart.order_line.filtered(lambda l: not l.reward_id).mapped("product_id.default_code")),
                         ["MX-0001", "MX-0002"])

    def test_statement_and_screenshots(self):
        self.start_tour("/my/store", "channel_portal_statement", login=self.store_hz_user.login)
        self.env["sale.order"]._channel_cart_of(self.store_hz, create=True)._channel_cart_add([(self.pen, 24)])
        for name, url in SCREENSHOTS:
            self.screenshot(url, name, self.store_hz_user.login)

    def screenshot(self, url, name, login):
        """Save a PNG of ``url`` as the store sees it (Odoo's screenshots folder)."""
        browser = ChromeBrowser(self, headless=True, success_signal="test successful")
        try:
            self.authenticate(login, login, browser=browser)
            self.cr.flush()
            self.cr.clear()
            browser.navigate_to(self.base_url() + url, wait_stop=True)
            # let the page's scripts finish starting (their requests would fail
            # as the browser closes, and be logged as errors)
            browser._wait_code_ok(SETTLED, timeout=30)
            browser.take_screenshot(prefix=f"store_{name}_").result(timeout=30)
        finally:
            browser.stop()
            self._wait_remaining_requests()
