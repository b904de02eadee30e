# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from psycopg2 import errors

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL, float_compare, float_is_zero

from odoo.addons.channel_account.models.channel_fund_account import LOCKED_KEY, MONEY_TYPES
from odoo.addons.channel_base.tools import side_transaction


class ChannelFundAccount(models.Model):
    """Paying orders from the funds: a confirmed order holds its payment on
    the account, the posted invoice captures it."""

    _inherit = "channel.fund.account"

    # === FIELDS === #
    hold_ids = fields.One2many("channel.fund.hold", "account_id", string="Holds")

    # === COMPUTE === #
    @api.depends("hold_ids.amount", "hold_ids.state")
    def _compute_amounts(self):
        return super()._compute_amounts()

    def _held_amounts(self):
        """What confirmed orders hold on the funds until their invoice, and
        what running confirmations reserve (``channel.fund.reservation``)."""
        held = super()._held_amounts()
        holds = self.env["channel.fund.hold"].sudo()._read_group(
            [("account_id", "in", self.ids), ("state", "=", "active")], ["account_id"], ["amount:sum"],
        )
        for account, amount in holds:
            held[account.id] = held.get(account.id, 0.0) + amount
        for account_id, amount in self.env["channel.fund.reservation"].sudo()._reserved(self).items():
            held[account_id] = held.get(account_id, 0.0) + amount
        return held

    def _credit_used(self):
        """Credit lines: open orders count with the receivables, as the credit
        approval of the orders counts them."""
        self.ensure_one()
        return self.holder_id._channel_credit_exposure(self.company_id)[0]

    # === BUSINESS METHODS === #
    def _hold(self, amount, order):
        """Hold ``amount`` for ``order`` if it is available (called at
        confirmation); returns the hold.

        Every order paid from an account takes from its one balance. Locked
        inside the order's confirmation (seconds, with the ripple up the
        chain), the account would serialise all of them, and under REPEATABLE
        READ fail every one that began before another committed. So the room is
        checked and the money reserved in a short transaction of its own
        (``channel.fund.reservation``, see ``_reserve``), and the hold, written
        with the order, takes the reservation over when the confirmation
        commits; if it rolls back, nothing stays reserved. Credit lines, and
        accounts this transaction itself moved money on (which another
        transaction cannot see yet), are held here under the lock."""
        self.ensure_one()
        amount = self._check_amount(amount)
        reservation_id = 0
        if self.account_type in MONEY_TYPES and self.id not in self.env.cr.precommit.data.get(LOCKED_KEY, ()):
            reservation_id = self._reserve(amount, order)
        if not reservation_id:
            self._lock()
            self._check_hold_room(amount, order, self.available)
        self.invalidate_recordset(["hold_amount", "available"])
        return self.env["channel.fund.hold"].sudo().create({
            "account_id": self.id, "amount": amount, "order_id": order.id, "reservation_id": reservation_id,
        })

    def _reserve(self, amount, order):
        """Reserve ``amount`` for ``order`` in a transaction of its own,
        committed at once: the account row locked (and bumped, so that spenders
        under REPEATABLE READ conflict with it, see ``_lock``) for the few
        queries that check the room and write the reservation, in READ
        COMMITTED, so it sees every hold and reservation committed by the
        others. Returns the reservation's id; 0 when that transaction cannot
        see the account (made by this one, not committed yet)."""
        self.ensure_one()
        self.env.cr.execute(SQL("SELECT txid_current()"))
        transaction_id = self.env.cr.fetchone()[0]
        try:
            with side_transaction(self.env, lock_timeout="10s") as cr:
                account = self.with_env(self.env(cr=cr, su=True))
                cr.execute(SQL(
                    "UPDATE channel_fund_account SET lock_version = lock_version + 1 WHERE id = %s RETURNING id",
                    self.id,
                ), log_exceptions=False)
                if not cr.fetchone():
                    return 0
                account._check_hold_room(amount, order, account._available_now())
                return account.env["channel.fund.reservation"]._reserve(account, order.id, amount, transaction_id)
        except errors.LockNotAvailable as error:
            raise UserError(_(
                "%(account)s is busy with another payment; confirm the order again in a moment.", account=self.name,
            )) from error

    def _available_now(self):
        """What can be spent, read in one statement (one snapshot: under READ
        COMMITTED, sums read by separate statements could straddle a capture
        and count its money twice): the balance less active holds and running
        reservations."""
        self.ensure_one()
        for model in ("channel.fund.entry", "channel.fund.hold", "channel.fund.reservation"):
            self.env[model].flush_model()
        self.env.cr.execute(SQL(
            """SELECT COALESCE((SELECT SUM(amount) FROM channel_fund_entry WHERE account_id = %(id)s), 0)
                    - COALESCE((SELECT SUM(amount) FROM channel_fund_hold
                                 WHERE account_id = %(id)s AND state = 'active'), 0)
                    - COALESCE((SELECT SUM(r.amount) FROM channel_fund_reservation r
                                 WHERE r.account_id = %(id)s AND %(counting)s), 0)""",
            id=self.id, counting=self.env["channel.fund.reservation"]._counting(),
        ))
        return self.env.cr.fetchone()[0]

    def _check_hold_room(self, amount, order, available):
        """Refuse to hold ``amount`` for ``order`` beyond ``available``, in
        words the buyer understands."""
        self.ensure_one()
        if float_compare(available, amount, precision_rounding=self.currency_id.rounding) < 0:
            raise UserError(_(
                "Order %(order)s needs %(amount)s from %(account)s, which has only %(available)s available (the "
                "rest pays for orders already confirmed). Pay less of the order from it, or top it up first.",
                order=order.name, amount=self.currency_id.format(amount), account=self.name,
                available=self.currency_id.format(max(available, 0.0)),
            ))

    def _capture(self, hold, invoice):
        """Pay ``invoice`` with what ``hold`` reserved: the liability to the
        holder pays the receivable, the two reconciled; the rest of the hold
        (more than the invoice still owes) is released."""
        self.ensure_one()
        receivable_lines = invoice.line_ids.filtered(
            lambda line: line.account_id.account_type == "asset_receivable" and not line.reconciled
        )
        residual = invoice.currency_id._convert(
            invoice.amount_residual, self.currency_id, self.company_id, invoice.invoice_date or fields.Date.today()
        )
        amount = min(hold.amount, residual)
        if float_is_zero(amount, precision_rounding=self.currency_id.rounding) or not receivable_lines:
            hold.state = "released"
            return self.env["channel.fund.entry"]
        ref = _("%(account)s pays %(invoice)s", account=self.name, invoice=invoice.name)
        move = self._post_move(-amount, receivable_lines[0].account_id, ref)
        (move.line_ids.filtered(lambda line: line.account_id == receivable_lines[0].account_id) | receivable_lines).reconcile()
        holder_move = self._capture_holder_side(amount, invoice, ref)
        # no lock: the spend and the hold it captures change the available
        # amount by nothing, and commit together (concurrent captures of the
        # one hold conflict on its row)
        entry = self._post_entry(
            "spend", -amount, move=move, source=invoice, description=ref, holder_move=holder_move,
        )
        hold.write({"state": "captured", "entry_id": entry.id, "captured_amount": amount})
        return entry

    def _capture_holder_side(self, amount, invoice, ref):
        """The holder's side of a rebate fund paying ``amount`` of the issuer's
        ``invoice``: in its books, the issuer's bill is paid by what the
        issuer's fund owed it. The bill the inter-company invoicing made from
        the invoice, if posted, is reconciled with that payment; otherwise the
        payment waits on the payable for the issuer, for the bill to come.
        Returns the holder's entry, or no record (no books, or a cash fund)."""
        self.ensure_one()
        company = self.holder_id.sudo().tenant_company_id
        if self.account_type != "rebate" or not company:
            return self.env["account.move"]
        bill = self.env["account.move"].sudo().search([
            ("auto_invoice_id", "=", invoice.id), ("company_id", "=", company.id), ("state", "=", "posted"),
        ], limit=1)
        payable_lines = bill.line_ids.filtered(
            lambda line: line.account_id.account_type == "liability_payable" and not line.reconciled
        )
        payable = payable_lines[:1].account_id or self._holder_payable_account()
        move = self._post_holder_move(-amount, payable, ref)
        if payable_lines:
            (move.line_ids.filtered(lambda line: line.account_id == payable) | payable_lines).reconcile()
        return move
