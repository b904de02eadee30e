# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import json

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

CLIENT_REF_SIZE = 64


class ChannelFundRequest(models.Model):
    """A money-moving call made with the client's own reference, and what it
    answered.

    An integration that gets no answer (a timeout, a Fault) sends the call
    again: with the same reference, the operation is done once and the replay
    answers the first answer. One row per issuer and reference (``UNIQUE``):
    the row is inserted before the operation acts, in its transaction, so two
    calls with one reference at the same moment cannot both act — the second
    waits for the first and, under REPEATABLE READ, fails to serialise when it
    commits; Odoo retries it on a fresh snapshot, where it finds the row and
    replays. A refused operation rolls back with its row: sent again, it is
    tried again."""

    _name = "channel.fund.request"
    _description = "Fund Operation by Client Reference"
    _order = "id desc"
    _rec_name = "client_ref"

    # === FIELDS === #
    company_id = fields.Many2one("res.company", string="Issuer", required=True, readonly=True, index=True)
    client_ref = fields.Char(string="Client Reference", required=True, readonly=True)
    account_id = fields.Many2one("channel.fund.account", string="Account", required=True, readonly=True)
    operation = fields.Char(required=True, readonly=True)
    fingerprint = fields.Text(required=True, readonly=True, help="The operation and its arguments (technical).")
    answer = fields.Text(readonly=True, help="The first call's answer, as JSON (technical).")
    create_uid = fields.Many2one("res.users", string="Called by", readonly=True)

    _sql_constraints = [
        ("company_client_ref_unique", "UNIQUE(company_id, client_ref)",
         "This client reference was already used with this issuer."),
    ]

    # === BUSINESS METHODS === #
    @api.model
    def _run(self, account, client_ref, operation, arguments, act):
        """``act()`` once per ``client_ref`` of ``account``'s issuer: without a
        reference, act; with a new one, act and remember the answer; with a
        known one, answer what the first call answered, or refuse when it was
        made for another operation or other arguments."""
        if client_ref is None or client_ref is False:
            return act()
        if not isinstance(client_ref, str) or not client_ref.strip() or len(client_ref) > CLIENT_REF_SIZE:
            raise UserError(_(
                "A client reference is a text of 1 to %(size)s characters (got %(ref)r).",
                size=CLIENT_REF_SIZE, ref=str(client_ref)[:80],
            ))
        fingerprint = json.dumps(
            {"operation": operation, "account": account.id, "arguments": arguments}, sort_keys=True, default=str,
        )
        cr = self.env.cr
        cr.execute(SQL(
            """
            INSERT INTO channel_fund_request (company_id, client_ref, account_id, operation, fingerprint,
                                              create_uid, write_uid, create_date, write_date)
            VALUES (%s, %s, %s, %s, %s, %s, %s, now() at time zone 'UTC', now() at time zone 'UTC')
            ON CONFLICT (company_id, client_ref) DO NOTHING
            RETURNING id
            """,
            account.company_id.id, client_ref, account.id, operation, fingerprint, self.env.uid, self.env.uid,
        ))
        row = cr.fetchone()
        if not row:
            cr.execute(SQL(
                "SELECT fingerprint, answer FROM channel_fund_request WHERE company_id = %s AND client_ref = %s",
                account.company_id.id, client_ref,
            ))
            known_fingerprint, answer = cr.fetchone()
            if known_fingerprint != fingerprint:
                raise UserError(_(
                    "The reference %(ref)s was already used for another operation or other figures; "
                    "nothing was done. Send a new reference for a new operation.", ref=client_ref,
                ))
            return json.loads(answer)
        answer = act()
        cr.execute(SQL("UPDATE channel_fund_request SET answer = %s WHERE id = %s", json.dumps(answer), row[0]))
        return answer
