# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ProductTemplate(models.Model):
    _inherit = "product.template"

    channel_level_ids = fields.Many2many(
        "channel.level",
        "product_template_channel_level_rel",
        "product_tmpl_id",
        "level_id",
        string="Sold to Levels",
        domain=[("role", "=", "distributor")],
        help="The distributor levels that may buy this product from their upstream; empty: every level.",
    )
    channel_order_multiple = fields.Float(
        string="Order in Multiples of",
        digits="Product Unit of Measure",
        default=0.0,
        help="Distributors order this product from their upstream in multiples of this quantity "
        "(e.g. a carton of 12); 0: any quantity. Automatic replenishment rounds up to it.",
    )

    _sql_constraints = [
        ("channel_order_multiple_positive", "CHECK(channel_order_multiple >= 0)",
         "The order multiple cannot be negative."),
    ]

