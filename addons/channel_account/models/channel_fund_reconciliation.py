# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models, tools


class ChannelFundReconciliation(models.Model):
    """Every fund account against the books: the ledger's balance, the sum of
    its entries' amounts as the issuer's GL carries them for the holder, and
    the difference (which must be zero). One SQL query, whatever the size."""

    _name = "channel.fund.reconciliation"
    _description = "Fund Accounts against the Books"
    _auto = False
    _order = "difference desc, account_id"

    account_id = fields.Many2one("channel.fund.account", readonly=True)
    holder_id = fields.Many2one("channel.member", readonly=True)
    company_id = fields.Many2one("res.company", string="Issuer", readonly=True)
    currency_id = fields.Many2one("res.currency", readonly=True)
    account_type = fields.Selection(related="account_id.account_type")
    ledger_balance = fields.Monetary(readonly=True, help="The sum of the ledger entries.")
    gl_balance = fields.Monetary(
        string="In the Books", readonly=True,
        help="Cash and rebate funds: what the issuer's GL account of the fund owes the holder (credit minus "
        "debit). Credit lines: the credit limit the issuer's company enforces for the holder.",
    )
    difference = fields.Monetary(readonly=True)
    in_balance = fields.Boolean(readonly=True)

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(f"""
            CREATE VIEW {self._table} AS (
                SELECT a.id, a.id AS account_id, a.holder_id, a.company_id, a.currency_id,
                       COALESCE(e.total, 0) AS ledger_balance,
                       b.total AS gl_balance,
                       ABS(COALESCE(e.total, 0) - b.total) AS difference,
                       ABS(COALESCE(e.total, 0) - b.total) < 0.005 AS in_balance
                  FROM channel_fund_account a
                  JOIN res_partner p ON p.id = a.partner_id
                  LEFT JOIN (SELECT account_id, SUM(amount) AS total
                               FROM channel_fund_entry GROUP BY account_id) e ON e.account_id = a.id
                  LEFT JOIN (SELECT l.company_id, l.partner_id, l.account_id, l.currency_id,
                                    -SUM(l.amount_currency) AS total
                               FROM account_move_line l
                              WHERE l.parent_state = 'posted'
                              GROUP BY l.company_id, l.partner_id, l.account_id, l.currency_id) g
                         ON g.company_id = a.company_id AND g.partner_id = a.partner_id
                        AND g.account_id = a.gl_account_id AND g.currency_id = a.currency_id
                  -- money accounts: their GL account for the holder; credit
                  -- lines: the credit limit Odoo enforces in the issuer's company
                  CROSS JOIN LATERAL (SELECT CASE WHEN a.account_type = 'credit'
                                                  THEN COALESCE((p.credit_limit ->> a.company_id::text)::numeric, 0)
                                                  ELSE COALESCE(g.total, 0) END AS total) b
            )
        """)
