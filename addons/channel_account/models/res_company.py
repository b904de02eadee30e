# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, fields, models

# The issuer's accounts behind the fund accounts, made the first time a company
# issues one: (field, code, English name, Chinese name, account type, reconcilable).
# Read through ``res.company._channel_fund_gl_accounts``, which later addons extend.
FUND_GL_ACCOUNTS = {
    "cash": ("channel_cash_account_id", "220310", "Channel Prepayments", "渠道预收款", "liability_current", True),
    "rebate": ("channel_rebate_account_id", "224110", "Channel Rebates Payable", "应付渠道返利", "liability_current", True),
    "rebate_expense": (
        "channel_rebate_expense_account_id", "660110", "Channel Rebate Expense", "渠道返利支出", "expense", False,
    ),
    "rebate_accrued": (
        "channel_rebate_accrued_account_id", "224120", "Channel Rebates Accrued", "应计渠道返利", "liability_current", False,
    ),
    "adjustment": (
        "channel_fund_adjustment_account_id", "660111", "Channel Fund Adjustments", "渠道资金调整", "expense", False,
    ),
    # the holder's side of a rebate fund, in a distributor's own books: what its
    # upstream's rebate fund owes it, and the rebates it earned
    "upstream_rebate": (
        "channel_upstream_rebate_account_id", "112310", "Rebate Funds with Upstream", "上游返利资金",
        "asset_current", True,
    ),
    "rebate_earned": (
        "channel_rebate_earned_account_id", "605110", "Channel Rebates Earned", "渠道返利收入", "income_other", False,
    ),
}


class ResCompany(models.Model):
    _inherit = "res.company"

    channel_cash_account_id = fields.Many2one("account.account", string="Channel Prepayments Account")
    channel_rebate_account_id = fields.Many2one("account.account", string="Channel Rebates Payable Account")
    channel_rebate_expense_account_id = fields.Many2one("account.account", string="Channel Rebate Expense Account")
    channel_fund_adjustment_account_id = fields.Many2one("account.account", string="Channel Fund Adjustment Account")
    channel_rebate_accrued_account_id = fields.Many2one("account.account", string="Channel Rebates Accrued Account")
    channel_upstream_rebate_account_id = fields.Many2one("account.account", string="Rebate Funds with Upstream Account")
    channel_rebate_earned_account_id = fields.Many2one("account.account", string="Channel Rebates Earned Account")
    channel_fund_journal_id = fields.Many2one("account.journal", string="Channel Funds Journal")
    channel_fund_transfer_policy = fields.Selection(
        [("none", "No Transfers"), ("cash_to_rebate", "Cash into the Rebate Fund"), ("both", "Both Ways")],
        string="Fund Transfers", default="none", required=True,
        help="Which transfers between a member's own accounts this company, as issuer, allows.",
    )

    def _channel_fund_transfers_allowed(self):
        self.ensure_one()
        return {
            "none": set(),
            "cash_to_rebate": {("cash", "rebate")},
            "both": {("cash", "rebate"), ("rebate", "cash")},
        }[self.channel_fund_transfer_policy]

    def _channel_fund_gl_accounts(self):
        """The channel's own GL accounts, by key: {key: (company field, code,
        English name, Chinese name, account type, reconcilable)}, each made in
        a company's books the first time it needs it (see
        ``_channel_fund_gl_account``). Extension point: an addon that moves
        money on an account of its own (promotion claims) overrides this,
        adds its keys to ``super()``'s answer and the company field that
        remembers each; its accounts are then also left out of the bases of
        sales (see ``_channel_payout_accounts``)."""
        return dict(FUND_GL_ACCOUNTS)

    def _channel_fund_gl_account(self, key):
        """The company's GL account for ``key`` (see ``_channel_fund_gl_accounts``), made once."""
        self.ensure_one()
        field, code, name, name_zh, account_type, reconcile = self._channel_fund_gl_accounts()[key]
        company = self.sudo()
        if not company[field]:
            Account = self.env["account.account"].sudo().with_company(company)
            account = Account.search([("code", "=", code), ("company_ids", "in", company.ids)], limit=1)
            if not account:
                account = Account.create({
                    "code": code,
                    "name": name,
                    "account_type": account_type,
                    "reconcile": reconcile,
                    "company_ids": [fields.Command.set(company.ids)],
                })
                if "zh_CN" in dict(self.env["res.lang"].get_installed()):
                    account.with_context(lang="zh_CN").name = name_zh
            company[field] = account
        return company[field]

    def _channel_prepare_credit_note_vals(self, partner, amount, product, description, account_key, origin=None):
        """The values of this company's credit note to ``partner`` for
        ``amount`` of ``product`` (a rebate, a promotion claim), untaxed, on
        the channel's GL account ``account_key`` (see
        ``_channel_fund_gl_accounts``). A negative ``amount`` charges back
        what was given too much: an invoice of the opposite amount.
        Extension point: override to add to the document."""
        self.ensure_one()
        return {
            "move_type": "out_refund" if amount > 0 else "out_invoice",
            "partner_id": partner.id,
            "invoice_origin": origin,
            "invoice_line_ids": [fields.Command.create({
                "product_id": product.id,
                "name": description, "quantity": 1, "price_unit": abs(amount),
                "account_id": self._channel_fund_gl_account(account_key).id,
                "tax_ids": [fields.Command.clear()],
            })],
        }

    def _channel_create_credit_note(self, partner, amount, product, description, account_key, origin=None):
        """Give ``amount`` back to ``partner`` by a posted credit note of this
        company, the one way the channel pays by credit note (rebates, promotion
        claims); see ``_channel_prepare_credit_note_vals``. Returns the move."""
        self.ensure_one()
        move = self.env["account.move"].sudo().with_company(self).create(
            self._channel_prepare_credit_note_vals(partner, amount, product, description, account_key, origin=origin)
        )
        move.action_post()
        return move

    def _channel_fund_journal(self):
        self.ensure_one()
        company = self.sudo()
        if not company.channel_fund_journal_id:
            company.channel_fund_journal_id = self.env["account.journal"].sudo().create({
                "name": _("Channel Funds"),
                "code": "CHFD",
                "type": "general",
                "company_id": company.id,
            })
        return company.channel_fund_journal_id

    def _channel_payout_accounts(self):
        """The channel's own accounts in these companies' books, that pay or
        carry what the channel gives back (rebates, promotion claims,
        adjustments, their accruals and funds): every account of
        ``_channel_fund_gl_accounts`` but the prepayments, which carry money
        members paid in.

        A base of sales or payments leaves out the journal items on them, so a
        payout never counts in the base it is computed from, whatever product
        or document carries it: an addon that pays in a new way adds its
        account in ``_channel_fund_gl_accounts`` and is left out with the others."""
        fields_ = [spec[0] for key, spec in self._channel_fund_gl_accounts().items() if key != "cash"]
        accounts = self.env["account.account"]
        for company in self.sudo():
            for field in fields_:
                accounts |= company[field]
        return accounts
