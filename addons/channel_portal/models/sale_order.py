# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class SaleOrder(models.Model):
    _inherit = "sale.order"

    channel_portal_cart = fields.Boolean(
        string="Store's Cart", copy=False, index=True,
        help="The quotation a store is filling on the portal; it becomes an order at checkout.",
    )
