# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import new_test_user

from odoo.addons.channel_base.tests.common import PASSWORD
from odoo.addons.channel_stock.tests.common import ChannelStockMixin


class ChannelApiMixin(ChannelStockMixin):
    """The stock test network, the ERP's integration user (the channel API
    only) and the brand's integration administrator."""

    @classmethod
    def setup_channel_api(cls):
        cls.setup_channel_stock()
        cls.erp = new_test_user(
            cls.env, "t.erp", password=PASSWORD, groups="base.group_user,channel_api.group_channel_api",
        )
        cls.integration_admin = new_test_user(
            cls.env, "t.integration.admin", password=PASSWORD,
            groups="base.group_user,channel_api.group_channel_api_admin",
        )
        cls.Api = cls.env["channel.api"].with_user(cls.erp)

    def statuses(self, results):
        return [result["status"] for result in results]

    def last_call(self):
        return self.env["channel.api.call"].search([], limit=1)
