# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL

CLAIM_STATES = [
    ("draft", "Draft"),
    ("submitted", "Submitted"),
    ("approved", "Approved"),
    ("settled", "Settled"),
    ("rejected", "Rejected"),
]


class ChannelPromotionClaim(models.Model):
    """A distributor's claim (费用核销) of the brand's share of a brand promotion
    it granted to its buyers: filed by the distributor, approved by the brand,
    settled into the distributor's rebate fund or by a credit note."""

    _name = "channel.promotion.claim"
    _description = "Promotion Cost Claim"
    _inherit = ["mail.thread"]
    _order = "id desc"

    name = fields.Char(required=True, readonly=True, copy=False, default=lambda self: _("New"))
    program_id = fields.Many2one("loyalty.program", string="Promotion", required=True, readonly=True, index=True)
    member_id = fields.Many2one("channel.member", string="Distributor", required=True, readonly=True, index=True)
    company_id = fields.Many2one("res.company", string="Claimant", required=True, readonly=True, index=True)
    issuer_company_id = fields.Many2one("res.company", string="Brand", required=True, readonly=True, index=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    usage_ids = fields.One2many("channel.promotion.usage", "claim_id", string="Orders Claimed", readonly=True)
    order_count = fields.Integer(compute="_compute_order_count")
    amount = fields.Monetary(compute="_compute_amount", store=True, string="Amount Claimed")
    discount_amount = fields.Monetary(compute="_compute_amount", store=True, string="Discount Granted")
    state = fields.Selection(CLAIM_STATES, required=True, default="draft", readonly=True, tracking=True, index=True)
    settlement = fields.Selection(
        [("fund", "Into the Rebate Fund"), ("credit_note", "By Credit Note")],
        required=True, default="fund", tracking=True,
    )
    fund_entry_id = fields.Many2one("channel.fund.entry", readonly=True, copy=False)
    issuer_move_id = fields.Many2one("account.move", string="Brand's Entry", readonly=True, copy=False)
    claimant_move_id = fields.Many2one("account.move", string="Distributor's Entry", readonly=True, copy=False)
    credit_note_id = fields.Many2one("account.move", readonly=True, copy=False)
    reject_reason = fields.Text(readonly=True, copy=False)

    @api.depends("usage_ids.brand_share_amount", "usage_ids.amount")
    def _compute_amount(self):
        for claim in self:
            claim.amount = sum(claim.usage_ids.mapped("brand_share_amount"))
            claim.discount_amount = sum(claim.usage_ids.mapped("amount"))

    def _compute_order_count(self):
        for claim in self:
            claim.order_count = len(claim.usage_ids)

    @api.model
    @api.returns("self", lambda claim: claim.id)
    def file_claim(self, program_id, order_ids, settlement="fund"):
        """File the current company's claim of the brand's share of
        ``program_id`` on ``order_ids`` (its own confirmed orders that used it).
        Checked whole before anything is written; callable over XML-RPC."""
        self._check_claimant_manager(self.env.company)
        program = self.env["loyalty.program"].browse(program_id).exists()
        if not program or not program.channel_publisher_id:
            raise UserError(_("There is no channel promotion %(id)s.", id=program_id))
        program = program.sudo()
        if program.channel_publisher_id.role != "brand" or not program.channel_brand_share:
            raise UserError(_("The brand funds no share of %(name)s: there is nothing to claim.", name=program.name))
        if settlement not in ("fund", "credit_note"):
            raise UserError(_("A claim is settled into the rebate fund or by a credit note."))
        company = self.env.company
        member = self.env["channel.member"]._channel_member_of_company(company)
        if member.role != "distributor":
            raise UserError(_("Only a distributor claims the cost of the promotions it granted."))
        orders = self.env["sale.order"].sudo().browse(order_ids).exists()
        if not order_ids or len(orders) != len(set(order_ids)):
            raise UserError(_("Name the orders claimed: some of them do not exist."))
        usages = self.env["channel.promotion.usage"].sudo().search([
            ("program_id", "=", program.id), ("order_id", "in", orders.ids),
            ("seller_member_id", "=", member.id), ("state", "=", "active"),
        ])
        missing = orders - usages.order_id
        if missing:
            raise UserError(_(
                "These orders did not use %(name)s on %(member)s's confirmed sales: %(orders)s",
                name=program.name, member=member.name, orders=", ".join(missing.mapped("name")),
            ))
        claimed = usages.filtered("claim_id")
        if claimed:
            raise UserError(_(
                "These orders are already claimed: %(orders)s",
                orders=", ".join(f"{usage.order_id.name} ({usage.claim_id.name})" for usage in claimed),
            ))
        if settlement == "fund" and member.supplier_company_id != program.channel_publisher_id.tenant_company_id:
            settlement = "credit_note"  # the brand keeps rebate funds only for its direct buyers
        claim = self.sudo().create({
            "name": self.env["ir.sequence"].sudo().next_by_code("channel.promotion.claim") or _("New"),
            "program_id": program.id,
            "member_id": member.id,
            "company_id": company.id,
            "issuer_company_id": program.channel_publisher_id.tenant_company_id.id,
            "settlement": settlement,
        })
        usages.write({"claim_id": claim.id})
        return claim.with_env(self.env)

    # === FLOW === #
    def _check_state(self, *states):
        for claim in self:
            if claim.state not in states:
                raise UserError(_(
                    "Claim %(claim)s is %(state)s: it cannot do that now.",
                    claim=claim.name, state=dict(CLAIM_STATES)[claim.state],
                ))

    def _check_brand_manager(self):
        user = self.env.user
        if self.env.su:
            return
        for claim in self:
            if claim.issuer_company_id not in user.company_ids or not user.has_group(
                "channel_base.group_channel_brand_manager"
            ):
                raise AccessError(_("Only the brand's channel managers approve and settle claims."))

    def _check_claimant_manager(self, company):
        """Filing and submitting a claim asks the brand for money in the
        claimant's name: only the claimant's managers, working in its company,
        do it; its read-only users and the brand (which approves) do not."""
        if self.env.su:
            return True
        if company not in self.env.companies or not self.env.user.has_group(
            "channel_base.group_channel_distributor_manager"
        ):
            raise AccessError(_(
                "Only the managers of %(company)s file and submit its promotion claims.", company=company.sudo().name
            ))
        return True

    def action_submit(self):
        for claim in self:
            # checked before the sudo write below: the claimant's managers only
            claim._check_claimant_manager(claim.company_id)
        self._check_state("draft")
        self.sudo().write({"state": "submitted"})
        for claim in self:
            claim.message_post(body=_("Submitted for %(amount)s", amount=claim.currency_id.format(claim.amount)))
        return True

    def action_approve(self):
        self._check_brand_manager()
        self._check_state("submitted")
        self.sudo().write({"state": "approved"})
        return True

    def action_reject(self, reason=None):
        self._check_brand_manager()
        self._check_state("draft", "submitted", "approved")
        for claim in self.sudo():
            claim.usage_ids.write({"claim_id": False})
            claim.write({"state": "rejected", "reject_reason": reason or False})
            claim.message_post(body=_("Rejected: %(reason)s", reason=reason or _("no reason given")))
        return True

    def action_settle(self):
        """Pay the approved claims, once, with journal entries on both sides."""
        self._check_brand_manager()
        self._lock_settlement()
        self._check_state("approved")
        for claim in self.sudo():
            claim._settle()
            claim.state = "settled"
        return True

    def _lock_settlement(self):
        """Serialise settlements of these claims before their state is read.

        Under Odoo's REPEATABLE READ the state read could be older than a
        settlement committed meanwhile. Updating the rows first makes a
        settlement that committed since our snapshot began fail ours with a
        serialisation error, which Odoo retries with a new snapshot (and the
        claim is then seen settled); one still running makes us wait for its
        end. Taken first, so that the guarantee does not rest on when the ORM
        happens to flush the state written at the end."""
        if self:
            self.env.cr.execute(SQL(
                "UPDATE channel_promotion_claim SET state = state WHERE id IN %s", tuple(self.ids),
            ))
            self.invalidate_recordset(["state"])

    def _settle(self):
        self.ensure_one()
        description = _("Promotion %(name)s: claim %(claim)s", name=self.program_id.name, claim=self.name)
        amount = self.amount
        if self.currency_id.is_zero(amount):
            raise UserError(_("Claim %(claim)s is for nothing.", claim=self.name))
        brand = self.issuer_company_id
        if self.settlement == "fund":
            account = self.env["channel.fund.account"]._get_or_create(self.member_id, "rebate").sudo()
            self.issuer_move_id = account._post_move(
                amount, brand._channel_fund_gl_account("promotion_expense"), description
            )
            account._lock()
            self.fund_entry_id = account._post_entry(
                "rebate", amount, move=self.issuer_move_id, source=self, description=description
            )
            self.claimant_move_id = self._post_claimant_move(account, amount, description)
        else:
            move = brand._channel_create_credit_note(
                self.member_id.partner_id, amount, self.env.ref("channel_promotion.product_promotion_claim"),
                description, "promotion_expense", origin=self.name,
            )
            self.credit_note_id = move
            self.issuer_move_id = move

    def _post_claimant_move(self, account, amount, description):
        """The distributor's side: its upstream's rebate fund ``account`` owes
        it the amount, the promotion cost it bore comes back (booked as rebates
        book theirs, see ``channel.fund.account._post_holder_move``)."""
        return account._post_holder_move(amount, "promotion_recovered", description)
