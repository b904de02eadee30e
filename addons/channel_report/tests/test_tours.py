# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import HttpCase, tagged

from .common import ChannelReportMixin


@tagged("post_install", "-at_install")
class TestOverviewTour(ChannelReportMixin, HttpCase):
    """The overview in a real browser: the brand's whole network, then a
    distributor's branch; a period and a drill-down into the dashboard."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_channel_report()

    def test_brand_overview(self):
        self.start_tour("/odoo/action-channel_report.channel_report_overview_action", "channel_report_overview_brand",
                        login="t.brand.manager")

    def test_distributor_overview(self):
        self.start_tour("/odoo/action-channel_report.channel_report_overview_action",
                        "channel_report_overview_distributor", login="t.south")
