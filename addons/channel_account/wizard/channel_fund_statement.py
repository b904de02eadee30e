# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import datetime, time

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError


class ChannelFundStatement(models.TransientModel):
    """A period statement of a fund account: opening balance, the entries of
    the period, closing balance; on screen or as a PDF, for the holder and the
    issuer (whoever may read the account)."""

    _name = "channel.fund.statement"
    _description = "Fund Account Statement"

    account_id = fields.Many2one("channel.fund.account", required=True)
    currency_id = fields.Many2one(related="account_id.currency_id")
    date_from = fields.Date(required=True, default=lambda self: fields.Date.context_today(self).replace(day=1))
    date_to = fields.Date(required=True, default=fields.Date.context_today)
    opening_balance = fields.Monetary(compute="_compute_statement")
    closing_balance = fields.Monetary(compute="_compute_statement")
    entry_ids = fields.Many2many("channel.fund.entry", compute="_compute_statement", string="Entries")

    @api.constrains("date_from", "date_to")
    def _check_dates(self):
        for statement in self:
            if statement.date_from > statement.date_to:
                raise UserError(_("The statement's period ends before it starts."))

    @api.model_create_multi
    def create(self, vals_list):
        # before anything is stored: a statement on an account its user cannot
        # read would show the holder's name and the account's type
        self._check_account_readable(vals_list)
        return super().create(vals_list)

    def write(self, vals):
        self._check_account_readable([vals])
        return super().write(vals)

    @api.model
    def _check_account_readable(self, vals_list):
        """Only an account the user may read gets a statement."""
        account_ids = {vals["account_id"] for vals in vals_list if vals.get("account_id")}
        if account_ids and not self.env.su:
            accounts = self.env["channel.fund.account"].browse(account_ids)
            try:
                accounts.check_access("read")
            except AccessError:
                raise AccessError(_("You can only get statements of the fund accounts you can see.")) from None
        return True

    def _bounds(self):
        return datetime.combine(self.date_from, time.min), datetime.combine(self.date_to, time.max)

    @api.depends("account_id", "date_from", "date_to")
    def _compute_statement(self):
        Entry = self.env["channel.fund.entry"]
        for statement in self:
            if not (statement.account_id and statement.date_from and statement.date_to):
                statement.update({"opening_balance": 0.0, "closing_balance": 0.0, "entry_ids": Entry})
                continue
            start, end = statement._bounds()
            account = statement.account_id
            # read as the user: the record rules decide who gets a statement
            [[opening]] = Entry._read_group([("account_id", "=", account.id), ("date", "<", start)], [], ["amount:sum"])
            entries = Entry.search(
                [("account_id", "=", account.id), ("date", ">=", start), ("date", "<=", end)], order="date, id"
            )
            statement.opening_balance = opening or 0.0
            statement.entry_ids = entries
            statement.closing_balance = statement.opening_balance + sum(entries.mapped("amount"))

    def action_print(self):
        self.ensure_one()
        self.account_id.check_access("read")
        # data={}, not None: the action answers over XML-RPC too (no None there)
        return self.env.ref("channel_account.action_report_fund_statement").report_action(self, data={})

    def action_show(self):
        self.ensure_one()
        self.account_id.check_access("read")
        action = self.env.ref("channel_account.action_report_fund_statement").report_action(self, data={})
        action["report_type"] = "qweb-html"
        return action
