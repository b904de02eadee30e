# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, fields, models
from odoo.tools import float_compare


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
