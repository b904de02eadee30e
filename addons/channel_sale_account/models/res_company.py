# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    channel_rebate_pay_share = fields.Float(
        string="Rebate May Pay (%)", default=30.0,
        help="The brand's policy: the share of an order's eligible value rebate funds may pay.",
    )
