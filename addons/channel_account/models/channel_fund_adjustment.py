# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError

from .channel_fund_account import MONEY_TYPES

ADJUSTMENT_STATES = [("to_approve", "Waiting Approval"), ("posted", "Posted"), ("rejected", "Rejected")]


class ChannelFundAdjustment(models.Model):
    """A manual correction of a cash or rebate account: requested with a reason
    by the issuer's accounting staff, posted only when another person, an
    accounting manager of the issuer, approves it."""

    _name = "channel.fund.adjustment"
    _description = "Fund Account Adjustment"
    _inherit = ["channel.fund.line.mixin", "mail.thread"]
    _order = "id desc"

    amount = fields.Monetary(required=True, readonly=True, help="Positive: the holder's balance grows.")
    reason = fields.Text(required=True, readonly=True)
    state = fields.Selection(ADJUSTMENT_STATES, default="to_approve", required=True, readonly=True, tracking=True)
    requested_by_id = fields.Many2one("res.users", readonly=True, default=lambda self: self.env.user)
    decided_by_id = fields.Many2one("res.users", string="Approved / Rejected By", readonly=True)
    entry_id = fields.Many2one("channel.fund.entry", readonly=True)

    @api.model
    def request(self, account, amount, reason, client_ref=None):
        """Ask for an adjustment of the account ``account`` (an id) by
        ``amount`` (signed); answers the adjustment's id. It moves money only
        once approved, and is approved once; with ``client_ref``, a replay
        answers the first request's id instead of asking again."""
        if not isinstance(account, int) or isinstance(account, bool):
            raise UserError(_("%(value)r is not the id of a fund account.", value=account))
        account = self.env["channel.fund.account"].browse(account)
        amount_key = float(amount) if isinstance(amount, (int, float)) and not isinstance(amount, bool) else amount
        return account._keyed(
            client_ref, "adjustment_request", {"amount": amount_key, "reason": reason},
            lambda: self._request(account, amount, reason).id,
        )

    @api.model
    def _request(self, account, amount, reason):
        """Ask for an adjustment of ``account`` by ``amount`` (signed)."""
        account.ensure_one()
        account._check_issuer_rights()
        if account.account_type not in MONEY_TYPES:
            raise UserError(_("A credit line is changed by setting its limit, not adjusted."))
        if not reason or not str(reason).strip():
            raise UserError(_("An adjustment needs a reason."))
        if not isinstance(amount, (int, float)) or isinstance(amount, bool) or account.currency_id.is_zero(amount):
            raise UserError(_("An adjustment moves a non-zero amount."))
        return self.sudo().create({
            "account_id": account.id, "amount": account.currency_id.round(amount), "reason": reason,
            "requested_by_id": self.env.uid,
        })

    def _check_approver(self):
        user = self.env.user
        for adjustment in self:
            if adjustment.state != "to_approve":
                raise UserError(_("This adjustment was already decided."))
            if not self.env.su and (
                adjustment.company_id not in user.company_ids or not user.has_group("account.group_account_manager")
            ):
                raise AccessError(_("Only an accounting manager of the issuer approves adjustments."))
            if adjustment.requested_by_id == user and not self.env.su:
                raise AccessError(_("Adjustments are approved by someone other than who asked for them."))

    def action_approve(self):
        self._check_approver()
        for adjustment in self.sudo():
            account = adjustment.account_id
            account._lock()
            if adjustment.amount < 0:
                account._check_available(-adjustment.amount)
            move = account._post_move(
                adjustment.amount, adjustment.company_id._channel_fund_gl_account("adjustment"), adjustment.reason
            )
            holder_move = account._post_holder_move(adjustment.amount, "adjustment", adjustment.reason)
            entry = account._post_entry(
                "adjustment", adjustment.amount, move=move, source=adjustment, description=adjustment.reason,
                holder_move=holder_move,
            )
            adjustment.write({"state": "posted", "decided_by_id": self.env.uid, "entry_id": entry.id})
        return True

    def action_reject(self):
        self._check_approver()
        self.sudo().write({"state": "rejected", "decided_by_id": self.env.uid})
        return True
