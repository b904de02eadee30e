# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

OPERATIONS = [
    ("deposit", "Deposit (new customer payment)"),
    ("deposit_payment", "Deposit a Payment Received"),
    ("rebate", "Credit Rebate"),
    ("credit_limit", "Set Credit Limit"),
    ("transfer", "Transfer to Another Account"),
    ("adjustment", "Request an Adjustment"),
]
OPERATIONS_BY_TYPE = {
    "cash": ("deposit", "deposit_payment", "transfer", "adjustment"),
    "rebate": ("rebate", "transfer", "adjustment"),
    "credit": ("credit_limit",),
}


class ChannelFundOperation(models.TransientModel):
    _name = "channel.fund.operation"
    _description = "Fund Account Operation"

    account_id = fields.Many2one("channel.fund.account", required=True)
    account_type = fields.Selection(related="account_id.account_type")
    holder_id = fields.Many2one(related="account_id.holder_id")
    company_id = fields.Many2one(related="account_id.company_id")
    currency_id = fields.Many2one(related="account_id.currency_id")
    operation = fields.Selection(
        OPERATIONS, required=True, compute="_compute_operation", store=True, readonly=False, precompute=True
    )
    amount = fields.Monetary( help="Deposit, rebate, transfer: the amount. Credit limit: the new limit. "
        "Adjustment: positive adds to the balance, negative takes from it.",
    )
    journal_id = fields.Many2one(
        "account.journal", string="Bank Journal", domain="[('company_id', '=', company_id), ('type', '=', 'bank')]"
    )
    target_account_id = fields.Many2one(
        "channel.fund.account", string="To Account",
        domain="[('holder_id', '=', holder_id), ('company_id', '=', company_id), ('id', '!=', account_id)]",
    )
    credit_expiry = fields.Date(string="Credit Expires")
    payment_id = fields.Many2one(
        "account.payment", string="Payment",
        domain="[('partner_id', 'child_of', holder_partner_id), ('company_id', '=', company_id), "
        "('payment_type', '=', 'inbound'), ('state', 'in', ('in_process', 'paid'))]",
    )
    holder_partner_id = fields.Many2one(related="account_id.partner_id")
    memo = fields.Char(string="Memo / Reason")

    @api.depends("account_id.account_type")
    def _compute_operation(self):
        for wizard in self:
            wizard.operation = OPERATIONS_BY_TYPE.get(wizard.account_id.account_type, ("deposit",))[0]

    def action_apply(self):
        self.ensure_one()
        account = self.account_id
        result = None
        if self.operation == "deposit":
            result = account._deposit(self.amount, journal=self.journal_id or None, memo=self.memo)
        elif self.operation == "deposit_payment":
            result = account._deposit_payment(self.payment_id)
        elif self.operation == "rebate":
            result = account._credit_rebate(self.amount, description=self.memo)
        elif self.operation == "credit_limit":
            result = account._set_credit_limit(self.amount, expiry=self.credit_expiry, reason=self.memo)
        elif self.operation == "transfer":
            result = account._transfer(self.target_account_id, self.amount, reason=self.memo)
        else:
            result = self.env["channel.fund.adjustment"]._request(account, self.amount, self.memo)
        return {
            "type": "ir.actions.act_window",
            "res_model": result._name,
            "res_id": result[:1].id,
            "view_mode": "form",
        } if result else {"type": "ir.actions.act_window_close"}
