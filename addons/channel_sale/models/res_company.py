# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    channel_auto_confirm_replenishment = fields.Boolean(
        string="Confirm Replenishment to Upstream",
        default=True,
        help="Purchase orders that replenishment (a store order the stock cannot cover, a reordering "
        "rule) creates toward the upstream are confirmed at once, so the upstream's sale order follows.",
    )
