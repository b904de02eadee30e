# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import float_compare


class ChannelPromotionBudget(models.Model):
    """The part of a promotion's budget one distributor may give on its orders."""

    _name = "channel.promotion.budget"
    _description = "Promotion Budget per Distributor"
    _order = "program_id, member_id"

    program_id = fields.Many2one("loyalty.program", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="program_id.company_id", store=True)
    member_id = fields.Many2one(
        "channel.member", string="Distributor", required=True, domain="[('role', '=', 'distributor')]"
    )
    currency_id = fields.Many2one(related="program_id.currency_id")
    amount = fields.Monetary(string="Budget", help="0: no limit in money.")
    uses = fields.Integer(string="Budget in Uses", help="0: no limit in orders.")
    consumed_amount = fields.Monetary(compute="_compute_consumed", string="Given")
    consumed_uses = fields.Integer(compute="_compute_consumed", string="Orders")

    _sql_constraints = [
        ("program_member_unique", "UNIQUE(program_id, member_id)", "A distributor has one budget per promotion."),
        ("budget_positive", "CHECK(amount >= 0 AND uses >= 0)", "A budget cannot be negative."),
    ]

    @api.depends("program_id.channel_usage_ids.state", "program_id.channel_usage_ids.amount")
    def _compute_consumed(self):
        for line in self:
            line.consumed_amount, line.consumed_uses = (
                line.program_id._channel_consumed(line.member_id) if line.program_id.id else (0.0, 0)
            )

    @api.constrains("amount", "uses")
    def _check_not_below_consumed(self):
        for line in self:
            rounding = line.currency_id.rounding
            used_amount, used_uses = line.program_id._channel_consumed(line.member_id)
            if (line.amount and float_compare(line.amount, used_amount, precision_rounding=rounding) < 0) or (
                line.uses and line.uses < used_uses
            ):
                raise ValidationError(_(
                    "%(member)s has already used %(amount)s in %(uses)s orders of %(name)s: its budget cannot be lower.",
                    member=line.member_id.name, amount=line.currency_id.format(used_amount),
                    uses=used_uses, name=line.program_id.name,
                ))

    def _is_exhausted(self):
        self.ensure_one()
        amount, uses = self.program_id._channel_consumed(self.member_id)
        return bool(
            (self.amount and float_compare(amount, self.amount, precision_rounding=self.currency_id.rounding) >= 0)
            or (self.uses and uses >= self.uses)
        )

    def _check_room(self, amount, exclude_order_id=None):
        """Refuse ``amount`` more (one more order) beyond this distributor's budget."""
        self.ensure_one()
        used_amount, used_uses = self.program_id._channel_consumed(self.member_id, exclude_order_id=exclude_order_id)
        if (self.amount and float_compare(
            used_amount + amount, self.amount, precision_rounding=self.currency_id.rounding
        ) > 0) or (self.uses and used_uses + 1 > self.uses):
            raise UserError(_(
                "%(member)s's budget for promotion %(name)s is used up (%(used)s given of %(budget)s).",
                member=self.member_id.name, name=self.program_id.name,
                used=self.currency_id.format(used_amount), budget=self.currency_id.format(self.amount),
            ))
