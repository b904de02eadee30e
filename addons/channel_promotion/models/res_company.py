# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

# The accounts a promotion claim moves, made the first time a company needs them:
# the publisher's promotion expense, and on the claimant's side the promotion
# costs it got back (what its upstream's rebate fund then owes it is channel_account's
# "upstream_rebate", as for rebates).
PROMOTION_GL_ACCOUNTS = {
    "promotion_expense": (
        "channel_promotion_expense_account_id", "660120", "Channel Promotion Expense", "渠道促销费用", "expense", False,
    ),
    "promotion_recovered": (
        "channel_promotion_recovered_account_id", "660121", "Promotion Costs Recovered", "促销费用核销收回",
        "expense", False,
    ),
}


class ResCompany(models.Model):
    _inherit = "res.company"

    channel_promotion_expense_account_id = fields.Many2one("account.account", string="Promotion Expense Account")
    channel_promotion_recovered_account_id = fields.Many2one(
        "account.account", string="Promotion Costs Recovered Account"
    )

    def _channel_fund_gl_accounts(self):
        """The promotion claims' accounts too."""
        return dict(super()._channel_fund_gl_accounts(), **PROMOTION_GL_ACCOUNTS)
