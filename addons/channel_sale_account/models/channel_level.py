# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ChannelLevel(models.Model):
    _inherit = "channel.level"

    rebate_pay_share = fields.Float(
        string="Rebate May Pay (%)", help="Overrides the brand's share for members of this level; empty: the brand's."
    )
