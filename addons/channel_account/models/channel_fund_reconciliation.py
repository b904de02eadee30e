# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models, tools
from odoo.tools import SQL


class ChannelFundReconciliation(models.Model):
    """Every fund account against the books, on both sides: the ledger's
    balance, the sum of its entries' amounts as the issuer's GL carries them
    for the holder, and the difference (which must be zero); for a rebate fund
    held by a distributor (a tenant, with books of its own), also what the
    holder's books say its upstream owes it, which must be the same balance.
    Stores keep no books: their side is not compared. Nor is a cash fund's: in
    the holder's books it is an advance the holder paid from its own bank and
    booked itself on the payable for its upstream, among that upstream's bills,
    so no balance there is the fund's alone; the view leaves the holder's side
    of cash funds empty rather than flag them. Every movement of a rebate fund
    is mirrored (``channel.fund.account._post_holder_move``), so its row agrees
    after any operation. One SQL query, whatever the size."""

    _name = "channel.fund.reconciliation"
    _description = "Fund Accounts against the Books"
    _auto = False
    _order = "difference desc, holder_difference desc, account_id"

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
    holder_company_id = fields.Many2one(
        "res.company", string="Holder's Books", readonly=True,
        help="Rebate funds of a distributor: its own company, whose books carry what the issuer owes it.",
    )
    holder_balance = fields.Monetary(
        string="In the Holder's Books", readonly=True,
        help="Rebate funds of a distributor: what its books say the issuer's rebate fund owes it "
        "(Rebate Funds with Upstream, for the issuer; debit minus credit).",
    )
    holder_difference = fields.Monetary(string="Holder's Difference", readonly=True)
    in_balance = fields.Boolean(readonly=True, help="The ledger, the issuer's books and the holder's books agree.")

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(SQL("""
            CREATE VIEW %s AS (
                WITH gl AS (SELECT l.company_id, l.partner_id, l.account_id, l.currency_id,
                                   SUM(l.amount_currency) AS total
                              FROM account_move_line l
                             WHERE l.parent_state = 'posted'
                             GROUP BY l.company_id, l.partner_id, l.account_id, l.currency_id)
                SELECT a.id, a.id AS account_id, a.holder_id, a.company_id, a.currency_id,
                       COALESCE(e.total, 0) AS ledger_balance,
                       b.total AS gl_balance,
                       ABS(COALESCE(e.total, 0) - b.total) AS difference,
                       hc.id AS holder_company_id,
                       CASE WHEN hc.id IS NOT NULL THEN COALESCE(h.total, 0) END AS holder_balance,
                       CASE WHEN hc.id IS NOT NULL THEN ABS(COALESCE(e.total, 0) - COALESCE(h.total, 0))
                            ELSE 0 END AS holder_difference,
                       ABS(COALESCE(e.total, 0) - b.total) < 0.005
                       AND (hc.id IS NULL OR ABS(COALESCE(e.total, 0) - COALESCE(h.total, 0)) < 0.005) AS in_balance
                  FROM channel_fund_account a
                  JOIN res_partner p ON p.id = a.partner_id
                  JOIN res_company ic ON ic.id = a.company_id
                  JOIN channel_member m ON m.id = a.holder_id
                  LEFT JOIN (SELECT account_id, SUM(amount) AS total
                               FROM channel_fund_entry GROUP BY account_id) e ON e.account_id = a.id
                  -- the issuer's side: the fund's GL account for the holder (a liability: credit)
                  LEFT JOIN gl g
                         ON g.company_id = a.company_id AND g.partner_id = a.partner_id
                        AND g.account_id = a.gl_account_id AND g.currency_id = a.currency_id
                  -- the holder's side, rebate funds of tenants: what the issuer owes it (an asset: debit)
                  LEFT JOIN res_company hc ON hc.id = m.tenant_company_id AND a.account_type = 'rebate'
                  LEFT JOIN gl h
                         ON h.company_id = hc.id AND h.partner_id = ic.partner_id
                        AND h.account_id = hc.channel_upstream_rebate_account_id AND h.currency_id = a.currency_id
                  -- money accounts: their GL account for the holder; credit
                  -- lines: the credit limit Odoo enforces in the issuer's company
                  CROSS JOIN LATERAL (SELECT CASE WHEN a.account_type = 'credit'
                                                  THEN COALESCE((p.credit_limit ->> a.company_id::text)::numeric, 0)
                                                  ELSE -COALESCE(g.total, 0) END AS total) b
            )
        """, SQL.identifier(self._table)))
