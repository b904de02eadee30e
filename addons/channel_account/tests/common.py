# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.addons.channel_base.tests.common import ChannelNetworkMixin


class ChannelFundMixin(ChannelNetworkMixin):
    """The test network and the fund accounts of its store at 杭州."""

    @classmethod
    def store_hz_account(cls, account_type):
        """The store's account of ``account_type`` with its distributor, as
        the distributor's manager operates it (in the distributor's company)."""
        account = cls.env["channel.fund.account"]._get_or_create(cls.store_hz, account_type)
        return account.with_user(cls.hz_manager).with_context(allowed_company_ids=cls.hz.tenant_company_id.ids)
