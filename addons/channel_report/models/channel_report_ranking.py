# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

from .channel_report_sale import ChannelReportSale

PERIODS = [("month", "Month"), ("year", "Year")]
# a row's id: the member's id times this, plus the period's (stable across reads)
ID_FACTOR = 1_000_000


class ChannelReportRanking(models.Model):
    """Each distributor's purchases from its upstream and sales to its own
    buyers per month and per year, ranked in the nation, in its region and on
    its level by purchases (what the brand counts as its performance). Ranks
    are taken over the whole network, so a distributor sees where it stands
    without seeing anyone else's figures."""

    _name = "channel.report.ranking"
    _description = "Distributor Ranking"
    _auto = False
    _order = "date desc, rank_national, member_id"
    _rec_name = "member_id"
    _depends = ChannelReportSale._depends

    period = fields.Selection(PERIODS, readonly=True)
    date = fields.Date(string="Period Start", readonly=True)
    member_id = fields.Many2one("channel.member", string="Distributor", readonly=True)
    company_id = fields.Many2one("res.company", string="Distributor Company", readonly=True)
    upstream_id = fields.Many2one("channel.member", string="Upstream", readonly=True)
    level_id = fields.Many2one("channel.level", string="Level", readonly=True)
    region_id = fields.Many2one("res.region", string="Region", readonly=True)
    currency_id = fields.Many2one("res.currency", readonly=True)
    purchases = fields.Monetary(string="Purchases", readonly=True, help="Bought from its upstream, untaxed.")
    sales = fields.Monetary(string="Sales", readonly=True, help="Sold to its stores and sub-distributors, untaxed.")
    rank_national = fields.Integer(string="Rank in the Nation", readonly=True, aggregator="min")
    rank_region = fields.Integer(string="Rank in the Region", readonly=True, aggregator="min")
    rank_level = fields.Integer(string="Rank on the Level", readonly=True, aggregator="min")

    @property
    def _table_query(self):
        sales = self.env["channel.report.sale"]._table_query
        return f"""
            WITH sale AS ({sales}),
            flows AS (
                SELECT buyer_member_id AS member_id, date, amount AS purchases, 0.0 AS sales
                  FROM sale WHERE buyer_role = 'distributor'
                UNION ALL
                SELECT seller_member_id, date, 0.0, amount FROM sale
            ),
            periods AS (
                SELECT 'month' AS period, date_trunc('month', date)::date AS date, member_id, purchases, sales
                  FROM flows
                UNION ALL
                SELECT 'year', date_trunc('year', date)::date, member_id, purchases, sales FROM flows
            ),
            totals AS (
                SELECT p.period, p.date, p.member_id, SUM(p.purchases) AS purchases, SUM(p.sales) AS sales
                  FROM periods p
                  JOIN channel_member m ON m.id = p.member_id AND m.role = 'distributor'
                 GROUP BY p.period, p.date, p.member_id
            )
            SELECT t.member_id::bigint * {ID_FACTOR}
                       + (EXTRACT(YEAR FROM t.date)::int * 100 + CASE WHEN t.period = 'year' THEN 0
                                                                   ELSE EXTRACT(MONTH FROM t.date)::int END) AS id,
                   t.period, t.date, t.member_id, m.tenant_company_id AS company_id, m.upstream_id, m.level_id,
                   m.region_id, company.currency_id, t.purchases, t.sales,
                   RANK() OVER (PARTITION BY t.period, t.date ORDER BY t.purchases DESC) AS rank_national,
                   RANK() OVER (PARTITION BY t.period, t.date, m.region_id ORDER BY t.purchases DESC) AS rank_region,
                   RANK() OVER (PARTITION BY t.period, t.date, m.level_id ORDER BY t.purchases DESC) AS rank_level
              FROM totals t
              JOIN channel_member m ON m.id = t.member_id
              JOIN res_company company ON company.id = m.tenant_company_id
        """
