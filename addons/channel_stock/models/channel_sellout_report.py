# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from dateutil.relativedelta import MO, relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, ValidationError
from odoo.tools import SQL, float_compare

MAX_QUANTITY = 1_000_000


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

    @api.model
    def _submit(self, member, week, lines, source="portal"):
        """Record ``member``'s report for ``week`` ([(product, on hand, sold)]
        or [(product, on hand, sold, unit price sold at)]), replacing the one
        it sent before for that week."""
        week = self._week_of(week)
        for product, on_hand, sold, *price in lines:
            for value in (on_hand, sold, *price):
                if not 0 <= value <= MAX_QUANTITY:  # also NaN, which compares false to everything
                    raise ValidationError(_(
                        "%(product)s: a quantity of %(value)s is not possible.", product=product.display_name, value=value
                    ))
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

    @api.model
    def submit(self, store_code, week, lines):
        """XML-RPC: record a store's report for the week of ``week``
        (YYYY-MM-DD), ``lines`` being ``[{"product_code", "on_hand", "sold"}]``
        (internal reference or barcode; optionally "price", the unit price the
        store sold at). Sent by the store's own user, a user
        of its distributor's company, or the brand; all of it or nothing.
        Returns the report's id."""
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
        if not isinstance(lines, (list, tuple)) or not lines:
            raise ValidationError(_("A report needs at least one line."))
        Product = self.env["product.product"].sudo()
        parsed, problems, seen = [], [], set()
        for number, line in enumerate(lines, start=1):
            if not isinstance(line, dict):
                problems.append(_("Line %(number)s is not a record.", number=number))
                continue
            code = str(line.get("product_code") or "").strip()
            product = code and Product.search(["|", ("default_code", "=", code), ("barcode", "=", code)], limit=1)
            if not product:
                problems.append(_("Line %(number)s: no product has the code %(code)s.", number=number, code=code))
                continue
            if product in seen:
                problems.append(_("Line %(number)s: %(code)s is already in the report.", number=number, code=code))
                continue
            seen.add(product)
            try:
                on_hand, sold = float(line.get("on_hand") or 0.0), float(line.get("sold") or 0.0)
                price = float(line.get("price") or 0.0)
            except (TypeError, ValueError):
                problems.append(_("Line %(number)s: the quantities are not numbers.", number=number))
                continue
            parsed.append((product, on_hand, sold, price))
        if problems:
            raise ValidationError("\n".join(problems))
        return self._submit(store, date, parsed, source="api").id

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


class ChannelSelloutReportLine(models.Model):
    _name = "channel.sellout.report.line"
    _description = "Stock and Sell-Out Report Line"
    _order = "report_id, product_id"

    report_id = fields.Many2one("channel.sellout.report", required=True, ondelete="cascade", index=True)
    member_id = fields.Many2one(related="report_id.member_id", store=True, index=True)
    company_id = fields.Many2one(related="report_id.company_id", store=True, index=True)
    week = fields.Date(related="report_id.week", store=True)
    product_id = fields.Many2one("product.product", required=True, index=True)
    qty_on_hand = fields.Float(string="On Hand", digits="Product Unit of Measure")
    qty_sold = fields.Float(string="Sold", digits="Product Unit of Measure")
    price = fields.Float(
        string="Unit Price Sold At", digits="Product Price", help="What the store sold at, when it says; 0: not given."
    )

    anomaly = fields.Char(
        readonly=True,
        help="Set when the figures cannot follow from the store's last report and what its distributor delivered "
        "since: sold more than it could have had, or more on hand than it could have received (goods from "
        "elsewhere).",
    )

    _sql_constraints = [
        ("quantities_possible", "CHECK(qty_on_hand >= 0 AND qty_sold >= 0 AND price >= 0)",
         "Quantities and prices are never negative."),
        ("product_once", "UNIQUE(report_id, product_id)", "A product appears once in a report."),
    ]

    def _check_plausible(self):
        """Record an anomaly on lines whose figures do not follow from the
        store's previous report and its distributor's deliveries since: the
        store had at most last report's stock plus what it received; it cannot
        sell more than that nor keep more than that less what it sold. A
        line with no earlier report has nothing to compare with."""
        if not self:
            return
        self.flush_model()
        self.env.cr.execute("""
            SELECT l.id, prev.qty_on_hand,
                   COALESCE((SELECT SUM(m.product_qty)
                               FROM stock_move m
                               JOIN stock_picking p ON p.id = m.picking_id
                               JOIN res_partner rp ON rp.id = p.partner_id
                               JOIN stock_location dst ON dst.id = m.location_dest_id AND dst.usage = 'customer'
                              WHERE m.state = 'done' AND m.product_id = l.product_id
                                AND rp.commercial_partner_id = mem.partner_id
                                AND m.date >= prev.week + 7 AND m.date < l.week + 7), 0)
              FROM channel_sellout_report_line l
              JOIN channel_member mem ON mem.id = l.member_id
              JOIN LATERAL (SELECT o.qty_on_hand, o.week FROM channel_sellout_report_line o
                             WHERE o.member_id = l.member_id AND o.product_id = l.product_id AND o.week < l.week
                             ORDER BY o.week DESC LIMIT 1) prev ON TRUE
             WHERE l.id IN %s
        """, [tuple(self.ids)])
        found = {line_id: (on_hand, received) for line_id, on_hand, received in self.env.cr.fetchall()}
        for line in self:
            if line.id not in found:
                continue
            before, received = found[line.id]
            available = before + float(received)
            rounding = line.product_id.uom_id.rounding
            if float_compare(line.qty_sold, available, precision_rounding=rounding) > 0:
                line.anomaly = _(
                    "Sold %(sold)s, but had at most %(available)s (%(before)s in the last report, %(received)s "
                    "delivered since).", sold=line.qty_sold, available=available, before=before, received=received,
                )
            elif float_compare(line.qty_on_hand, available - line.qty_sold, precision_rounding=rounding) > 0:
                line.anomaly = _(
                    "%(on_hand)s on hand, but at most %(most)s could be (%(before)s in the last report, %(received)s "
                    "delivered since, %(sold)s sold): goods from elsewhere?", on_hand=line.qty_on_hand,
                    most=available - line.qty_sold, before=before, received=received, sold=line.qty_sold,
                )
