# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from dateutil.relativedelta import MO, relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, ValidationError
from odoo.tools import SQL

MAX_QUANTITY = 1_000_000  # the largest figure of a line: a stock, a quantity sold, a price
MAX_CODE_LENGTH = 100  # a longer product code is no code of ours: refused without being echoed


class ChannelSelloutReport(models.Model):
    """A store's weekly report of stock on hand and sell-out, product by
    product: what the stock and replenishment features read."""

    _name = "channel.sellout.report"
    _description = "Stock and Sell-Out Report"
    _order = "week desc, id desc"
    _rec_name = "member_id"

    member_id = fields.Many2one("channel.member", string="Store", required=True, index=True, readonly=True)
    company_id = fields.Many2one(
        "res.company", string="Distributor", required=True, index=True, readonly=True,
        help="The company the store buys from.",
    )
    week = fields.Date(required=True, index=True, readonly=True, help="The Monday the week starts on.")
    line_ids = fields.One2many("channel.sellout.report.line", "report_id", string="Products", readonly=True)
    source = fields.Selection(
        [("portal", "Portal Form"), ("upload", "Spreadsheet"), ("api", "XML-RPC")],
        required=True, default="portal", readonly=True,
    )
    reported_by_id = fields.Many2one("res.users", readonly=True, default=lambda self: self.env.user)

    _sql_constraints = [
        ("member_week_unique", "UNIQUE(member_id, week)", "A store reports once a week; a new report replaces it."),
    ]

    @api.model
    def _week_of(self, date):
        return date + relativedelta(weekday=MO(-1))

    # === BUSINESS METHODS === #
    @api.model
    def _prepare_lines(self, rows):
        """Parse and check the lines of a report, whichever way it comes (the
        portal's form and spreadsheet, XML-RPC, the integration API and its
        spreadsheet import): the one place the rules of a line live; the
        callers only translate what they received into ``rows``.

        :param rows: ``[{"product_code", "on_hand", "sold", "price", "line"}]``:
            the product by its internal reference or barcode; the stock on
            hand and the quantity sold (required) and the unit price the store
            sold at (optional, 0: not given), as numbers or as texts (a form's
            fields, a sheet's cells); ``line``: the number the store knows the
            row by (a form's or a sheet's row), by default its position.
            Other keys are the caller's and are left alone.
        :return: ``[(product, on hand, sold, price)]``, what ``_submit`` records
        :raise ValidationError: listing the problems of every line at once
        """
        if not isinstance(rows, (list, tuple)) or not rows:
            raise ValidationError(_("A report needs at least one line: a product with its stock on hand and sales."))
        numbered = [
            (row.get("line") or number if isinstance(row, dict) else number, row)
            for number, row in enumerate(rows, start=1)
        ]
        codes = {number: self._line_code(row.get("product_code")) for number, row in numbered if isinstance(row, dict)}
        wanted = [code for code in codes.values() if code and len(code) <= MAX_CODE_LENGTH]
        found = self.env["product.product"].sudo().search(
            ["|", ("default_code", "in", wanted), ("barcode", "in", wanted)]
        ) if wanted else self.env["product.product"].sudo()
        by_code = {product.barcode: product for product in found if product.barcode}
        by_code.update({product.default_code: product for product in found if product.default_code})
        labels = (_("stock on hand"), _("quantity sold"), _("price"))
        lines, problems, seen = [], [], {}
        for number, row in numbered:
            if not isinstance(row, dict):
                problems.append(_("Line %(line)s is not a record of a product code, its stock on hand and sales.",
                                  line=number))
                continue
            code = codes[number]
            if not code:
                problems.append(_("Line %(line)s: no product code.", line=number))
                continue
            if len(code) > MAX_CODE_LENGTH:
                problems.append(_("Line %(line)s: a product code has at most %(max)s characters.",
                                  line=number, max=MAX_CODE_LENGTH))
                continue
            product = by_code.get(code)
            if not product:
                problems.append(_("Line %(line)s: no product has the code %(code)s.", line=number, code=code))
                continue
            if product in seen:
                problems.append(_("Line %(line)s: %(code)s is already in the report (line %(other)s).",
                                  line=number, code=code, other=seen[product]))
                continue
            seen[product] = number
            figures, line_problems = [], []
            for key, label, required in zip(("on_hand", "sold", "price"), labels, (True, True, False)):
                value, problem = self._parse_figure(row.get(key), label, required)
                figures.append(value)
                if problem:
                    line_problems.append(_("Line %(line)s (%(code)s): %(problem)s.", line=number, code=code,
                                           problem=problem))
            problems += line_problems
            if not line_problems:
                lines.append((product, *figures))
        if problems:
            raise ValidationError("\n".join(problems))
        return lines

    @api.model
    def _line_code(self, value):
        """The product code of a line as text: a code typed as a number in a
        sheet (a barcode) without its ``.0``; None when it is no code."""
        if isinstance(value, str):
            return value.strip()
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            return None
        if isinstance(value, float) and not value.is_integer():
            return None
        return str(int(value))

    @api.model
    def _parse_figure(self, value, label, required=True):
        """``(number, None)`` or ``(None, problem)``: a figure of a line, a
        number or a text holding one, from 0 to ``MAX_QUANTITY``; a missing
        optional figure is 0."""
        if value is None or value is False or (isinstance(value, str) and not value.strip()):
            if required:
                return None, _("the %(what)s is missing", what=label)
            return 0.0, None
        if isinstance(value, bool) or not isinstance(value, (int, float, str)):
            return None, _("the %(what)s is not a number", what=label)
        try:
            number = float(value.strip() if isinstance(value, str) else value)
        except (ValueError, OverflowError):
            return None, _("the %(what)s is not a number", what=label)
        if not 0 <= number <= MAX_QUANTITY:  # also NaN, which compares false to everything
            return None, _("a %(what)s of %(value)s is not possible: give a number from 0 to %(max)s",
                           what=label, value=number, max=MAX_QUANTITY)
        return number, None

    @api.model
    def _submit(self, member, week, lines, source="portal"):
        """Record ``member``'s report for ``week`` (any day of it), replacing
        the one it sent before for that week. ``lines``: ``[(product, on
        hand, sold)]`` or ``[(product, on hand, sold, unit price sold at)]``,
        as ``_prepare_lines`` returns them; their figures are checked again
        here by the same rule, for the code that builds them itself."""
        week = self._week_of(week)
        labels = (_("stock on hand"), _("quantity sold"), _("price"))
        problems = []
        for number, (product, *figures) in enumerate(lines, start=1):
            for value, label in zip(figures, labels):
                __, problem = self._parse_figure(value, label)
                if problem:
                    problems.append(_("Line %(line)s (%(code)s): %(problem)s.", line=number,
                                      code=product.display_name, problem=problem))
        if problems:
            raise ValidationError("\n".join(problems))
        self._lock_store(member)
        report = self.sudo().search([("member_id", "=", member.id), ("week", "=", week)])
        values = {
            "source": source,
            "reported_by_id": self.env.user.id,
            "line_ids": [fields.Command.clear()] + [
                fields.Command.create({
                    "product_id": product.id, "qty_on_hand": on_hand, "qty_sold": sold,
                    "price": price[0] if price else 0.0,
                })
                for product, on_hand, sold, *price in lines
            ],
        }
        if report:
            report.write(values)
        else:
            report = self.sudo().create(dict(
                values, member_id=member.id, company_id=member.supplier_company_id.id, week=week
            ))
        report.line_ids._check_plausible()
        return report

    @api.model
    def _lock_store(self, member):
        """Serialise the store's submissions, so that a second one finds the
        first's report and replaces its lines instead of being refused by the
        unique key (which Odoo does not retry). Under REPEATABLE READ a row
        lock alone would not do: our snapshot may predate a report committed
        meanwhile. Updating the store's row instead waits for a submission
        still running, and fails ours with a serialisation error if one
        committed since our snapshot began; Odoo retries it with a new
        snapshot, which sees that report (as ``channel.fund.account._lock``)."""
        self.env.cr.execute(SQL("UPDATE channel_member SET write_date = write_date WHERE id = %s", member.id))

    # === PUBLIC API (XML-RPC) === #
    @api.model
    def submit(self, store_code, week, lines):
        """XML-RPC: record a store's report for the week of ``week``
        (YYYY-MM-DD), ``lines`` being ``[{"product_code", "on_hand", "sold"}]``
        (internal reference or barcode; optionally "price", the unit price the
        store sold at), checked by ``_prepare_lines``. Sent by the store's own
        user, a user of its distributor's company, or the brand; all of it or
        nothing. Returns the report's id."""
        store = self.env["channel.member"].sudo().search(
            [("code", "=", store_code), ("role", "=", "store")], limit=1
        ) if isinstance(store_code, str) else None
        if not store:
            raise ValidationError(_("%(code)s is not a store of the channel.", code=store_code))
        self._check_may_report(store)
        try:
            date = fields.Date.to_date(week)
        except (TypeError, ValueError):
            date = None
        if not date:
            raise ValidationError(_("%(week)s is not a date (YYYY-MM-DD).", week=week))
        return self._submit(store, date, self._prepare_lines(lines), source="api").id

    @api.model
    def _check_may_report(self, store):
        user = self.env.user
        if (
            user.partner_id.commercial_partner_id == store.partner_id
            or user.has_group("channel_base.group_channel_brand_user")
            or (store.supplier_company_id in user.company_ids
                and user.has_group("channel_base.group_channel_distributor_user"))
        ):
            return
        raise AccessError(_("You may not report stock and sell-out for %(store)s.", store=store.name))

