# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

DEFAULT_WINDOW_DAYS = 90
# a row's id: the store's id times this, plus the product's (stable across reads)
ID_FACTOR = 10_000_000


class ChannelReportSku(models.Model):
    """Each product at each store over a window of ``channel_report.window_days``
    days (90 by default): what the store bought from its distributor
    (confirmed orders), what it sold to consumers (its weekly sell-out
    reports), its stock by its latest report in the window, and whether it
    carries the product (in stock, or bought in the window). Grouped by product, the sum
    of "Stores Carrying" is the product's distribution (how many stores carry
    it); sold over bought is its sell-through."""

    _name = "channel.report.sku"
    _description = "SKU Sell-Through and Distribution"
    _auto = False
    _order = "product_id, member_id"
    _rec_name = "product_id"
    _depends = {
        "sale.order": ["state", "date_order", "channel_buyer_member_id"],
        "sale.order.line": ["order_id", "product_id", "product_uom", "product_uom_qty", "display_type", "reward_id"],
        "channel.sellout.report.line": ["member_id", "product_id", "week", "qty_on_hand", "qty_sold"],
        "channel.member": ["role", "upstream_id", "supplier_company_id", "region_id", "territory_id"],
        "product.product": ["product_tmpl_id"],
        "product.template": ["categ_id", "uom_id"],
        "uom.uom": ["factor"],
    }

    member_id = fields.Many2one("channel.member", string="Store", readonly=True)
    distributor_id = fields.Many2one("channel.member", string="Distributor", readonly=True)
    company_id = fields.Many2one("res.company", string="Distributor Company", readonly=True)
    region_id = fields.Many2one("res.region", string="Region", readonly=True)
    territory_id = fields.Many2one("res.territory", string="Territory", readonly=True)
    product_id = fields.Many2one("product.product", string="Product", readonly=True)
    categ_id = fields.Many2one("product.category", string="Product Category", readonly=True)
    qty_bought = fields.Float(string="Bought", digits="Product Unit of Measure", readonly=True,
                              help="Ordered from its distributor in the window (confirmed orders).")
    qty_sold = fields.Float(string="Sold", digits="Product Unit of Measure", readonly=True,
                            help="Sell-out the store reported for the weeks that started in the window.")
    qty_on_hand = fields.Float(string="On Hand", digits="Product Unit of Measure", readonly=True,
                               help="The stock in the store's latest report of the window.")
    sell_through = fields.Float(string="Sell-Through (%)", digits=(16, 1), readonly=True, aggregator="avg",
                                help="Sold over bought in the window.")
    store_count = fields.Integer(string="Stores Carrying", readonly=True,
                                 help="1 when the store has the product in stock or bought it in the window.")

    @api.model
    def _window_days(self):
        value = self.env["ir.config_parameter"].sudo().get_param("channel_report.window_days", DEFAULT_WINDOW_DAYS)
        return max(int(value), 1)

    @property
    def _table_query(self):
        window = self._window_days()
        return f"""
            WITH since AS (SELECT (now() AT TIME ZONE 'UTC') - interval '{window} days' AS at),
            flows AS (
                SELECT o.channel_buyer_member_id AS member_id, l.product_id,
                       l.product_uom_qty / line_uom.factor * product_uom.factor AS bought,
                       0.0 AS sold, 0.0 AS on_hand
                  FROM sale_order_line l
                  JOIN sale_order o ON o.id = l.order_id AND o.state = 'sale'
                  JOIN channel_member store ON store.id = o.channel_buyer_member_id AND store.role = 'store'
                  JOIN product_product prod ON prod.id = l.product_id
                  JOIN product_template tmpl ON tmpl.id = prod.product_tmpl_id
                  JOIN uom_uom line_uom ON line_uom.id = l.product_uom
                  JOIN uom_uom product_uom ON product_uom.id = tmpl.uom_id
                 WHERE l.display_type IS NULL AND l.reward_id IS NULL
                   AND o.date_order >= (SELECT at FROM since)
                UNION ALL
                SELECT r.member_id, r.product_id, 0.0, r.qty_sold, 0.0
                  FROM channel_sellout_report_line r
                 WHERE r.week >= (SELECT at FROM since)::date
                UNION ALL
                (SELECT DISTINCT ON (r.member_id, r.product_id) r.member_id, r.product_id, 0.0, 0.0, r.qty_on_hand
                   FROM channel_sellout_report_line r
                  WHERE r.week >= (SELECT at FROM since)::date
                  ORDER BY r.member_id, r.product_id, r.week DESC)
            ),
            totals AS (
                SELECT member_id, product_id, SUM(bought) AS bought, SUM(sold) AS sold, SUM(on_hand) AS on_hand
                  FROM flows GROUP BY member_id, product_id
            )
            SELECT t.member_id::bigint * {ID_FACTOR} + t.product_id AS id,
                   t.member_id, store.upstream_id AS distributor_id, store.supplier_company_id AS company_id,
                   store.region_id, store.territory_id, t.product_id, tmpl.categ_id,
                   t.bought AS qty_bought, t.sold AS qty_sold, t.on_hand AS qty_on_hand,
                   CASE WHEN t.bought > 0 THEN 100.0 * t.sold / t.bought END AS sell_through,
                   CASE WHEN t.on_hand > 0 OR t.bought > 0 THEN 1 ELSE 0 END AS store_count
              FROM totals t
              JOIN channel_member store ON store.id = t.member_id AND store.role = 'store'
              JOIN product_product prod ON prod.id = t.product_id
              JOIN product_template tmpl ON tmpl.id = prod.product_tmpl_id
        """
