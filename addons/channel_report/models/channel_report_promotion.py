# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

from odoo.addons.channel_base.models.channel_level import ROLES
from odoo.addons.channel_promotion.models.channel_promotion_claim import CLAIM_STATES


class ChannelReportPromotion(models.Model):
    """What each promotion gave, to whom, and what it sold: one row per order
    a promotion applied to (the promotion's committed uses), with the
    discount and free goods given, the share the brand bears, the order's
    untaxed sales and where the buyer is. Budgets and what is left of them
    are on the promotions themselves and in the overview. Uses released by a
    cancelled order are left out."""

    _name = "channel.report.promotion"
    _description = "Promotion Results"
    _auto = False
    _order = "date desc, id desc"
    _rec_name = "program_id"
    _depends = {
        "channel.promotion.usage": [
            "program_id", "order_id", "company_id", "date", "seller_member_id", "buyer_member_id", "amount",
            "brand_share_amount", "state", "claim_id",
        ],
        "channel.promotion.claim": ["state"],
        "loyalty.program": ["channel_publisher_id", "company_id", "currency_id"],
        "sale.order": ["amount_untaxed", "currency_rate"],
        "channel.member": ["role", "level_id", "region_id"],
    }

    date = fields.Datetime(string="Order Date", readonly=True)
    program_id = fields.Many2one("loyalty.program", string="Promotion", readonly=True)
    publisher_id = fields.Many2one("channel.member", string="Publisher", readonly=True)
    order_id = fields.Many2one("sale.order", string="Order", readonly=True)
    company_id = fields.Many2one("res.company", string="Seller's Company", readonly=True)
    currency_id = fields.Many2one("res.currency", readonly=True)
    seller_member_id = fields.Many2one("channel.member", string="Seller", readonly=True)
    buyer_member_id = fields.Many2one("channel.member", string="Buyer", readonly=True)
    buyer_role = fields.Selection(ROLES, string="Buyer's Role", readonly=True)
    level_id = fields.Many2one("channel.level", string="Buyer's Level", readonly=True)
    region_id = fields.Many2one("res.region", string="Buyer's Region", readonly=True)
    claim_state = fields.Selection(
        [("none", "Not Claimed")] + CLAIM_STATES, string="Claim Status", readonly=True,
        help="Where the seller's claim of the brand's share stands.",
    )
    discount = fields.Monetary(string="Discount Given", readonly=True)
    brand_share = fields.Monetary(string="Brand's Share", readonly=True)
    sales = fields.Monetary(string="Order Sales (Untaxed)", readonly=True)
    order_count = fields.Integer(string="Orders", readonly=True)

    @property
    def _table_query(self):
        return """
            SELECT u.id, u.date, u.program_id, program.channel_publisher_id AS publisher_id, u.order_id,
                   u.company_id, company.currency_id, u.seller_member_id, u.buyer_member_id,
                   buyer.role AS buyer_role, buyer.level_id, buyer.region_id,
                   COALESCE(claim.state, 'none') AS claim_state,
                   u.amount AS discount, u.brand_share_amount AS brand_share,
                   o.amount_untaxed / CASE COALESCE(o.currency_rate, 0) WHEN 0 THEN 1.0 ELSE o.currency_rate END
                       AS sales,
                   1 AS order_count
              FROM channel_promotion_usage u
              JOIN loyalty_program program ON program.id = u.program_id
              JOIN sale_order o ON o.id = u.order_id
              JOIN res_company company ON company.id = u.company_id
              LEFT JOIN channel_member buyer ON buyer.id = u.buyer_member_id
              LEFT JOIN channel_promotion_claim claim ON claim.id = u.claim_id
             WHERE u.state = 'active'
        """
