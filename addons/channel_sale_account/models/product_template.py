# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ProductTemplate(models.Model):
    _inherit = "product.template"

    channel_rebate_excluded = fields.Boolean(
        string="Not Payable by Rebate Funds", help="Rebate funds never pay for this product."
    )
    channel_fund_topup = fields.Boolean(
        string="Fund Top-Up",
        help="Buying this product tops up a fund account: rebate funds can never pay for it.",
    )
