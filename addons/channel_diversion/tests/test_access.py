# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError
from odoo.tests import TransactionCase, new_test_user, tagged

from .common import ChannelDiversionMixin


@tagged("post_install", "-at_install")
class TestAccess(ChannelDiversionMixin, TransactionCase):
    """Cases and codes: the brand sees all; a distributor those against it or
    its branch and the scans at its stores; stores and strangers nothing."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_channel_diversion()
        cls.stranger = new_test_user(cls.env, "t.div.stranger", groups="base.group_portal")
        cls.case = cls.env["channel.diversion.case"].browse(
            cls.env["channel.code.scan"].with_user(cls.store_gd_user).scan_code(cls.unit_1.name)["case_id"]
        )

    def seen(self, model, user, company):
        return self.env[model].with_user(user).with_company(company).search([])

    def test_cases(self):
        model = "channel.diversion.case"
        self.assertIn(self.case, self.seen(model, self.brand_user, self.brand_company))
        self.assertEqual(self.seen(model, self.east_manager, self.east_company), self.case)
        self.assertFalse(self.seen(model, self.hz_manager, self.hz_company), "not against T-HZ")
        self.assertFalse(self.seen(model, self.south_manager, self.south_company),
                         "found at its store, but the case is against T-EAST")
        for user in (self.store_gd_user, self.stranger):
            with self.assertRaises(AccessError):
                self.env[model].with_user(user).search([])
        with self.assertRaises(AccessError):
            self.case.with_user(self.east_manager).write({"state": "dismissed"})

    def test_scans_and_codes(self):
        scan = self.case.scan_ids
        self.assertEqual(self.seen("channel.code.scan", self.south_manager, self.south_company), scan,
                         "the scan at its store")
        self.assertFalse(self.seen("channel.code.scan", self.hz_manager, self.hz_company))
        codes = self.seen("channel.code", self.east_manager, self.east_company)
        self.assertEqual(codes, self.case_1 | self.case_1.child_ids, "the codes bound to it")
        self.assertFalse(self.seen("channel.code", self.south_manager, self.south_company))
        self.assertGreaterEqual(len(self.seen("channel.code", self.brand_user, self.brand_company)), 8)
        for model in ("channel.code", "channel.code.scan"):
            for user in (self.store_gd_user, self.stranger):
                with self.assertRaises(AccessError):
                    self.env[model].with_user(user).search([])
