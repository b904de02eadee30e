# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.exceptions import UserError

ENTRY_KINDS = [
    ("deposit", "Deposit"),
    ("rebate", "Rebate Credit"),
    ("spend", "Order Payment"),
    ("transfer", "Transfer"),
    ("adjustment", "Adjustment"),
    ("credit_limit", "Credit Limit"),
    ("reversal", "Reversal"),
]


class ChannelFundEntry(models.Model):
    """One immutable line of a fund account's ledger. Entries are only ever
    created by the account's operations; a mistake is corrected by a reversal."""

    _name = "channel.fund.entry"
    _inherit = ["channel.fund.line.mixin"]
    _description = "Channel Fund Entry"
    _order = "date desc, id desc"

    account_type = fields.Selection(related="account_id.account_type", store=True)
    date = fields.Datetime(required=True, readonly=True, default=fields.Datetime.now, index=True)
    kind = fields.Selection(ENTRY_KINDS, required=True, readonly=True)
    amount = fields.Monetary(required=True, readonly=True, help="Positive: the holder's balance grows.")
    description = fields.Char(readonly=True)
    source_ref = fields.Reference(
        selection="_selection_source_ref", string="Source Document", readonly=True,
        help="The document behind the entry: a payment, an invoice, a rebate statement, a promotion claim…",
    )
    move_id = fields.Many2one("account.move", string="Journal Entry", readonly=True, index="btree_not_null")
    holder_move_id = fields.Many2one(
        "account.move", string="Holder's Journal Entry", readonly=True, index="btree_not_null",
        help="A distributor's rebate fund: the entry in the holder's own books that mirrors this one.",
    )
    reversed_entry_id = fields.Many2one("channel.fund.entry", string="Reverses", readonly=True, index="btree_not_null")
    reversal_entry_ids = fields.One2many("channel.fund.entry", "reversed_entry_id", string="Reversed By")

    _sql_constraints = [
        ("amount_not_zero", "CHECK(amount <> 0)", "A ledger entry moves an amount."),
        ("reversed_once", "UNIQUE(reversed_entry_id)", "This entry is already reversed."),
    ]

    @api.model
    def _selection_source_ref(self):
        return [(model.model, model.name) for model in self.env["ir.model"].sudo().search([])]

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.context.get("channel_fund_posting"):
            raise UserError(_("Ledger entries are written by the account's operations only."))
        return super().create(vals_list)

    def write(self, vals):  # pylint: disable=method-required-super
        if self:  # writing no entry (e.g. a contact merge re-pointing references) changes nothing
            raise UserError(_("A ledger entry is never edited: reverse it."))
        return True

    @api.ondelete(at_uninstall=True)
    def _unlink_never(self):
        raise UserError(_("A ledger entry is never deleted: reverse it."))

    def action_reverse(self, reason=None):
        """Reverse these entries (see ``_reverse``); answers the ids of the
        reversal entries. An entry is reversed once: sent again, refused."""
        return self._reverse(reason=reason).ids

    def _reverse(self, reason=None):
        """Cancel the effect of entries: their journal entries are reversed and a
        reversal entry of the opposite amount is appended. Reversing money the
        holder has already spent is refused."""
        entries = self.env["channel.fund.entry"]
        for entry in self:
            account = entry.account_id
            account._check_issuer_rights()
            if entry.kind == "reversal" or entry.reversal_entry_ids:
                raise UserError(_("Entry %(entry)s is a reversal or already reversed.", entry=entry.display_name))
            if entry.kind in ("spend", "credit_limit", "transfer"):
                raise UserError(_(
                    "This entry is undone by its own operation (a credit note, a new limit, a transfer back)."
                ))
            account._lock()
            if entry.amount > 0:
                account._check_available(entry.amount)
            ref = reason or _("Reversal of %(entry)s", entry=entry.display_name)
            reversal_move = entry.move_id._reverse_moves([{"ref": ref}], cancel=True)
            entries |= account._post_entry(
                "reversal", -entry.amount, move=reversal_move, source=entry.move_id,
                description=reason or _("Reversal"), reversed_entry=entry,
                holder_move=entry._reverse_holder_side(ref),
            )
        return entries

    def _reverse_holder_side(self, ref):
        """The holder's side of this entry's reversal: its mirrored entry
        reversed; an entry mirrored elsewhere (a promotion claim keeps its own)
        is taken back against the fund adjustments of the holder. No record
        when the holder keeps no books or the fund is not mirrored."""
        self.ensure_one()
        holder_move = self.holder_move_id.sudo()
        if holder_move:
            # cancelled (the two reconciled) unless the holder matched a line meanwhile
            matched = holder_move.line_ids.filtered(lambda line: line.matched_debit_ids or line.matched_credit_ids)
            reversal = holder_move._reverse_moves([{"ref": ref}], cancel=not matched)
            if reversal.state == "draft":
                reversal.action_post()
            return reversal
        return self.account_id._post_holder_move(-self.amount, "adjustment", ref)
