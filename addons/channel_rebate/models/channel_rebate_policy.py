# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import SQL, float_compare

BASES = [
    ("sell_in", "Net Invoiced Sell-In"),
    ("sell_out", "Sell-Out to Its Own Customers"),
    ("payments", "Payments Received"),
]
CALCULATIONS = [("percent", "Percentage of the Amount"), ("per_unit", "Amount per Unit")]
TIER_MODES = [
    ("retroactive", "Retroactive: the reached tier's rate on the whole volume"),
    ("stepped", "Stepped: each tier's rate on the volume within it"),
]
PAYOUTS = [("fund", "Into the Rebate Fund"), ("credit_note", "As a Credit Note")]


class ChannelRebatePolicy(models.Model):
    """A rebate policy of an issuer (the brand, or a distributor for its own
    buyers): who it applies to in the channel network, on what base, which
    products, over which period, how it is calculated and paid."""

    _name = "channel.rebate.policy"
    _description = "Rebate Policy"
    _inherit = ["mail.thread"]
    _order = "date_from desc, name"

    name = fields.Char(required=True, tracking=True)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", string="Issuer", required=True, default=lambda self: self.env.company, index=True,
        help="The company that pays the rebate: its direct buyers earn it.",
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    # scope: the members buying from the issuer that match every dimension given,
    # plus the members named one by one
    level_ids = fields.Many2many("channel.level", string="Levels")
    territory_ids = fields.Many2many("res.territory", string="Territories")
    tag_ids = fields.Many2many("channel.member.tag", string="Member Tags")
    member_ids = fields.Many2many("channel.member", string="Single Members")
    base = fields.Selection(BASES, required=True, default="sell_in")
    categ_ids = fields.Many2many("product.category", string="Product Categories")
    product_ids = fields.Many2many("product.product", "channel_rebate_policy_product_rel", string="Products")
    excluded_product_ids = fields.Many2many(
        "product.product", "channel_rebate_policy_excluded_product_rel", string="Excluded Products"
    )
    period = fields.Selection(
        [("month", "Month"), ("quarter", "Quarter"), ("year", "Year"), ("custom", "Custom")],
        required=True, default="quarter",
    )
    date_from = fields.Date(required=True)
    date_to = fields.Date(required=True)
    growth = fields.Boolean(
        string="On Growth",
        help="The base is the growth over the same period last year (never below zero), not the whole volume.",
    )
    target_ids = fields.One2many(
        "channel.rebate.target", "policy_id", string="Targets",
        help="A member with a target earns only when its base reaches it.",
    )
    calculation = fields.Selection(CALCULATIONS, required=True, default="percent")
    tier_mode = fields.Selection(TIER_MODES, required=True, default="retroactive")
    tier_ids = fields.One2many("channel.rebate.tier", "policy_id", string="Tiers", copy=True)
    cap_amount = fields.Monetary(string="Cap per Member", help="The most a member earns in the period; 0: no cap.")
    payout = fields.Selection(PAYOUTS, required=True, default="fund")
    run_ids = fields.One2many("channel.rebate.run", "policy_id", string="Runs")
    settlement_version = fields.Integer(
        readonly=True, copy=False, default=0,
        help="Bumped by every settlement: concurrent settlements of the policy conflict on it (technical).",
    )

    _sql_constraints = [
        ("cap_positive", "CHECK(cap_amount >= 0)", "The cap cannot be negative."),
    ]

    @api.constrains("date_from", "date_to")
    def _check_period(self):
        for policy in self:
            if policy.date_from > policy.date_to:
                raise ValidationError(_("Policy %(policy)s's period ends before it starts.", policy=policy.name))

    @api.constrains("level_ids", "territory_ids", "tag_ids", "member_ids")
    def _check_scope(self):
        for policy in self:
            if not (policy.level_ids or policy.territory_ids or policy.tag_ids or policy.member_ids):
                raise ValidationError(_("Policy %(policy)s applies to nobody: give levels, territories, tags or members.",
                                        policy=policy.name))

    @api.constrains("tier_ids")
    def _check_tiers(self):
        """Tiers start at 0, follow each other without gap or overlap, and only
        the last one may have no upper bound."""
        for policy in self:
            tiers = policy.tier_ids.sorted("threshold_from")
            if not tiers:
                raise ValidationError(_("Policy %(policy)s needs at least one tier.", policy=policy.name))
            if float_compare(tiers[0].threshold_from, 0.0, precision_digits=2):
                raise ValidationError(_("The first tier starts at 0."))
            for tier, following in zip(tiers, tiers[1:]):
                if not tier.threshold_to:
                    raise ValidationError(_("Only the last tier may have no upper bound."))
                if float_compare(tier.threshold_to, following.threshold_from, precision_digits=2) > 0:
                    raise ValidationError(_(
                        "Tiers %(first)s and %(second)s overlap.", first=tier.display_name, second=following.display_name
                    ))
                if float_compare(tier.threshold_to, following.threshold_from, precision_digits=2) < 0:
                    raise ValidationError(_(
                        "There is a gap between tiers %(first)s and %(second)s.",
                        first=tier.display_name, second=following.display_name,
                    ))

    def _lock_settlement(self):
        """Serialise the settlements (and accruals) of these policies, whatever the payout.

        What a settlement pays is earned to date less what the policy's settled
        runs paid, read from the ledger of runs. Under Odoo's REPEATABLE READ a
        row lock alone is not enough: the snapshot predates it, so that sum could
        miss a settlement committed meanwhile (two runs settled at once would
        both pay). Updating the policy row makes a settlement that committed
        since our snapshot began fail ours with a serialisation error, which
        Odoo retries with a new snapshot; one still running makes us wait for
        its end. After this call, the settled amounts this transaction reads are
        current. (A fund payout also locks the fund row; a credit note locks
        nothing else.)"""
        if self:
            self.env.cr.execute(SQL(
                "UPDATE channel_rebate_policy SET settlement_version = settlement_version + 1 WHERE id IN %s",
                tuple(self.ids),
            ))
            self.invalidate_recordset(["settlement_version"])

    # === SCOPE AND BASE === #
    def _scope_members(self):
        """The members the policy applies to: direct buyers of the issuer."""
        self.ensure_one()
        Member = self.env["channel.member"].sudo()
        domain = [("supplier_company_id", "=", self.company_id.id), ("active", "=", True)]
        members = Member.browse()
        if self.level_ids or self.territory_ids or self.tag_ids:
            matching = list(domain)
            if self.level_ids:
                matching.append(("level_id", "in", self.level_ids.ids))
            if self.territory_ids:
                matching.append(("territory_id", "in", self.territory_ids.ids))
            if self.tag_ids:
                matching.append(("tag_ids", "in", self.tag_ids.ids))
            members = Member.search(matching)
        return members | self.member_ids.sudo().filtered_domain(domain)

    def _base_line_domain(self, members, date_to, years_back=0):
        """Journal items behind the base, for ``members`` up to ``date_to``: the
        posted customer invoices and credit notes of the issuer to them
        (sell-in), or of their own companies to their customers (sell-out).
        Never the channel's payouts (this policy's credit notes and charge-backs,
        promotion claims, anything on the channel's expense and fund accounts):
        a payout does not count in the base it is computed from."""
        self.ensure_one()
        shift = relativedelta(years=years_back)
        companies = members.tenant_company_id if self.base == "sell_out" else self.company_id
        payouts = companies._channel_payout_accounts()
        if self.base == "payments":
            # what the member paid: customer payments to the issuer, on its
            # receivable or as deposits to its prepaid account (products do not apply)
            accounts = self.company_id.channel_cash_account_id
            return [
                ("account_id", "not in", payouts.ids),
                ("company_id", "=", self.company_id.id),
                ("parent_state", "=", "posted"),
                ("payment_id", "!=", False),
                ("partner_id", "in", members.partner_id.ids),
                ("date", ">=", self.date_from - shift),
                ("date", "<=", min(date_to, self.date_to) - shift),
                "|", ("account_id.account_type", "=", "asset_receivable"), ("account_id", "in", accounts.ids),
            ]
        domain = [
            ("account_id", "not in", payouts.ids),
            ("parent_state", "=", "posted"),
            ("move_id.move_type", "in", ("out_invoice", "out_refund")),
            ("display_type", "=", "product"),
            ("date", ">=", self.date_from - shift),
            ("date", "<=", min(date_to, self.date_to) - shift),
        ]
        if self.base == "sell_in":
            domain += [("company_id", "=", self.company_id.id),
                       ("partner_id", "in", members.partner_id.ids)]
        else:
            domain += [("company_id", "in", members.tenant_company_id.ids)]
        if self.categ_ids:
            domain.append(("product_id.categ_id", "child_of", self.categ_ids.ids))
        if self.product_ids:
            domain.append(("product_id", "in", self.product_ids.ids))
        if self.excluded_product_ids:
            domain.append(("product_id", "not in", self.excluded_product_ids.ids))
        return domain

    def _bases(self, members, date_to):
        """{member: (amount, quantity)} of the base: the volume of the period up
        to ``date_to``, or its growth over the same dates last year."""
        self.ensure_one()
        bases = self._volumes(members, date_to)
        if self.growth:
            last_year = self._volumes(members, date_to, years_back=1)
            bases = {
                member: (max(amount - last_year[member][0], 0.0), max(quantity - last_year[member][1], 0.0))
                for member, (amount, quantity) in bases.items()
            }
        return bases

    def _volumes(self, members, date_to, years_back=0):
        """{member: (amount, quantity)}, one grouped query per move type: net untaxed amounts
        in the issuer's currency and net quantities, credit notes deducted."""
        self.ensure_one()
        domain = self._base_line_domain(members, date_to, years_back=years_back)
        Line = self.env["account.move.line"].sudo()
        by_company = self.base == "sell_out"
        key_field = "company_id" if by_company else "partner_id"
        by_key = {(member.tenant_company_id if by_company else member.partner_id): member for member in members}
        result = {member: [0.0, 0.0] for member in members}
        if self.base == "payments":
            for partner, balance in Line._read_group(domain, ["partner_id"], ["balance:sum"]):
                member = by_key.get(partner)
                if member:
                    result[member][0] += -balance  # money received is a credit
            return {member: tuple(values) for member, values in result.items()}
        for move_type, sign in (("out_invoice", 1.0), ("out_refund", -1.0)):
            groups = Line._read_group(
                domain + [("move_id.move_type", "=", move_type)], [key_field], ["balance:sum", "quantity:sum"]
            )
            for key, balance, quantity in groups:
                member = by_key.get(key)
                if member:
                    result[member][0] += -balance  # revenue is a credit; a credit note's is a debit
                    result[member][1] += sign * quantity
        return {member: tuple(values) for member, values in result.items()}

    def _reverse_accruals(self):
        """Reverse the policy's accruals still standing (a settlement or a newer
        accrual replaces them)."""
        self.ensure_one()
        runs = self.env["channel.rebate.run"].sudo().search([
            ("policy_id", "=", self.id), ("accrual_move_id", "!=", False),
            ("accrual_move_id.reversal_move_ids", "=", False),
        ])
        for run in runs:
            run.accrual_move_id._reverse_moves(
                [{"ref": _("Reversal of %(move)s", move=run.accrual_move_id.ref), "date": fields.Date.context_today(self)}],
                cancel=True,
            )

    def _watchlist(self, date_to, within=0.2):
        """Members short of their next tier by at most ``within`` of its
        threshold: [{member, base, next_from, missing, next_rate}], closest first."""
        self.ensure_one()
        members = self._scope_members()
        bases = self._bases(members, date_to)
        tiers = self.tier_ids.sorted("threshold_from")
        rows = []
        for member, (amount, quantity) in bases.items():
            volume = amount if self.calculation == "percent" else quantity
            following = tiers.filtered(lambda tier: tier.threshold_from > volume)[:1]
            if following and volume >= following.threshold_from * (1 - within):
                rows.append({
                    "member": member, "base": volume, "next_from": following.threshold_from,
                    "missing": following.threshold_from - volume, "next_rate": following.rate,
                })
        return sorted(rows, key=lambda row: row["missing"])

    def _targets(self):
        return {target.member_id: target.target for target in self.target_ids}

    def _earned(self, amount, quantity):
        """(earned, rate of the tier reached) for a base, per the tiers."""
        self.ensure_one()
        volume = amount if self.calculation == "percent" else quantity
        factor = 0.01 if self.calculation == "percent" else 1.0
        tiers = self.tier_ids.sorted("threshold_from")
        reached = tiers.filtered(lambda tier: volume >= tier.threshold_from and volume > 0)[-1:]
        if not reached:
            return 0.0, 0.0
        if self.tier_mode == "retroactive":
            earned = volume * reached.rate * factor
        else:
            earned = sum(
                (min(volume, tier.threshold_to or volume) - tier.threshold_from) * tier.rate * factor
                for tier in tiers if volume > tier.threshold_from
            )
        if self.cap_amount:
            earned = min(earned, self.cap_amount)
        return self.currency_id.round(earned), reached.rate

