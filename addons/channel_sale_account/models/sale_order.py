# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import math

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import float_compare


class SaleOrder(models.Model):
    _inherit = "sale.order"

    channel_fund_account_id = fields.Many2one(
        "channel.fund.account",
        string="Pay from Fund",
        domain="[('company_id', '=', company_id), ('partner_id', 'parent_of', partner_id)]",
        copy=False,
        help="The buyer's cash or rebate account with this company that pays part or all of the order.",
    )
    channel_fund_amount = fields.Monetary(string="Amount from Fund", copy=False)
    channel_rebate_cap = fields.Monetary(
        compute="_compute_channel_rebate_cap", string="Rebate Fund May Pay",
        help="What the rebate policy lets the rebate fund pay on this order.",
    )
    # only for those who may read holds: Odoo reads every field of an order for its
    # salespeople, who need not be in the channel
    channel_fund_hold_ids = fields.One2many(
        "channel.fund.hold", "order_id", string="Fund Holds",
        groups="channel_base.group_channel_brand_user,channel_base.group_channel_distributor_user,base.group_portal",
    )

    @api.depends("order_line.price_total", "order_line.product_id", "channel_buyer_member_id")
    def _compute_channel_rebate_cap(self):
        for order in self:
            member = order.channel_buyer_member_id
            share = member.sudo()._channel_rebate_pay_share() if member else 0.0
            eligible = order.order_line.filtered(
                lambda line: line.product_id
                and not line.product_id.channel_rebate_excluded
                and not line.product_id.channel_fund_topup
            )
            order.channel_rebate_cap = order.currency_id.round(sum(eligible.mapped("price_total")) * share / 100.0)

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._channel_check_fund_amount_value(vals)
        return super().create(vals_list)

    def write(self, vals):
        self._channel_check_fund_amount_value(vals)
        return super().write(vals)

    @api.model
    def _channel_check_fund_amount_value(self, vals):
        """The fund's part of an order is a finite number: nan or infinity
        (from a form or XML-RPC) is refused in words, before Odoo's rounding
        fails on it."""
        amount = vals.get("channel_fund_amount")
        if isinstance(amount, float) and not math.isfinite(amount):
            raise UserError(_("The amount paid from the fund must be a number."))

    def _action_confirm(self):
        """Hold the fund payment as the order is confirmed (after its credit
        approval): an order the fund cannot pay is not confirmed. The money is
        reserved in a short transaction of its own (see
        ``channel.fund.account._hold``); a confirmation that fails lets it go
        at once (one that dies without saying so, as its transaction ends)."""
        reservation_ids = []
        try:
            for order in self.filtered("channel_fund_account_id"):
                # read sudo: whoever may confirm the order may know whether it holds money
                if not order.sudo().channel_fund_hold_ids.filtered(lambda hold: hold.state == "active"):
                    order._channel_check_fund_payment()
                    hold = order.channel_fund_account_id._hold(order.channel_fund_amount, order)
                    reservation_ids.append(hold.reservation_id)
            return super()._action_confirm()
        except Exception:
            self.env["channel.fund.reservation"].sudo()._release([rid for rid in reservation_ids if rid])
            raise

    def _channel_credit_amount(self):
        """The part the buyer's fund pays is prepaid: only the rest is credit."""
        amount = super()._channel_credit_amount()
        if self.channel_fund_account_id:
            amount -= min(self.channel_fund_amount, amount)
        return amount

    def _channel_approval_reason(self):
        """Say so when the buyer's credit line has expired."""
        reason = super()._channel_approval_reason()
        if reason:
            account = self.env["channel.fund.account"]._find(self.channel_buyer_member_id, self.company_id, "credit")
            if account.credit_expiry and account.credit_expiry < fields.Date.context_today(self):
                reason = _("The credit line expired on %(date)s.", date=account.credit_expiry) + " " + reason
        return reason

    def _channel_check_fund_payment(self):
        self.ensure_one()
        account = self.channel_fund_account_id.sudo()
        if account.partner_id != self.partner_id.commercial_partner_id or account.company_id != self.company_id:
            raise UserError(_("%(account)s is not the buyer's account with this company.", account=account.name))
        if account.currency_id != self.currency_id:
            raise UserError(_(
                "%(account)s is kept in %(currency)s; the order is in %(other)s.",
                account=account.name, currency=account.currency_id.name, other=self.currency_id.name,
            ))
        amount = self.channel_fund_amount
        rounding = self.currency_id.rounding
        if float_compare(amount, 0.0, precision_rounding=rounding) <= 0:
            raise UserError(_("Say how much of the order the fund pays (a positive amount)."))
        if float_compare(amount, self.amount_total, precision_rounding=rounding) > 0:
            raise UserError(_("The fund cannot pay more than the order's total."))
        if account.account_type == "rebate" and float_compare(
            amount, self.channel_rebate_cap, precision_rounding=rounding
        ) > 0:
            raise UserError(_(
                "Rebate funds may pay %(cap)s of this order (the rebate policy's share of the products it "
                "may pay for), not %(amount)s.",
                cap=self.currency_id.format(self.channel_rebate_cap),
                amount=self.currency_id.format(amount),
            ))

    def _action_cancel(self):
        """A cancelled order releases what it held."""
        result = super()._action_cancel()
        # sudo: releasing what the order held is part of cancelling it, which Odoo
        # let this user do; a salesperson outside the channel cannot read holds
        holds_sudo = self.sudo().channel_fund_hold_ids.filtered(lambda hold: hold.state == "active")
        holds_sudo.write({"state": "released"})
        return result
