# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, fields, models


class ChannelMember(models.Model):
    _inherit = "channel.member"

    # === FIELDS === #
    rebate_pay_share = fields.Float(
        string="Rebate May Pay (%)",
        help="Share of an order's eligible value its rebate fund may pay; empty: the level's, else the brand's.",
    )

    # === BUSINESS METHODS === #
    def _channel_rebate_pay_share(self):
        self.ensure_one()
        brand_company = self._brand_member().tenant_company_id
        return self.rebate_pay_share or self.level_id.rebate_pay_share or brand_company.channel_rebate_pay_share

    def _inverse_credit_limit(self):
        """The credit limit set on the member goes through its credit line's
        ledger, so every change is an entry."""
        for member in self:
            if not member.sudo().supplier_company_id:
                continue
            # checked sudo: credit is the grantor's decision, taken by its own managers only;
            # the member row being writable (the user's branch) is not enough
            member._check_credit_grantor()
            account = self.env["channel.fund.account"]._get_or_create(member, "credit")
            account.sudo().action_set_credit_limit(
                member.credit_limit, expiry=account.credit_expiry,
                reason=_("Set on the member by %(user)s", user=self.env.user.name),
            )

    def _channel_credit_exposure(self, company):
        """An expired credit line lends nothing."""
        exposure, limit = super()._channel_credit_exposure(company)
        account = self.env["channel.fund.account"]._find(self, company, "credit")
        if account.credit_expiry and account.credit_expiry < fields.Date.context_today(self):
            limit = 0.0
        return exposure, limit
