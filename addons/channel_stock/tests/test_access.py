# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError
from odoo.tests import TransactionCase, new_test_user, tagged

from .common import ChannelStockMixin


@tagged("post_install", "-at_install")
class TestAccess(ChannelStockMixin, TransactionCase):
    """Who sees whose stock: the brand all of it, a distributor its own, its
    stores' and its branch's, stores and strangers none in the backend."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_channel_stock()
        cls.stranger = new_test_user(cls.env, "t.stock.stranger", groups="base.group_portal")
        cls.rule = cls.env["channel.stock.rule"].create({
            "member_id": cls.store_hz.id, "product_id": cls.pencil.id, "safety_qty": 10,
        })

    def members_seen(self, user, company):
        rows = self.env["channel.stock.health"].with_user(user).with_company(company).search(
            [("product_id", "=", self.pencil.id)]
        )
        return rows.member_id

    def test_who_sees_the_health_report(self):
        self.assertEqual(self.members_seen(self.brand_user, self.brand_company), self.hz | self.store_hz | self.south)
        self.assertEqual(self.members_seen(self.hz_manager, self.hz_company), self.hz | self.store_hz)
        self.assertEqual(self.members_seen(self.east_clerk, self.east_company), self.hz | self.store_hz,
                         "its branch")
        self.assertEqual(self.members_seen(self.south_manager, self.south_company), self.south)
        for user in (self.store_hz_user, self.stranger):
            with self.assertRaises(AccessError):
                self.env["channel.stock.health"].with_user(user).search([])

    def test_who_sees_and_changes_safety_stock(self):
        Rule = self.env["channel.stock.rule"]
        self.assertEqual(Rule.with_user(self.hz_manager).with_company(self.hz_company).search([]), self.rule)
        self.rule.with_user(self.hz_manager).with_company(self.hz_company).safety_qty = 12
        self.assertEqual(Rule.with_user(self.east_clerk).with_company(self.east_company).search([]), self.rule)
        with self.assertRaises(AccessError):
            self.rule.with_user(self.east_clerk).with_company(self.east_company).safety_qty = 1
        self.assertFalse(Rule.with_user(self.south_manager).with_company(self.south_company).search([]))
        with self.assertRaises(AccessError):
            self.rule.with_user(self.south_manager).with_company(self.south_company).safety_qty = 1
        for user in (self.store_hz_user, self.stranger):
            with self.assertRaises(AccessError):
                Rule.with_user(user).search([])

    def test_sellout_reports(self):
        Report = self.env["channel.sellout.report"]
        self.assertEqual(Report.with_user(self.hz_manager).with_company(self.hz_company).search([]).member_id,
                         self.store_hz)
        self.assertFalse(Report.with_user(self.south_manager).with_company(self.south_company).search([]))
        self.assertTrue(Report.with_user(self.brand_user).search([]))
        for user in (self.store_hz_user, self.stranger):
            with self.assertRaises(AccessError):
                Report.with_user(user).search([])
