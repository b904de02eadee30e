# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

from odoo.addons.channel_account.models.channel_fund_account import FUND_TYPES


class ChannelReportFund(models.Model):
    """Every fund account's balance (the sum of its ledger entries), what
    confirmed orders hold on it, and what is left to spend; with the
    holder's level and region and the issuer, for totals by type, region,
    level or issuer. A credit line's balance is its limit; what its holder
    owes on it is counted by the credit approval, not as holds."""

    _name = "channel.report.fund"
    _description = "Fund Balances"
    _auto = False
    _order = "balance desc, id"
    _rec_name = "account_id"
    _depends = {
        "channel.fund.account": ["holder_id", "company_id", "account_type", "currency_id"],
        "channel.fund.entry": ["account_id", "amount"],
        "channel.fund.hold": ["account_id", "amount", "state"],
        "channel.member": ["role", "level_id", "region_id"],
    }

    account_id = fields.Many2one("channel.fund.account", string="Account", readonly=True)
    account_type = fields.Selection(FUND_TYPES, string="Type", readonly=True)
    holder_id = fields.Many2one("channel.member", string="Holder", readonly=True)
    company_id = fields.Many2one("res.company", string="Issuer", readonly=True)
    currency_id = fields.Many2one("res.currency", readonly=True)
    level_id = fields.Many2one("channel.level", string="Holder's Level", readonly=True)
    region_id = fields.Many2one("res.region", string="Holder's Region", readonly=True)
    balance = fields.Monetary(readonly=True, help="The sum of the ledger entries.")
    hold_amount = fields.Monetary(string="On Hold", readonly=True,
                                  help="Reserved by confirmed orders not yet invoiced (cash and rebate funds).")
    available = fields.Monetary(readonly=True, help="Balance less holds.")
    entry_count = fields.Integer(string="Entries", readonly=True)

    @property
    def _table_query(self):
        return """
            WITH entries AS (
                SELECT account_id, SUM(amount) AS balance, COUNT(*) AS entry_count
                  FROM channel_fund_entry GROUP BY account_id
            ),
            holds AS (
                SELECT account_id, SUM(amount) AS amount
                  FROM channel_fund_hold WHERE state = 'active' GROUP BY account_id
            )
            SELECT a.id, a.id AS account_id, a.account_type, a.holder_id, a.company_id, a.currency_id,
                   m.level_id, m.region_id,
                   COALESCE(e.balance, 0.0) AS balance,
                   CASE WHEN a.account_type = 'credit' THEN 0.0 ELSE COALESCE(h.amount, 0.0) END AS hold_amount,
                   COALESCE(e.balance, 0.0)
                       - CASE WHEN a.account_type = 'credit' THEN 0.0 ELSE COALESCE(h.amount, 0.0) END AS available,
                   COALESCE(e.entry_count, 0) AS entry_count
              FROM channel_fund_account a
              JOIN channel_member m ON m.id = a.holder_id
              LEFT JOIN entries e ON e.account_id = a.id
              LEFT JOIN holds h ON h.account_id = a.id
        """
