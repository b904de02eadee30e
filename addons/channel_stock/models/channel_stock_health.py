# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

from .channel_stock_rule import DEFAULT_LEAD_DAYS

DEFAULT_WINDOW_DAYS = 28
DEFAULT_SLOW_MOVER_DAYS = 90
# a row's id: the member's id times this, plus the product's (stable across reads)
ID_FACTOR = 10_000_000
OPEN_MOVE_STATES = ("waiting", "confirmed", "partially_available", "assigned")


class ChannelStockHealth(models.Model):
    """Inventory health per member and product, computed in SQL at each read.

    Distributors: their real stock (quants in their company's internal
    locations), what they received (from their upstream or other vendors),
    sold (delivered to customers, less returns) and have incoming. Stores:
    their latest weekly report's stock on hand, the sell-out they reported
    and what their distributor delivered to them or has yet to deliver. Over
    a window of ``channel_stock.window_days`` days (28 by default): average
    daily sell-out, days of cover, turnover days, sell-through, slow movers,
    stock-outs, and against the member's safety stock
    (``channel.stock.rule``) the alert and the suggested order."""

    _name = "channel.stock.health"
    _description = "Inventory Health"
    _auto = False
    _order = "member_id, product_id"
    _rec_name = "product_id"
    # what the query reads: flushed before each read of the report
    _depends = {
        "stock.quant": ["location_id", "company_id", "product_id", "quantity"],
        "stock.location": ["usage"],
        "stock.move": [
            "state", "date", "product_qty", "company_id", "location_id", "location_dest_id", "picking_id",
            "product_id",
        ],
        "stock.picking": ["partner_id"],
        "res.partner": ["commercial_partner_id"],
        "channel.member": [
            "role", "tenant_company_id", "supplier_company_id", "partner_id", "level_id", "region_id",
            "territory_id", "upstream_id",
        ],
        "channel.sellout.report.line": ["member_id", "product_id", "week", "qty_on_hand", "qty_sold"],
        "channel.stock.rule": ["member_id", "product_id", "safety_qty", "lead_days", "active"],
        "product.product": ["product_tmpl_id"],
        "product.template": ["categ_id"],
    }

    member_id = fields.Many2one("channel.member", string="Member", readonly=True)
    role = fields.Selection(related="member_id.role", string="Role")
    level_id = fields.Many2one("channel.level", string="Level", readonly=True)
    region_id = fields.Many2one("res.region", string="Region", readonly=True)
    territory_id = fields.Many2one("res.territory", string="Territory", readonly=True)
    upstream_id = fields.Many2one("channel.member", string="Upstream", readonly=True)
    company_id = fields.Many2one(
        "res.company", string="Distributor Company", readonly=True,
        help="A distributor's own company; for a store, its distributor's.",
    )
    product_id = fields.Many2one("product.product", string="Product", readonly=True)
    categ_id = fields.Many2one("product.category", string="Product Category", readonly=True)
    qty_on_hand = fields.Float(string="On Hand", digits="Product Unit of Measure", readonly=True)
    qty_incoming = fields.Float(string="Incoming", digits="Product Unit of Measure", readonly=True)
    qty_received = fields.Float(string="Received", digits="Product Unit of Measure", readonly=True,
                                help="Received in the window.")
    qty_sold = fields.Float(string="Sold", digits="Product Unit of Measure", readonly=True,
                            help="Sold in the window (a store's reported sell-out).")
    avg_daily_sold = fields.Float(string="Average Daily Sell-Out", digits=(16, 2), readonly=True, aggregator="sum")
    days_of_cover = fields.Float(string="Days of Cover", digits=(16, 1), readonly=True, aggregator="avg",
                                 help="How many days the stock on hand lasts at the window's average sell-out.")
    turnover_days = fields.Float(string="Turnover Days", digits=(16, 1), readonly=True, aggregator="avg",
                                 help="Average stock over the window divided by the average daily sell-out.")
    sell_through = fields.Float(string="Sell-Through (%)", digits=(16, 1), readonly=True, aggregator="avg",
                                help="Sold over received in the window.")
    safety_qty = fields.Float(string="Safety Stock", digits="Product Unit of Measure", readonly=True)
    lead_days = fields.Integer(string="Lead Time (days)", readonly=True, aggregator="avg")
    suggested_qty = fields.Float(string="Suggested Order", digits="Product Unit of Measure", readonly=True,
                                 help="Sell-out over the lead time plus the safety stock, less stock and incoming.")
    below_safety = fields.Boolean(string="Below Safety Stock", readonly=True)
    slow_mover = fields.Boolean(string="Slow Mover", readonly=True,
                                help="In stock and unsold in the window, or covering more than the slow-mover days.")
    stock_out = fields.Boolean(string="Out of Stock", readonly=True)

    @api.model
    def _parameters(self):
        get = self.env["ir.config_parameter"].sudo().get_param
        return {
            "window": max(int(get("channel_stock.window_days", DEFAULT_WINDOW_DAYS)), 1),
            "slow": max(int(get("channel_stock.slow_mover_days", DEFAULT_SLOW_MOVER_DAYS)), 1),
            "lead": DEFAULT_LEAD_DAYS,
        }

    @property
    def _table_query(self):
        return self._health_query(**self._parameters())

    @api.model
    def _health_query(self, window, slow, lead):
        open_states = ", ".join(f"'{state}'" for state in OPEN_MOVE_STATES)
        return f"""
            WITH since AS (SELECT (now() AT TIME ZONE 'UTC') - interval '{int(window)} days' AS at),
            distributor AS (
                SELECT id AS member_id, tenant_company_id AS company_id
                  FROM channel_member WHERE tenant_company_id IS NOT NULL AND role IN ('brand', 'distributor')
            ),
            flows AS (
                -- a distributor's stock, and its moves in and out
                SELECT d.member_id, q.product_id, q.quantity AS on_hand,
                       0.0 AS received, 0.0 AS sold, 0.0 AS incoming
                  FROM stock_quant q
                  JOIN stock_location l ON l.id = q.location_id AND l.usage = 'internal'
                  JOIN distributor d ON d.company_id = q.company_id
                UNION ALL
                SELECT d.member_id, m.product_id, 0.0,
                       CASE WHEN m.state = 'done' AND src.usage IN ('supplier', 'transit') AND dst.usage = 'internal'
                            THEN m.product_qty ELSE 0.0 END,
                       CASE WHEN m.state = 'done' AND src.usage = 'internal' AND dst.usage = 'customer'
                            THEN m.product_qty
                            WHEN m.state = 'done' AND src.usage = 'customer' AND dst.usage = 'internal'
                            THEN -m.product_qty ELSE 0.0 END,
                       CASE WHEN m.state IN ({open_states}) AND src.usage IN ('supplier', 'transit')
                                 AND dst.usage = 'internal'
                            THEN m.product_qty ELSE 0.0 END
                  FROM stock_move m
                  JOIN distributor d ON d.company_id = m.company_id
                  JOIN stock_location src ON src.id = m.location_id
                  JOIN stock_location dst ON dst.id = m.location_dest_id
                 WHERE (m.state = 'done' AND m.date >= (SELECT at FROM since)) OR m.state IN ({open_states})
                UNION ALL
                -- a store's latest report of its stock
                (SELECT DISTINCT ON (r.member_id, r.product_id) r.member_id, r.product_id, r.qty_on_hand,
                        0.0, 0.0, 0.0
                   FROM channel_sellout_report_line r
                  ORDER BY r.member_id, r.product_id, r.week DESC)
                UNION ALL
                -- the sell-out it reported in the window (weeks that started in it)
                SELECT r.member_id, r.product_id, 0.0, 0.0, r.qty_sold, 0.0
                  FROM channel_sellout_report_line r
                 WHERE r.week >= (SELECT at FROM since)::date
                UNION ALL
                -- what its distributor delivered to it, and has yet to deliver
                SELECT s.id, m.product_id, 0.0,
                       CASE WHEN m.state = 'done' THEN m.product_qty ELSE 0.0 END, 0.0,
                       CASE WHEN m.state != 'done' THEN m.product_qty ELSE 0.0 END
                  FROM stock_move m
                  JOIN stock_picking p ON p.id = m.picking_id
                  JOIN res_partner rp ON rp.id = p.partner_id
                  JOIN channel_member s ON s.partner_id = rp.commercial_partner_id AND s.role = 'store'
                  JOIN stock_location dst ON dst.id = m.location_dest_id AND dst.usage = 'customer'
                 WHERE (m.state = 'done' AND m.date >= (SELECT at FROM since)) OR m.state IN ({open_states})
                UNION ALL
                -- a safety stock kept of a product with nothing on hand yet
                SELECT member_id, product_id, 0.0, 0.0, 0.0, 0.0 FROM channel_stock_rule WHERE active
            ),
            totals AS (
                SELECT member_id, product_id, SUM(on_hand) AS on_hand, SUM(received) AS received,
                       SUM(sold) AS sold, SUM(incoming) AS incoming
                  FROM flows GROUP BY member_id, product_id
            ),
            measured AS (
                SELECT t.*, t.sold / {int(window)}.0 AS daily,
                       rule.safety_qty, COALESCE(rule.lead_days, {int(lead)}) AS lead_days, rule.id AS rule_id
                  FROM totals t
                  LEFT JOIN channel_stock_rule rule
                         ON rule.member_id = t.member_id AND rule.product_id = t.product_id AND rule.active
            )
            SELECT x.member_id::bigint * {ID_FACTOR} + x.product_id AS id,
                   x.member_id, mem.level_id, mem.region_id, mem.territory_id, mem.upstream_id,
                   COALESCE(mem.tenant_company_id, mem.supplier_company_id) AS company_id,
                   x.product_id, tmpl.categ_id,
                   x.on_hand AS qty_on_hand, x.incoming AS qty_incoming, x.received AS qty_received,
                   x.sold AS qty_sold, x.daily AS avg_daily_sold,
                   CASE WHEN x.daily > 0 THEN x.on_hand / x.daily END AS days_of_cover,
                   CASE WHEN x.daily > 0 THEN (x.on_hand + (x.on_hand - x.received + x.sold)) / 2.0 / x.daily
                   END AS turnover_days,
                   CASE WHEN x.received > 0 THEN 100.0 * x.sold / x.received END AS sell_through,
                   COALESCE(x.safety_qty, 0.0) AS safety_qty, x.lead_days,
                   GREATEST(CEIL(ROUND(x.daily * x.lead_days + COALESCE(x.safety_qty, 0.0) - x.on_hand - x.incoming, 6)), 0)
                       AS suggested_qty,
                   (x.rule_id IS NOT NULL AND x.on_hand < x.safety_qty) AS below_safety,
                   (x.on_hand > 0 AND (x.daily <= 0 OR x.on_hand / x.daily > {int(slow)})) AS slow_mover,
                   (x.on_hand <= 0) AS stock_out
              FROM measured x
              JOIN channel_member mem ON mem.id = x.member_id
              JOIN product_product prod ON prod.id = x.product_id
              JOIN product_template tmpl ON tmpl.id = prod.product_tmpl_id
        """

    def action_replenish(self):
        """The replenishment of the distributor of the selected rows."""
        return self.env["channel.replenish.wizard"]._open_for(self.member_id, self)
