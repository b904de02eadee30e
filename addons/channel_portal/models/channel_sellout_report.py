# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from dateutil.relativedelta import MO, relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

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
        """Record ``member``'s report for ``week`` ([(product, on hand, sold)]),
        replacing the one it sent before for that week."""
        week = self._week_of(week)
        for product, on_hand, sold in lines:
            for value in (on_hand, sold):
                if value < 0 or value > MAX_QUANTITY:
                    raise ValidationError(_(
                        "%(product)s: a quantity of %(value)s is not possible.", product=product.display_name, value=value
                    ))
        report = self.sudo().search([("member_id", "=", member.id), ("week", "=", week)])
        values = {
            "source": source,
            "reported_by_id": self.env.user.id,
            "line_ids": [fields.Command.clear()] + [
                fields.Command.create({"product_id": product.id, "qty_on_hand": on_hand, "qty_sold": sold})
                for product, on_hand, sold in lines
            ],
        }
        if report:
            report.write(values)
        else:
            report = self.sudo().create(dict(
                values, member_id=member.id, company_id=member.supplier_company_id.id, week=week
            ))
        return report


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

    _sql_constraints = [
        ("quantities_possible", "CHECK(qty_on_hand >= 0 AND qty_sold >= 0)", "Quantities are never negative."),
        ("product_once", "UNIQUE(report_id, product_id)", "A product appears once in a report."),
    ]
