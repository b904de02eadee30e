# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import defaultdict

from markupsafe import Markup

from odoo import Command, _, fields, models
from odoo.exceptions import UserError
from odoo.osv import expression

from odoo.addons.sale_loyalty.models.sale_order import _generate_random_reward_code


class SaleOrder(models.Model):
    _inherit = "sale.order"

    # only for those who may read promotion uses: Odoo reads every field of an order
    # for its salespeople, who need not be in the channel
    channel_promotion_usage_ids = fields.One2many(
        "channel.promotion.usage", "order_id", string="Promotions Used",
        groups="channel_base.group_channel_brand_user,channel_base.group_channel_distributor_user",
    )

    # === ELIGIBILITY: every path that prices an order goes through here === #
    def _get_program_domain(self):
        """Odoo's promotion engine asks this domain of every program it applies,
        keeps or offers, whether automatic, by code or by coupon: channel
        promotions pass only when they target the buyer (see
        ``loyalty.program._channel_eligible``)."""
        domain = super()._get_program_domain()
        eligible = self.env["loyalty.program"]._channel_eligible(self.channel_buyer_member_id, self.company_id)
        return expression.AND([domain, ["|", ("channel_publisher_id", "=", False), ("id", "in", eligible.ids)]])

    def _get_trigger_domain(self):
        domain = super()._get_trigger_domain()
        eligible = self.env["loyalty.program"]._channel_eligible(self.channel_buyer_member_id, self.company_id)
        return expression.AND([
            domain, ["|", ("program_id.channel_publisher_id", "=", False), ("program_id", "in", eligible.ids)]
        ])

    # === APPLYING === #
    def channel_apply_promotions(self):
        """Apply every channel promotion the order qualifies for, each with its
        best reward (the highest threshold reached: 满减 with several
        thresholds), replacing what was applied before. Plain Odoo programs
        are left to the salesperson. Called on store orders as they are
        confirmed, by the portal's cart, and over XML-RPC."""
        for order in self:
            if order.state not in ("draft", "sent"):
                raise UserError(_("Promotions are applied to quotations, not to %(order)s.", order=order.name))
            applied = order.order_line.filtered(lambda line: line.reward_id.program_id.channel_publisher_id)
            if not applied and not self.env["loyalty.program"]._channel_eligible(
                order.channel_buyer_member_id, order.company_id
            ):
                continue  # nothing of the channel's to do: leave the order to Odoo's own refresh
            if applied:
                # deleting a reward line also forgets the code or coupon that
                # enabled it (sale_loyalty's unlink): enter them again, or a
                # promotion code the buyer typed would vanish at confirmation
                codes, coupons = order.code_enabled_rule_ids, order.applied_coupon_ids
                order.write({"order_line": [Command.delete(line.id) for line in applied]})
                order.applied_coupon_ids |= coupons.exists()
                for rule in codes.exists() - order.code_enabled_rule_ids:
                    order._try_apply_code(rule.code)  # one that no longer applies is reported at confirmation
            order._update_programs_and_rewards()
            for coupon, rewards in order._get_claimable_rewards().items():
                if not coupon.program_id.channel_publisher_id:
                    continue
                best = max(rewards, key=lambda reward: (reward.required_points, reward.id))
                try:
                    order._apply_program_reward(best, coupon)
                except UserError:
                    continue  # nothing left to discount on this order
        return True

    def action_confirm(self):
        """Store orders get their promotions as they are confirmed, whoever
        enters them; a promotion that stopped applying meanwhile (budget used
        up, period over) is removed and said so on the order."""
        before = {order: order.order_line.reward_id.program_id.filtered("channel_publisher_id") for order in self}
        self.filtered(
            lambda order: order.channel_buyer_role == "store" and order.state in ("draft", "sent")
        ).channel_apply_promotions()
        result = super().action_confirm()
        for order, programs in before.items():
            lost = programs - order.order_line.reward_id.program_id
            if lost:
                order.message_post(body=_(
                    "These promotions no longer apply and were removed: %(names)s", names=", ".join(lost.mapped("name"))
                ))
        return result

    def _get_reward_values_discount(self, reward, coupon, **kwargs):
        """A special price: each unit of the products brought down to it."""
        if not reward.channel_special_price:
            return super()._get_reward_values_discount(reward, coupon, **kwargs)
        self.ensure_one()
        special = reward.channel_special_price
        per_tax = defaultdict(float)
        for line in self._get_specific_discountable_lines(reward):
            unit = line._channel_net_price_unit()
            if unit > special:
                per_tax[line.tax_id] += (unit - special) * line.product_uom_qty
        if not per_tax:
            raise UserError(_("No product of this order is above the special price."))
        product = reward.discount_line_product_id
        sequence = max(self.order_line.filtered(lambda x: not x.is_reward_line).mapped("sequence"), default=10) + 1
        values = [{
            "product_id": product.id,
            "product_uom_qty": 1.0,
            "product_uom": product.uom_id.id,
            "name": reward.description,
            "price_unit": -self.currency_id.round(amount),
            "tax_id": [Command.set(self.fiscal_position_id.map_tax(taxes).ids)],
            "reward_id": reward.id,
            "coupon_id": coupon.id,
            "points_cost": 0,
            "sequence": sequence,
            "reward_identifier_code": _generate_random_reward_code(),
        } for taxes, amount in per_tax.items()]
        values[0]["points_cost"] = reward.required_points
        return values

    # === BUDGETS === #
    def _action_confirm(self):
        self._channel_consume_promotion_budgets()
        return super()._action_confirm()

    def _channel_consume_promotion_budgets(self):
        """Take each channel promotion's discount from its budget, atomically
        (a commitment under the promotion's lock, then the use with the
        confirmation): an order the budget cannot cover is refused."""
        for order in self:
            given = defaultdict(float)
            for line in order.order_line.filtered(lambda line: line.reward_id.program_id.channel_publisher_id):
                given[line.reward_id.program_id] += line._channel_promotion_value()
            if not given:
                continue
            programs = self.env["loyalty.program"].union(*given).sudo()
            for program in programs.sorted("id"):
                amount = order.currency_id._convert(
                    given[program], program.currency_id, order.company_id, order.date_order or fields.Date.today()
                )
                program._channel_consume(order, program.currency_id.round(amount))

    def _action_cancel(self):
        # sudo: releasing the budgets the order used is part of cancelling it, which
        # Odoo let this user do; a salesperson outside the channel cannot read uses
        usages_sudo = self.sudo().channel_promotion_usage_ids.filtered(lambda usage: usage.state == "active")
        claimed = usages_sudo.filtered(lambda usage: usage.claim_id and usage.claim_id.state != "rejected")
        if claimed:
            raise UserError(_(
                "%(orders)s are in promotion claims (%(claims)s): the claims must be rejected before the orders are "
                "cancelled.",
                orders=", ".join(claimed.order_id.mapped("name")), claims=", ".join(claimed.claim_id.mapped("name")),
            ))
        result = super()._action_cancel()
        programs = usages_sudo.program_id
        if usages_sudo:
            usages_sudo.write({"state": "released"})
            programs._channel_refresh_exhausted()
            for order in self:
                released = usages_sudo.filtered(lambda usage: usage.order_id == order)
                if released:
                    order.message_post(body=Markup("%s") % _(
                        "Promotion budgets released: %(names)s", names=", ".join(released.program_id.mapped("name"))
                    ))
        return result

