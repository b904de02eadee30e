# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from random import randint

from odoo import fields, models


class ChannelMemberTag(models.Model):
    _name = "channel.member.tag"
    _description = "Channel Member Tag"
    _order = "name"

    name = fields.Char(required=True, translate=True)
    color = fields.Integer(default=lambda self: randint(1, 11))
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("name_unique", "UNIQUE(name)", "A tag with this name already exists."),
    ]
