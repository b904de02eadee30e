# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import math

from psycopg2 import errors

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import SQL, float_compare

from odoo.addons.channel_base.tools import shares_cursor

FUND_TYPES = [("cash", "Cash (Prepaid)"), ("credit", "Credit Line"), ("rebate", "Rebate Fund")]
# Types whose balance is money the issuer owes the holder, carried on a GL account
MONEY_TYPES = ("cash", "rebate")
# the accounts this transaction locked (see ``_lock``), in ``cr.precommit.data``
LOCKED_KEY = "channel_account.locked_account_ids"


class ChannelFundAccount(models.Model):
    """A member's account with its upstream (the issuer): prepaid cash, or the
    rebate fund its rebates and promotion claims fill.

    The balance is never stored: it is the sum of the account's immutable
    entries, each backed by a journal entry on the account's GL account (a
    liability to the holder) in the issuer's books, so that balance = entries =
    GL balance for the holder's partner. Spending serialises on the account row
    (see ``_lock``)."""

    _name = "channel.fund.account"
    _description = "Channel Fund Account"
    _inherit = ["mail.thread"]
    _order = "holder_id, account_type"
    _rec_names_search = ["holder_id.name", "holder_id.code"]
    _check_company_auto = True

    name = fields.Char(compute="_compute_name")
    holder_id = fields.Many2one(
        "channel.member", string="Holder", required=True, index=True, ondelete="restrict",
        domain="[('role', 'in', ('distributor', 'store'))]",
    )
    partner_id = fields.Many2one(related="holder_id.partner_id", store=True, index=True, string="Holder Contact")
    company_id = fields.Many2one(
        "res.company", string="Issuer", required=True, index=True, default=lambda self: self.env.company,
        help="The holder's upstream, in whose books the account is kept.",
    )
    account_type = fields.Selection(FUND_TYPES, string="Type", required=True)
    currency_id = fields.Many2one(
        "res.currency", required=True, default=lambda self: self.env.company.currency_id,
    )
    gl_account_id = fields.Many2one(
        "account.account", string="GL Account", readonly=True, check_company=True,
        help="The issuer's account that carries this balance, per holder partner.",
    )
    balance = fields.Monetary(compute="_compute_amounts", help="The sum of the ledger entries.")
    hold_amount = fields.Monetary(
        compute="_compute_amounts", string="On Hold",
        help="Cash and rebate funds: what is reserved for payments not yet made. Credit lines: what the holder "
        "owes on it.",
    )
    available = fields.Monetary(compute="_compute_amounts", help="Balance less holds: what can be spent now.")
    credit_expiry = fields.Date(
        string="Credit Expires", tracking=True, help="Credit lines: after this day the limit is withdrawn."
    )
    entry_ids = fields.One2many("channel.fund.entry", "account_id", string="Entries")
    lock_version = fields.Integer(
        readonly=True, copy=False, default=0,
        help="Bumped by every spend: concurrent spenders conflict on it (technical).",
    )

    _sql_constraints = [
        (
            "holder_issuer_type_currency_unique",
            "UNIQUE(holder_id, company_id, account_type, currency_id)",
            "This member already has an account of this type and currency with this issuer.",
        ),
    ]

    @api.depends("holder_id.name", "account_type")
    @api.depends_context("lang")
    def _compute_name(self):
        """In the reader's language: the type's label is translated."""
        labels = dict(self._fields["account_type"]._description_selection(self.env))
        for account in self:
            account.name = f"{account.holder_id.name or ''} · {labels.get(account.account_type, '')}"

    @api.depends("entry_ids.amount")
    def _compute_amounts(self):
        accounts = self.filtered("id")
        balances = dict(self.env["channel.fund.entry"].sudo()._read_group(
            [("account_id", "in", accounts.ids)], ["account_id"], ["amount:sum"],
        ))
        held = accounts._held_amounts()
        today = fields.Date.context_today(self)
        for account in self:
            account.balance = balances.get(account, 0.0)
            if account.account_type == "credit":
                # the line's limit, less what the holder owes on it
                account.hold_amount = max(account._credit_used(), 0.0) if account.id else 0.0
                expired = account.credit_expiry and account.credit_expiry < today
                account.available = 0.0 if expired else account.balance - account.hold_amount
            else:
                account.hold_amount = held.get(account.id, 0.0)
                account.available = account.balance - account.hold_amount

    def _held_amounts(self):
        """{account id: amount} of these cash and rebate funds set aside for
        payments not yet made, which the balance cannot spend twice. Extension
        point: nothing here; an addon that pays documents from the funds (the
        orders of ``channel_sale_account``) adds what they hold, and extends
        the dependencies of ``_compute_amounts`` with its fields."""
        return {}

    def _credit_used(self):
        """What the holder owes on this credit line: its receivable in the
        issuer's books. Extension point: an addon that grants credit on more
        than invoices (open orders, in ``channel_sale_account``) counts them."""
        self.ensure_one()
        return self.partner_id.sudo().with_company(self.company_id).credit

    @api.constrains("holder_id", "company_id")
    def _check_issuer_is_upstream(self):
        for account in self:
            if account.holder_id.sudo().supplier_company_id != account.company_id:
                raise ValidationError(_(
                    "%(holder)s keeps its accounts with its upstream %(upstream)s, not with %(issuer)s.",
                    holder=account.holder_id.name,
                    upstream=account.holder_id.sudo().supplier_company_id.name or _("(none)"),
                    issuer=account.company_id.name,
                ))

    @api.model_create_multi
    def create(self, vals_list):
        accounts = super().create(vals_list)
        for account in accounts.filtered(lambda account: account.account_type in MONEY_TYPES):
            account.gl_account_id = account.company_id._channel_fund_gl_account(account.account_type)
        return accounts

    def write(self, vals):
        frozen = {"holder_id", "company_id", "account_type", "currency_id", "gl_account_id"} & vals.keys()
        if frozen and any(account.entry_ids for account in self):
            raise UserError(_("An account with entries keeps its holder, issuer, type and currency."))
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_entries(self):
        if self.entry_ids:
            raise UserError(_("An account with entries cannot be deleted."))

    # === RIGHTS AND LOCKING === #
    def _check_issuer_rights(self):
        """Operations are the issuer's: an accounting user of the issuing company."""
        user = self.env.user
        if self.env.su:
            return
        for account in self:
            if account.company_id not in user.company_ids or not user.has_group("account.group_account_invoice"):
                raise AccessError(_(
                    "Only the accounting staff of %(issuer)s operate %(account)s.",
                    issuer=account.company_id.name, account=account.name,
                ))

    def _lock(self):
        """Serialise spending on these accounts.

        Under Odoo's REPEATABLE READ, a row lock alone is not enough: the
        transaction's snapshot predates the lock, so the ledger sum read after
        it could miss a spend committed meanwhile. Updating the row instead
        makes any transaction that spent on it since our snapshot began fail
        ours with a serialisation error, which Odoo retries with a new snapshot;
        a transaction still running makes us wait for its end. After this call,
        the sums this transaction reads are current."""
        if self:
            self.env.cr.execute(SQL(
                "UPDATE channel_fund_account SET lock_version = lock_version + 1 WHERE id IN %s", tuple(self.ids),
            ))
            if not shares_cursor(self.env):
                # what this transaction writes now, a side transaction cannot see
                # (see ``_hold`` in channel_sale_account)
                self.env.cr.precommit.data.setdefault(LOCKED_KEY, set()).update(self.ids)
            self.invalidate_recordset(["lock_version", "balance", "hold_amount", "available"])

    def _check_amount(self, amount, currency=None):
        self.ensure_one()
        if currency and currency != self.currency_id:
            raise UserError(_(
                "%(account)s is kept in %(currency)s, not %(other)s.",
                account=self.name, currency=self.currency_id.name, other=currency.name,
            ))
        if not isinstance(amount, (int, float)) or isinstance(amount, bool) or not math.isfinite(amount) or float_compare(
            amount, 0.0, precision_rounding=self.currency_id.rounding
        ) <= 0:
            raise UserError(_("The amount must be a positive number."))
        return self.currency_id.round(amount)

    def _check_available(self, amount):
        self.ensure_one()
        if float_compare(self.available, amount, precision_rounding=self.currency_id.rounding) < 0:
            raise UserError(_(
                "%(account)s has %(available)s available; %(amount)s cannot be spent from it.",
                account=self.name,
                available=self.currency_id.format(self.available),
                amount=self.currency_id.format(amount),
            ))

    # === LEDGER === #
    def _post_entry(self, kind, amount, move=False, source=False, description=False, reversed_entry=False,
                    holder_move=False):
        """Append an entry (signed ``amount``) backed by ``move`` (and, on a
        tenant's rebate fund, by ``holder_move`` in the holder's books)."""
        self.ensure_one()
        return self.env["channel.fund.entry"].sudo().with_context(channel_fund_posting=True).create({
            "account_id": self.id,
            "kind": kind,
            "amount": amount,
            "move_id": move and move.id,
            "holder_move_id": holder_move and holder_move.id,
            "source_ref": source and f"{source._name},{source.id}",
            "description": description,
            "reversed_entry_id": reversed_entry and reversed_entry.id,
        })

    def _post_move(self, amount, counterpart_account, ref, date=None):
        """A posted journal entry moving ``amount`` onto this account's GL
        account for the holder (credit: the issuer owes the holder more) against
        ``counterpart_account``; a negative amount moves it off."""
        self.ensure_one()
        company = self.company_id
        partner = self.partner_id
        amount_company = self.currency_id._convert(amount, company.currency_id, company, date or fields.Date.today())
        move = self.env["account.move"].sudo().with_company(company).create({
            "move_type": "entry",
            "journal_id": company._channel_fund_journal().id,
            "date": date or fields.Date.context_today(self),
            "ref": ref,
            "line_ids": [
                fields.Command.create({
                    "name": ref, "account_id": self.gl_account_id.id, "partner_id": partner.id,
                    "currency_id": self.currency_id.id, "amount_currency": -amount, "balance": -amount_company,
                }),
                fields.Command.create({
                    "name": ref, "account_id": counterpart_account.id, "partner_id": partner.id,
                    "currency_id": self.currency_id.id, "amount_currency": amount, "balance": amount_company,
                }),
            ],
        })
        move.action_post()
        return move

    # === OPERATIONS === #
    # Each public operation is callable over XML-RPC: records are passed as
    # ids, the answer is the id(s) of the ledger entries it made, and an
    # optional ``client_ref`` makes a replay answer the first answer instead of
    # acting twice (see ``channel.fund.request``). The ``_...`` methods behind
    # them return the entries, for the suite's own callers.
    def _keyed(self, client_ref, operation, arguments, act):
        """Run ``act`` (answering ids) once per ``client_ref`` of the issuer."""
        self.ensure_one()
        self._check_issuer_rights()
        return self.env["channel.fund.request"].sudo()._run(self, client_ref, operation, arguments, act)

    @staticmethod
    def _figure(value):
        """An amount as the fingerprint of a call compares it: 10 and 10.0 alike."""
        return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else value

    def _browse_arg(self, model, value):
        """A record argument: a record (the suite's callers) or an id (XML-RPC)."""
        if isinstance(value, models.BaseModel):
            return value
        if value in (None, False):
            return self.env[model]
        if not isinstance(value, int) or isinstance(value, bool):
            raise UserError(_("%(value)r is not the id of a record.", value=value))
        return self.env[model].browse(value)

    def action_deposit(self, amount, journal=None, date=None, memo=None, client_ref=None):
        """The holder pays ``amount`` in advance (see ``_deposit``). Answers
        the id of the deposit's entry."""
        journal = self._browse_arg("account.journal", journal)
        return self._keyed(
            client_ref, "deposit",
            {"amount": self._figure(amount), "journal": journal.id, "date": date, "memo": memo},
            lambda: self._deposit(amount, journal=journal or None, date=date, memo=memo).id,
        )

    def _deposit(self, amount, journal=None, date=None, memo=None):
        """The holder pays ``amount`` in advance: a customer payment in the
        issuer's bank journal, booked straight to the prepayments account."""
        self.ensure_one()
        self._check_issuer_rights()
        if self.account_type != "cash":
            raise UserError(_("Deposits go to a cash account; %(account)s is not one.", account=self.name))
        amount = self._check_amount(amount)
        company = self.company_id
        journal = journal or self.env["account.journal"].sudo().search(
            [("company_id", "=", company.id), ("type", "=", "bank")], limit=1
        )
        if not journal or journal.company_id != company:
            raise UserError(_("%(issuer)s has no bank journal to receive the deposit in.", issuer=company.name))
        payment = self.env["account.payment"].sudo().with_company(company).create({
            "payment_type": "inbound",
            "partner_type": "customer",
            "partner_id": self.partner_id.id,
            "amount": amount,
            "currency_id": self.currency_id.id,
            "journal_id": journal.id,
            "date": date or fields.Date.context_today(self),
            "memo": memo or _("Deposit to %(account)s", account=self.name),
            "destination_account_id": self.gl_account_id.id,
        })
        payment.action_post()
        if not payment.move_id:
            raise UserError(_("The bank journal %(journal)s posts no journal entry for payments.", journal=journal.name))
        self._lock()
        return self._post_entry("deposit", amount, move=payment.move_id, source=payment, description=payment.memo)

    def action_deposit_payment(self, payment, client_ref=None):
        """A payment already received becomes a deposit (see
        ``_deposit_payment``). Answers the id of the deposit's entry."""
        payment = self._browse_arg("account.payment", payment)
        return self._keyed(
            client_ref, "deposit_payment", {"payment": payment.id},
            lambda: self._deposit_payment(payment).id,
        )

    def _deposit_payment(self, payment):
        """Turn a customer payment already received (and not matched with an
        invoice) into a deposit: its receivable is moved to the prepayments
        account and reconciled."""
        self.ensure_one()
        self._check_issuer_rights()
        payment = payment.sudo()
        if not payment.exists():
            raise UserError(_("This payment does not exist."))
        if self.account_type != "cash":
            raise UserError(_("Deposits go to a cash account; %(account)s is not one.", account=self.name))
        receivable = payment.move_id.line_ids.filtered(
            lambda line: line.account_id.account_type == "asset_receivable" and not line.reconciled
        )
        if (
            payment.state not in ("in_process", "paid") or payment.payment_type != "inbound"
            or payment.partner_id.commercial_partner_id != self.partner_id or payment.company_id != self.company_id
            or not receivable or self.env["channel.fund.entry"].sudo().search_count(
                [("source_ref", "=", f"account.payment,{payment.id}")], limit=1
            )
        ):
            raise UserError(_(
                "Only a posted customer payment of %(holder)s to %(issuer)s, not yet matched nor deposited, "
                "becomes a deposit.", holder=self.holder_id.name, issuer=self.company_id.name,
            ))
        amount = self._check_amount(-sum(receivable.mapped("amount_currency")), currency=payment.currency_id)
        ref = _("Deposit of %(payment)s", payment=payment.name)
        move = self._post_move(amount, receivable.account_id, ref)
        (move.line_ids.filtered(lambda line: line.account_id == receivable.account_id) | receivable).reconcile()
        self._lock()
        return self._post_entry("deposit", amount, move=move, source=payment, description=ref)

    def action_credit_rebate(self, amount, description=None, client_ref=None):
        """Credit ``amount`` to the rebate fund (see ``_credit_rebate``).
        Answers the id of the entry."""
        return self._keyed(
            client_ref, "credit_rebate", {"amount": self._figure(amount), "description": description},
            lambda: self._credit_rebate(amount, description=description).id,
        )

    def action_debit_rebate(self, amount, description=None, client_ref=None):
        """Take ``amount`` back from the rebate fund (see ``_debit_rebate``).
        Answers the id of the entry."""
        return self._keyed(
            client_ref, "debit_rebate", {"amount": self._figure(amount), "description": description},
            lambda: self._debit_rebate(amount, description=description).id,
        )

    def _credit_rebate(self, amount, source=None, description=None):
        """Credit earned rebates or promotion claims to the rebate fund: the
        issuer books the expense and owes it to the holder."""
        return self._post_rebate(self._check_amount(amount), source, description or _("Rebate credited"))

    def _debit_rebate(self, amount, source=None, description=None):
        """Take back rebates credited in excess (a late credit note or return
        lowered what was earned): the expense and the debt shrink. The fund may
        go below zero: the holder then owes it to later rebates."""
        return self._post_rebate(-self._check_amount(amount), source, description or _("Rebate corrected"))

    def _post_rebate(self, amount, source, description):
        """Move the signed ``amount`` between the rebate expense and the fund."""
        self.ensure_one()
        self._check_issuer_rights()
        if self.account_type != "rebate":
            raise UserError(_("Rebates go to a rebate fund; %(account)s is not one.", account=self.name))
        move = self._post_move(amount, self.company_id._channel_fund_gl_account("rebate_expense"), description)
        self._lock()
        holder_move = self._post_holder_move(amount, "rebate_earned", description)
        return self._post_entry(
            "rebate", amount, move=move, source=source, description=description, holder_move=holder_move,
        )

    def action_set_credit_limit(self, limit, expiry=None, reason=None, client_ref=None):
        """Set the credit line's limit (see ``_set_credit_limit``). Answers the
        id of the entry, or False when the limit was already that."""
        return self._keyed(
            client_ref, "set_credit_limit", {"limit": self._figure(limit), "expiry": expiry, "reason": reason},
            lambda: self._set_credit_limit(limit, expiry=expiry, reason=reason).id,
        )

    def _set_credit_limit(self, limit, expiry=None, reason=None):
        """Grant, change or withdraw a credit line. A limit moves no money: its
        entries carry no journal entry; the limit Odoo enforces (the holder's
        credit limit in the issuer's company, read by the credit approval)
        follows the ledger."""
        self.ensure_one()
        self._check_issuer_rights()
        if self.account_type != "credit":
            raise UserError(_("%(account)s is not a credit line.", account=self.name))
        if not isinstance(limit, (int, float)) or isinstance(limit, bool) or not math.isfinite(limit) or limit < 0:
            raise UserError(_("A credit limit is a number, zero or more."))
        self._lock()
        delta = self.currency_id.round(limit - self.balance)
        entry = self.env["channel.fund.entry"]
        if not self.currency_id.is_zero(delta):
            entry = self._post_entry("credit_limit", delta, description=reason or _("Credit limit set to %(limit)s",
                                                                                      limit=self.currency_id.format(limit)))
        self.sudo().credit_expiry = expiry or False
        self.partner_id.sudo().with_company(self.company_id).credit_limit = limit
        return entry

    @api.model
    def _cron_expire_credit(self):
        """Withdraw the credit lines whose day has passed."""
        expired = self.sudo().search([
            ("account_type", "=", "credit"), ("credit_expiry", "<", fields.Date.context_today(self)),
        ]).filtered(lambda account: account.balance > 0)
        for account in expired:
            account._set_credit_limit(0.0, expiry=account.credit_expiry, reason=_("Credit line expired"))
        return expired

    def action_transfer(self, target, amount, reason=None, client_ref=None):
        """Move ``amount`` to ``target`` (see ``_transfer``). Answers the ids
        of the two entries, the debit first."""
        target = self._browse_arg("channel.fund.account", target)
        return self._keyed(
            client_ref, "transfer", {"target": target.id, "amount": self._figure(amount), "reason": reason},
            lambda: self._transfer(target, amount, reason=reason).ids,
        )

    def _transfer(self, target, amount, reason=None):
        """Move money between two of the holder's accounts with the same issuer,
        where the issuer's policy allows it (never out of a rebate fund unless it
        says so: that would get around the rebate cap)."""
        self.ensure_one()
        self._check_issuer_rights()
        target.ensure_one()
        if (target.holder_id, target.company_id, target.currency_id) != (self.holder_id, self.company_id, self.currency_id) \
                or target == self:
            raise UserError(_("A transfer moves money between two accounts of one holder with one issuer, in one currency."))
        if (self.account_type, target.account_type) not in self.company_id._channel_fund_transfers_allowed():
            raise UserError(_(
                "%(issuer)s does not allow transfers from %(from_account)s to %(to_account)s.",
                issuer=self.company_id.name, from_account=self.name, to_account=target.name,
            ))
        amount = self._check_amount(amount)
        (self | target).sorted("id")._lock()
        self._check_available(amount)
        description = reason or _(
            "Transfer from %(from_account)s to %(to_account)s", from_account=self.name, to_account=target.name
        )
        move = target._post_move(amount, self.gl_account_id, description)
        # the holder's side: a rebate fund's part moves against its advance to
        # the issuer (see ``_holder_payable_account``)
        out_move = self._post_holder_move(-amount, self._holder_payable_account(), description)
        in_move = target._post_holder_move(amount, target._holder_payable_account(), description)
        return self._post_entry(
            "transfer", -amount, move=move, description=description, holder_move=out_move,
        ) | target._post_entry("transfer", amount, move=move, description=description, holder_move=in_move)

    def action_open_entries(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.name,
            "res_model": "channel.fund.entry",
            "view_mode": "list,form",
            "domain": [("account_id", "=", self.id)],
        }

    @api.model
    def _find(self, holder, company, account_type):
        """The holder's account of ``account_type`` with ``company``, if any."""
        return self.sudo().search([
            ("holder_id", "=", holder.id), ("company_id", "=", company.id), ("account_type", "=", account_type),
        ], limit=1)

    @api.model
    def _get_or_create(self, holder, account_type, currency=None):
        """The holder's account of ``account_type`` with its upstream."""
        company = holder.sudo().supplier_company_id
        currency = currency or company.currency_id
        Account = self.sudo()
        key = [
            ("holder_id", "=", holder.id), ("company_id", "=", company.id),
            ("account_type", "=", account_type), ("currency_id", "=", currency.id),
        ]
        account = Account.search(key)
        if account:
            return account
        # another transaction may have made it since our snapshot began: under
        # REPEATABLE READ we cannot read it, and Odoo does not retry the refusal
        # of a unique key (the caller would be told the member already has the
        # account). So the makers of one key queue (a lock held to the end of
        # the transaction) and ask PostgreSQL in a way it answers with a
        # serialisation failure then, which Odoo retries with a new snapshot,
        # that finds the account.
        self.env.cr.execute(SQL(
            "SELECT pg_advisory_xact_lock(hashtext('channel.fund.account'), hashtext(%s))",
            f"{holder.id}-{company.id}-{account_type}-{currency.id}",
        ))
        if self._key_is_free(holder, company, account_type, currency):
            try:
                with self.env.cr.savepoint():
                    return Account.create({
                        "holder_id": holder.id, "company_id": company.id, "account_type": account_type,
                        "currency_id": currency.id,
                    })
            except errors.UniqueViolation:
                # made and committed in the moment between the two statements
                self._key_is_free(holder, company, account_type, currency)
        account = Account.search(key)
        if not account:
            raise UserError(_("This account is being opened by another operation; try again in a moment."))
        return account

    def _key_is_free(self, holder, company, account_type, currency):
        """Whether no account has this key, asked by inserting it and undoing
        the insert: a key taken by a transaction committed after this one's
        snapshot raises a serialisation failure (retried by Odoo), not logged
        as an error."""

        class KeyFree(Exception):
            pass

        try:
            with self.env.cr.savepoint(flush=False):
                self.env.cr.execute(SQL(
                    """INSERT INTO channel_fund_account (holder_id, company_id, account_type, currency_id, lock_version)
                       VALUES (%s, %s, %s, %s, 0)
                       ON CONFLICT ON CONSTRAINT channel_fund_account_holder_issuer_type_currency_unique
                       DO NOTHING RETURNING id""",
                    holder.id, company.id, account_type, currency.id,
                ), log_exceptions=False)
                if self.env.cr.fetchone():
                    raise KeyFree  # undo the bare row: the ORM makes the account
        except KeyFree:
            return True
        return False

    def _holder_payable_account(self):
        """In the holder's books, the account its advances to the issuer and
        the issuer's bills sit on: the payable for the issuer's partner. A
        cash fund is such an advance (the holder books its payment there
        itself, from its own bank), so money between a rebate fund and a cash
        fund, or a rebate fund paying an order, moves against it. No record
        for a holder without books."""
        self.ensure_one()
        company = self.holder_id.sudo().tenant_company_id
        if not company:
            return self.env["account.account"]
        return self.company_id.partner_id.sudo().with_company(company).property_account_payable_id

    def _post_holder_move(self, amount, counterpart_key, description):
        """The holder's side of a movement of this rebate fund, when the holder
        keeps books (a distributor, a tenant; stores keep none): in its own
        company, what the issuer owes it grows by the signed ``amount`` (on
        "Rebate Funds with Upstream", for the issuer's partner) against the
        ``counterpart_key`` account (rebates earned, promotion costs recovered).
        The one home of this rule: rebates and promotion claims credited to a
        fund both book their holder's side here, so that the holder's
        receivable equals the fund's balance (``channel.fund.reconciliation``
        compares them). ``counterpart_key`` is a key of
        ``res.company._channel_fund_gl_accounts`` or an
        account of the holder's company. Every movement of a tenant's rebate
        fund comes here: rebates and claims, debits, order payments
        (``_capture``), transfers, adjustments and reversals. Cash funds are
        not mirrored (see ``_holder_payable_account``). Returns the posted
        entry, or no record for a store or a cash fund."""
        self.ensure_one()
        company = self.holder_id.sudo().tenant_company_id
        if self.account_type != "rebate" or not company:
            return self.env["account.move"]
        currency = self.currency_id
        date = fields.Date.context_today(self)
        balance = currency._convert(amount, company.currency_id, company, date)
        issuer_partner = self.company_id.partner_id
        move = self.env["account.move"].sudo().with_company(company).create({
            "move_type": "entry",
            "journal_id": company._channel_fund_journal().id,
            "date": date,
            "ref": description,
            "line_ids": [
                fields.Command.create({
                    "name": description, "partner_id": issuer_partner.id,
                    "account_id": company._channel_fund_gl_account("upstream_rebate").id,
                    "currency_id": currency.id, "amount_currency": amount, "balance": balance,
                }),
                fields.Command.create({
                    "name": description, "partner_id": issuer_partner.id,
                    "account_id": (
                        company._channel_fund_gl_account(counterpart_key).id
                        if isinstance(counterpart_key, str) else counterpart_key.id
                    ),
                    "currency_id": currency.id, "amount_currency": -amount, "balance": -balance,
                }),
            ],
        })
        move.action_post()
        return move
