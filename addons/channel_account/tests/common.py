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


class HolderBooksMixin:
    def row(self, account):
        self.env.flush_all()
        self.env["channel.fund.reconciliation"].invalidate_model()  # a SQL view: read it anew
        return self.env["channel.fund.reconciliation"].search([("account_id", "=", account.id)])

    def holder_receivable(self, account):
        """What the holder's own books say the issuer's rebate fund owes it."""
        company = account.holder_id.tenant_company_id
        lines = self.env["account.move.line"].search([
            ("company_id", "=", company.id), ("parent_state", "=", "posted"),
            ("account_id", "=", company._channel_fund_gl_account("upstream_rebate").id),
            ("partner_id", "=", account.company_id.partner_id.id),
        ])
        return round(sum(lines.mapped("amount_currency")), 2)

    def assert_both_books(self, account, balance):
        """The ledger, the issuer's books and the holder's books say ``balance``."""
        self.assertEqual(account.balance, balance)
        row = self.row(account)
        self.assertRecordValues(row, [{
            "ledger_balance": balance, "gl_balance": balance, "holder_company_id": account.holder_id.tenant_company_id.id,
            "holder_balance": balance, "holder_difference": 0.0, "in_balance": True,
        }])
        self.assertEqual(self.holder_receivable(account), balance)
