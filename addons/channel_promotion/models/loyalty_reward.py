# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class LoyaltyReward(models.Model):
    _inherit = "loyalty.reward"

    channel_special_price = fields.Float(
        string="Special Price", digits="Product Price",
        help="A discount on specific products that brings each unit down to this price (before taxes); "
        "units already cheaper are left as they are. 0: not a special price.",
    )

    @api.constrains("channel_special_price", "reward_type", "discount_applicability")
    def _check_channel_special_price(self):
        for reward in self.filtered("channel_special_price"):
            if reward.channel_special_price < 0:
                raise ValidationError(_("A special price cannot be negative."))
            if reward.reward_type != "discount" or reward.discount_applicability != "specific":
                raise ValidationError(_("A special price is a discount on specific products."))
