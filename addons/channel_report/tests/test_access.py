# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError
from odoo.tests import TransactionCase, new_test_user, tagged

from .common import REPORTS, ChannelReportMixin


@tagged("post_install", "-at_install")
class TestReportAccess(ChannelReportMixin, TransactionCase):
    """The dashboards are for the brand's channel team and distributors'
    staff: a store, a portal stranger and an employee outside the channel
    read none of them."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_channel_report()
        cls.employee = new_test_user(cls.env, "t.employee", groups="base.group_user")

    def test_brand_user_reads_everything(self):
        env = self.env_as(self.brand_user)
        for model in REPORTS:
            self.assertTrue(env[model].search([]), model)
            self.assertEqual(len(env[model].search([])), len(self.env[model].search([])), model)
        self.assertTrue(env["channel.report.overview"].get_overview("month")["scope"]["brand"])

    def test_outsiders_read_nothing(self):
        for user in (self.store_hz_user, self.stranger, self.employee):
            env = self.env(user=user)
            for model in REPORTS:
                with self.assertRaises(AccessError, msg=f"{model} as {user.login}"):
                    env[model].search([])
                with self.assertRaises(AccessError, msg=f"{model} as {user.login}"):
                    env[model]._read_group([], [], ["__count"])
            with self.assertRaises(AccessError, msg=user.login):
                env["channel.report.overview"].get_overview("year")

    def test_reports_are_read_only(self):
        env = self.env_as(self.brand_manager)
        row = env["channel.report.sale"].search([], limit=1)
        with self.assertRaises(AccessError):
            row.write({"amount": 1.0})
        with self.assertRaises(AccessError):
            env["channel.report.fund"].create({"balance": 1.0})
