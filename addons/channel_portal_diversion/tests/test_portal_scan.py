# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import re

from odoo.tests import HttpCase, tagged

from odoo.addons.channel_base.tests.common import PASSWORD
from odoo.addons.channel_diversion.tests.common import ChannelDiversionMixin


@tagged("post_install", "-at_install")
class TestPortalScan(ChannelDiversionMixin, HttpCase):
    """A store scans a code on its phone and is told at once."""

    browser_size = "390x844"
    touch_enabled = True

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_channel_diversion()

    def post_scan(self, code):
        page = self.url_open("/my/store/scan")
        self.assertEqual(page.status_code, 200)
        token = re.search(r'name="csrf_token" value="(\w+)"', page.text).group(1)
        return self.url_open("/my/store/scan", data={"code": code, "csrf_token": token})

    def test_store_scans_on_the_portal(self):
        self.authenticate("t.store.gd", PASSWORD)
        home = self.url_open("/my/store")
        self.assertIn("o_channel_scan_tile", home.text)
        diverted = self.post_scan(self.unit_1.name)
        self.assertIn("o_channel_scan_diverted", diverted.text)
        scan = self.env["channel.code.scan"].search([("code", "=", self.unit_1.name)])
        self.assertEqual((scan.source, scan.member_id, scan.result), ("portal", self.store_gd, "diverted"))
        self.assertIn("o_channel_scan_unknown", self.post_scan("T-NOT-A-CODE").text)
        empty = self.post_scan("")
        self.assertEqual(empty.status_code, 400)
        self.assertIn("o_channel_scan_error", empty.text)

    def test_a_million_character_code_is_a_400_and_stores_nothing(self):
        self.authenticate("t.store.gd", PASSWORD)
        response = self.post_scan("Z" * 1_000_000)
        self.assertEqual(response.status_code, 400)
        self.assertIn("o_channel_scan_error", response.text)
        self.assertNotIn("Z" * 100, response.text, "the input is not echoed back")
        self.assertFalse(self.env["channel.code.scan"].search([("member_id", "=", self.store_gd.id)]))

    def test_only_stores_scan(self):
        self.authenticate("t.hz", PASSWORD)
        self.assertEqual(self.url_open("/my/store/scan").status_code, 403)
        self.authenticate(None, None)
        response = self.url_open("/my/store/scan", allow_redirects=False)
        self.assertIn("/web/login", response.headers.get("Location", ""))

    def test_scan_tour_at_phone_width(self):
        self.env.cr.execute("UPDATE channel_code SET name = 'T-UNIT-FROM-EAST' WHERE id = %s", [self.unit_1.id])
        self.start_tour("/my/store", "channel_portal_diversion_scan", login="t.store.gd")
        scans = self.env["channel.code.scan"].search([("member_id", "=", self.store_gd.id)])
        self.assertEqual(sorted(scans.mapped("result")), ["diverted", "unknown"])
        self.assertEqual(scans.filtered(lambda s: s.result == "diverted").case_id.distributor_id, self.east)
