# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import logging

import psycopg2

from odoo import api, fields, models
from odoo.tools import SQL

from odoo.addons.channel_base.tools import shares_cursor, side_transaction

_logger = logging.getLogger(__name__)


class ChannelFundReservation(models.Model):
    """Money reserved on a fund account for an order while its confirmation
    runs: written and committed at once, under the account's lock, by
    ``channel.fund.account._hold``, in a transaction of its own. It counts
    against the account while the confirming transaction runs; once that
    transaction commits, the order's hold (which names this reservation)
    counts instead; if it rolls back, nothing stays reserved. No foreign key
    to the order: the order may not be committed yet when the reservation is."""

    _name = "channel.fund.reservation"
    _description = "Fund Reservation"
    _order = "id desc"
    _log_access = False

    # a confirmation committed without taking over its reservation (it failed
    # inside a savepoint its caller caught) stops counting after this long
    LAPSE_MINUTES = 2

    account_id = fields.Many2one("channel.fund.account", required=True, index=True, ondelete="cascade", readonly=True)
    order_id = fields.Integer(required=True, readonly=True)
    amount = fields.Float(required=True, readonly=True)
    transaction_id = fields.Float(
        digits=(20, 0), required=True, readonly=True,
        help="The PostgreSQL transaction confirming the order (txid_current), a 64-bit number (technical).",
    )
    expires_at = fields.Datetime(required=True, readonly=True)

    _sql_constraints = [
        ("order_unique", "UNIQUE(order_id)", "An order reserves money once."),
        ("amount_positive", "CHECK(amount > 0)", "A reservation is a positive amount."),
    ]

    @api.model
    def _counting(self, alias="r"):
        """The condition under which reservation ``alias`` still counts: no
        hold took it over, and its transaction is running, or committed only
        just now (a statement's snapshot may predate that commit, and with it
        the hold)."""
        alias = SQL.identifier(alias)
        return SQL(
            """NOT EXISTS (SELECT 1 FROM channel_fund_hold h WHERE h.reservation_id = %(r)s.id)
               AND (txid_status(%(r)s.transaction_id::bigint) IS NOT DISTINCT FROM 'in progress'
                    OR (txid_status(%(r)s.transaction_id::bigint) IS NOT DISTINCT FROM 'committed'
                        AND %(r)s.expires_at > (now() AT TIME ZONE 'UTC')))""",
            r=alias,
        )

    @api.model
    def _reserved(self, accounts):
        """{account id: amount} that running confirmations reserve on ``accounts``."""
        if not accounts.ids:
            return {}
        self.env["channel.fund.hold"].flush_model(["reservation_id"])
        self.flush_model()
        self.env.cr.execute(SQL(
            "SELECT r.account_id, SUM(r.amount) FROM channel_fund_reservation r"
            " WHERE r.account_id IN %s AND %s GROUP BY r.account_id",
            tuple(accounts.ids), self._counting(),
        ))
        return dict(self.env.cr.fetchall())

    @api.model
    def _reserve(self, account, order_id, amount, transaction_id):
        """Write ``order_id``'s reservation of ``amount`` on ``account`` for the
        confirming transaction ``transaction_id`` (the caller holds the
        account's lock); forget what no longer counts on the account. Returns
        the reservation's id."""
        self.env.cr.execute(SQL(
            "DELETE FROM channel_fund_reservation r WHERE r.order_id = %s OR (r.account_id = %s AND NOT (%s))",
            order_id, account.id, self._counting(),
        ))
        self.env.cr.execute(SQL(
            """INSERT INTO channel_fund_reservation (account_id, order_id, amount, transaction_id, expires_at)
               VALUES (%s, %s, %s, %s, (now() AT TIME ZONE 'UTC') + make_interval(mins => %s))
               RETURNING id""",
            account.id, order_id, amount, transaction_id, self.LAPSE_MINUTES,
        ))
        return self.env.cr.fetchone()[0]

    @api.model
    def _release(self, reservation_ids):
        """Let go of reservations at once, in a transaction of their own: the
        confirmation that made them failed (its caller may still commit).
        Best effort: a reservation left behind stops counting by itself."""
        if not reservation_ids or shares_cursor(self.env):
            # under the test runner they were written in the caller's transaction, and go with it
            return True
        try:
            with side_transaction(self.env, lock_timeout="10s") as cr:
                cr.execute(SQL("DELETE FROM channel_fund_reservation WHERE id IN %s", tuple(reservation_ids)),
                           log_exceptions=False)
        except psycopg2.Error:
            _logger.warning("Fund reservations %s are left to lapse", reservation_ids, exc_info=True)
        return True
