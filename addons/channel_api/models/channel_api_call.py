# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import logging
from datetime import timedelta

from odoo import api, fields, models

from odoo.addons.channel_base.tools import side_transaction

_logger = logging.getLogger(__name__)

OUTCOMES = [
    ("ok", "Done"),
    ("partial", "Some Records Refused"),
    ("refused", "Refused"),
    ("failed", "Failed"),
]
DEFAULT_RETENTION_DAYS = 90
MAX_MESSAGE = 4000


class ChannelApiCall(models.Model):
    """One call of the integration API or one spreadsheet import: who, what,
    when, how it ended and how long it took. Written in a transaction of its
    own, so that a refused call, whose work is rolled back, is still logged."""

    _name = "channel.api.call"
    _description = "Integration Call"
    _order = "id desc"
    _rec_name = "method"

    # === FIELDS === #
    method = fields.Char(required=True, readonly=True, index=True)
    user_id = fields.Many2one("res.users", string="User", required=True, readonly=True, index=True)
    create_date = fields.Datetime(string="Called on", readonly=True, index=True)
    outcome = fields.Selection(OUTCOMES, required=True, readonly=True, index=True)
    record_count = fields.Integer(string="Records", readonly=True)
    created_count = fields.Integer(string="Created", readonly=True)
    updated_count = fields.Integer(string="Updated", readonly=True)
    unchanged_count = fields.Integer(string="Unchanged", readonly=True)
    error_count = fields.Integer(string="Errors", readonly=True)
    duration_ms = fields.Integer(string="Duration (ms)", readonly=True)
    message = fields.Text(readonly=True, help="The errors of the call, or of its refused records.")

    # === BUSINESS METHODS === #
    @api.model
    def _log(self, method, duration, outcome, counts=None, message=None):
        """Record a call in a transaction of its own (committed at once); under
        Odoo's test runner, whose data lives in the test's one transaction, in
        the test's cursor."""
        counts = counts or {}
        values = [
            method, self.env.uid, outcome, counts.get("records", 0), counts.get("created", 0),
            counts.get("updated", 0), counts.get("unchanged", 0), counts.get("error", 0),
            int(duration * 1000), (message or "")[:MAX_MESSAGE] or None, self.env.uid, self.env.uid,
        ]
        query = """
            INSERT INTO channel_api_call (method, user_id, outcome, record_count, created_count, updated_count,
                unchanged_count, error_count, duration_ms, message, create_uid, write_uid, create_date, write_date)
            VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, now() at time zone 'UTC', now() at time zone 'UTC')
        """
        try:
            with side_transaction(self.env) as cr:
                cr.execute(query, values)
        except Exception:  # the log must never make the call itself fail
            _logger.exception("Could not log the integration call %s", method)

    @api.model
    def _cron_purge(self):
        """Forget calls older than the retention (days, system parameter
        ``channel_api.log_retention_days``)."""
        days = int(self.env["ir.config_parameter"].sudo().get_param(
            "channel_api.log_retention_days", DEFAULT_RETENTION_DAYS) or DEFAULT_RETENTION_DAYS)
        limit = fields.Datetime.now() - timedelta(days=days)
        self.env.cr.execute("DELETE FROM channel_api_call WHERE create_date < %s", [limit])
        if self.env.cr.rowcount:
            _logger.info("Purged %s integration calls older than %s days", self.env.cr.rowcount, days)
