# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command, _, api, fields, models
from odoo.exceptions import AccessError, UserError

RUN_STATES = [
    ("draft", "Simulated"),
    ("to_approve", "Waiting Approval"),
    ("approved", "Approved"),
    ("posted", "Settled"),
]


class ChannelRebateRun(models.Model):
    """A policy's run up to a date: every member's base, tier and earned amount
    to date, and what settling it pays — earned to date less what earlier
    settlements of the policy already paid, so that partial settlements, a
    final one, corrections and a run settled twice never pay twice."""

    _name = "channel.rebate.run"
    _description = "Rebate Run"
    _inherit = ["mail.thread"]
    _order = "date_to desc, id desc"

    name = fields.Char(compute="_compute_name", store=True)
    policy_id = fields.Many2one("channel.rebate.policy", required=True, index=True, ondelete="restrict")
    company_id = fields.Many2one(related="policy_id.company_id", store=True, string="Issuer")
    currency_id = fields.Many2one(related="policy_id.currency_id")
    date_to = fields.Date(string="Earned up To", required=True, default=fields.Date.context_today)
    state = fields.Selection(RUN_STATES, default="draft", required=True, tracking=True, index=True)
    line_ids = fields.One2many("channel.rebate.run.line", "run_id", string="Statements")
    total_earned = fields.Monetary(compute="_compute_totals")
    total_to_settle = fields.Monetary(compute="_compute_totals")
    requested_by_id = fields.Many2one("res.users", string="Approval Requested By", readonly=True, copy=False)
    approved_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    accrual_move_id = fields.Many2one(
        "account.move", string="Accrual", readonly=True, copy=False,
        help="The estimated expense of this simulation, booked in the issuer's books until a settlement.",
    )

    @api.depends("policy_id.name", "date_to")
    def _compute_name(self):
        for run in self:
            run.name = f"{run.policy_id.name or ''} / {run.date_to or ''}"

    @api.depends("line_ids.earned", "line_ids.to_settle")
    def _compute_totals(self):
        for run in self:
            run.total_earned = sum(run.line_ids.mapped("earned"))
            run.total_to_settle = sum(run.line_ids.mapped("to_settle"))

    def _check_manager(self):
        """A run posts in its issuer's books: the issuer's accounting managers
        run it, and the brand's channel managers the brand's runs only (a
        distributor's company linked to them at onboarding does not make them
        its staff)."""
        if self.env.su:
            return
        user = self.env.user
        brand_company = self.env["channel.member"]._brand_member().tenant_company_id
        for run in self:
            if run.company_id not in user.company_ids:
                raise AccessError(_("Rebates of %(issuer)s are run by its own staff.", issuer=run.company_id.name))
            if not (user.has_group("account.group_account_manager") or (
                run.company_id == brand_company and user.has_group("channel_base.group_channel_brand_manager")
            )):
                raise AccessError(_("Only the issuer's channel or accounting managers run and settle rebates."))

    def action_compute(self):
        """(Re)compute the statements; a simulation posts nothing."""
        self._check_manager()
        for run in self:
            if run.state != "draft":
                raise UserError(_("Run %(run)s is no longer a simulation.", run=run.name))
            policy = run.policy_id
            members = policy._scope_members()
            bases = policy._bases(members, run.date_to)
            settled = run._settled_before()
            targets = policy._targets()
            lines = []
            for member in members:
                amount, quantity = bases[member]
                earned, rate = policy._earned(amount, quantity)
                target = targets.get(member, 0.0)
                volume = amount if policy.calculation == "percent" else quantity
                if target and volume < target:
                    earned, rate = 0.0, 0.0
                before = settled.get(member.id, 0.0)
                lines.append(Command.create({
                    "member_id": member.id,
                    "base_amount": amount,
                    "base_quantity": quantity,
                    "target": target,
                    "attainment": 100.0 * volume / target if target else 0.0,
                    "rate": rate,
                    "earned": earned,
                    "settled_before": before,
                    "to_settle": run.currency_id.round(earned - before),
                }))
            run.line_ids = [Command.clear()] + lines
        return True

    def _settled_before(self):
        """{member id: amount} paid by the policy's settled runs."""
        self.ensure_one()
        groups = self.env["channel.rebate.run.line"]._read_group(
            [("run_id.policy_id", "=", self.policy_id.id), ("run_id.state", "=", "posted")],
            ["member_id"], ["to_settle:sum"],
        )
        return {member.id: amount for member, amount in groups}

    def action_accrue(self):
        """Book the expense earned to date and not yet settled, member by
        member, against accrued rebates; the next settlement of the policy
        reverses it and books the real expense, so the P&L shows the liability
        as it builds up and never counts it twice."""
        self._check_manager()
        for run in self:
            if run.state != "draft" or not run.line_ids or run.accrual_move_id:
                raise UserError(_("Accrue a computed simulation, once: %(run)s.", run=run.name))
            # the accruals standing are read and replaced: one accrual or
            # settlement of the policy at a time, or two would both stand
            run.policy_id._lock_settlement()
            run.policy_id._reverse_accruals()
            company = run.company_id
            expense = company._channel_fund_gl_account("rebate_expense")
            accrued = company._channel_fund_gl_account("rebate_accrued")
            lines = []
            for line in run.line_ids.filtered(lambda line: not run.currency_id.is_zero(line.to_settle)):
                label = _("Rebate accrued: %(member)s", member=line.member_id.name)
                partner = line.member_id.partner_id.id
                lines += [
                    Command.create({"name": label, "account_id": expense.id, "partner_id": partner, "balance": line.to_settle}),
                    Command.create({"name": label, "account_id": accrued.id, "partner_id": partner, "balance": -line.to_settle}),
                ]
            if not lines:
                continue
            move = self.env["account.move"].sudo().with_company(company).create({
                "move_type": "entry", "journal_id": company._channel_fund_journal().id, "date": run.date_to,
                "ref": _("Rebate accrual %(run)s", run=run.name), "line_ids": lines,
            })
            move.action_post()
            run.accrual_move_id = move
        return True

    def action_request_approval(self):
        self._check_manager()
        for run in self:
            if run.state != "draft" or not run.line_ids:
                raise UserError(_("Compute run %(run)s before asking for its approval.", run=run.name))
        self.write({"state": "to_approve", "requested_by_id": self.env.uid})
        return True

    def action_approve(self):
        """Approve the runs waiting for it: four eyes, the approver is not who
        asked for the approval."""
        self._check_manager()
        for run in self:
            if run.state != "to_approve":
                raise UserError(_("Run %(run)s is not waiting for approval.", run=run.name))
            if run.requested_by_id == self.env.user and not self.env.su:
                raise AccessError(_(
                    "Run %(run)s is approved by someone other than who asked for its approval.", run=run.name,
                ))
        self.write({"state": "approved", "approved_by_id": self.env.uid})
        return True

    def action_post(self):
        """Settle: each member is paid its amount to settle — into its rebate
        fund or by a credit note — with journal entries. A run is posted once."""
        self._check_manager()
        for run in self:
            if run.state == "posted":
                raise UserError(_("Run %(run)s is already settled.", run=run.name))
            if run.state != "approved":
                raise UserError(_("Run %(run)s must be approved before it is settled.", run=run.name))
            # what was settled may have changed since the run was computed
            # (another run of the policy settled meanwhile, or is settling right
            # now): settle the difference, read once no other settlement can
            # commit under us
            run.policy_id._lock_settlement()
            settled = run._settled_before()
            for line in run.line_ids:
                line.write({
                    "settled_before": settled.get(line.member_id.id, 0.0),
                    "to_settle": run.currency_id.round(line.earned - settled.get(line.member_id.id, 0.0)),
                })
            run.policy_id._reverse_accruals()
            for line in run.line_ids.filtered(lambda line: not run.currency_id.is_zero(line.to_settle)):
                line._settle()
            run.state = "posted"
        return True


class ChannelRebateRunLine(models.Model):
    _name = "channel.rebate.run.line"
    _description = "Rebate Statement"
    _order = "run_id, member_id"

    run_id = fields.Many2one("channel.rebate.run", required=True, ondelete="cascade", index=True)
    policy_id = fields.Many2one(related="run_id.policy_id", store=True, index=True)
    company_id = fields.Many2one(related="run_id.company_id", store=True, string="Issuer")
    currency_id = fields.Many2one(related="run_id.currency_id")
    member_id = fields.Many2one("channel.member", required=True, index=True)
    base_amount = fields.Monetary(string="Base Amount")
    base_quantity = fields.Float(string="Base Quantity")
    target = fields.Float(help="The member's target in the policy, if any: below it nothing is earned.")
    attainment = fields.Float(string="Target Reached (%)", digits=(16, 2))
    rate = fields.Float(string="Rate of the Tier Reached", digits=(16, 4))
    earned = fields.Monetary(string="Earned to Date")
    settled_before = fields.Monetary(string="Already Settled")
    to_settle = fields.Monetary(string="To Settle")
    source_summary = fields.Text(
        string="Why", compute="_compute_source_summary", compute_sudo=True,
        help="The documents behind the base, for the member too (it cannot open the issuer's books).",
    )
    fund_entry_id = fields.Many2one("channel.fund.entry", readonly=True)
    credit_note_id = fields.Many2one("account.move", readonly=True)

    def _compute_source_summary(self):
        for line in self:
            if not line.run_id or not line.member_id:
                line.source_summary = False
                continue
            domain = line.policy_id._base_line_domain(line.member_id, line.run_id.date_to)
            groups = self.env["account.move.line"]._read_group(domain, ["move_id"], ["balance:sum", "quantity:sum"])
            line.source_summary = "\n".join(
                f"{move.name}  {move.date}  {line.currency_id.format(-balance)}  × {quantity:g}"
                for move, balance, quantity in sorted(groups, key=lambda group: (group[0].date, group[0].id))
            )

    def _settle(self):
        self.ensure_one()
        policy = self.policy_id
        description = _("Rebate %(policy)s to %(date)s", policy=policy.name, date=self.run_id.date_to)
        if policy.payout == "fund":
            account = self.env["channel.fund.account"]._get_or_create(self.member_id, "rebate").sudo()
            # booked in both books: the issuer's, and a distributor's own
            self.fund_entry_id = account._post_rebate(self.to_settle, self, description)
        else:
            # a negative amount (a correction after a return) is charged back by an invoice
            self.credit_note_id = policy.company_id._channel_create_credit_note(
                self.member_id.partner_id, self.to_settle, self.env.ref("channel_rebate.product_rebate"),
                description, "rebate_expense", origin=self.run_id.name,
            )

    def action_open_sources(self):
        """The journal items behind this member's base."""
        self.ensure_one()
        domain = self.policy_id._base_line_domain(self.member_id, self.run_id.date_to)
        return {
            "type": "ir.actions.act_window",
            "name": _("Behind %(member)s's rebate", member=self.member_id.name),
            "res_model": "account.move.line",
            "view_mode": "list",
            "domain": domain,
        }
