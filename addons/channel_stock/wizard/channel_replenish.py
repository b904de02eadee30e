# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command, _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import float_compare


class ChannelReplenishWizard(models.TransientModel):
    """A distributor's replenishment suggestions, from the inventory health
    report: checked, changed if need be, and ordered from its upstream as one
    purchase order (which the channel's rules then price and confirm)."""

    _name = "channel.replenish.wizard"
    _description = "Replenish from Upstream"

    member_id = fields.Many2one(
        "channel.member", string="Distributor", required=True, readonly=True,
        domain="[('role', '=', 'distributor')]",
    )
    upstream_company_id = fields.Many2one(related="member_id.supplier_company_id", string="Ordered From")
    line_ids = fields.One2many("channel.replenish.wizard.line", "wizard_id", string="Suggestions")

    @api.model
    def _open_for(self, members, rows=None):
        """The wizard of the one distributor among ``members`` (the rows of the
        health report it was opened from limit its products)."""
        distributors = members.filtered(lambda member: member.role == "distributor")
        if len(distributors) != 1:
            raise UserError(_("Select the rows of one distributor to replenish it."))
        wizard = self.create({"member_id": distributors.id})
        wizard._fill(products=rows and rows.filtered(lambda row: row.member_id == distributors).product_id)
        return {
            "type": "ir.actions.act_window",
            "name": _("Replenish %(member)s", member=distributors.name),
            "res_model": self._name,
            "res_id": wizard.id,
            "view_mode": "form",
            "target": "new",
        }

    @api.model
    def action_open_own(self):
        """From the menu: the replenishment of the current company's distributor."""
        member = self.env["channel.member"]._channel_member_of_company(self.env.company)
        if not member or member.role != "distributor":
            raise UserError(_("%(company)s is not a distributor of the channel.", company=self.env.company.name))
        return self._open_for(member)

    def _fill(self, products=None):
        self.ensure_one()
        domain = [("member_id", "=", self.member_id.id), ("suggested_qty", ">", 0)]
        if products:
            domain.append(("product_id", "in", products.ids))
        Health = self.env["channel.stock.health"]
        Health.invalidate_model()  # a report computed at each read: never from the cache
        rows = Health.search(domain)
        self.line_ids = [Command.clear()] + [Command.create({
            "product_id": row.product_id.id,
            "qty_on_hand": row.qty_on_hand,
            "qty_incoming": row.qty_incoming,
            "avg_daily_sold": row.avg_daily_sold,
            "safety_qty": row.safety_qty,
            "suggested_qty": row.suggested_qty,
            "quantity": row.suggested_qty,
        }) for row in rows]

    def action_create_purchase(self):
        """One purchase order to the upstream for the lines with a quantity."""
        self.ensure_one()
        member = self.member_id.sudo()
        upstream = member.supplier_company_id
        if not upstream:
            raise UserError(_("%(member)s has no upstream to order from.", member=member.name))
        lines = self.line_ids.filtered(
            lambda line: float_compare(line.quantity, 0.0, precision_rounding=line.product_id.uom_id.rounding) > 0
        )
        if not lines:
            raise UserError(_("Nothing to order: give a quantity on at least one line."))
        company = member.tenant_company_id
        order = self.env["purchase.order"].with_company(company).create({
            "partner_id": upstream.partner_id.id,
            "company_id": company.id,
            "origin": _("Replenishment suggestions"),
            "order_line": [Command.create({
                "product_id": line.product_id.id, "product_qty": line.quantity,
            }) for line in lines],
        })
        order._channel_prepare_replenishment()
        return {
            "type": "ir.actions.act_window",
            "res_model": "purchase.order",
            "res_id": order.id,
            "view_mode": "form",
            "target": "current",
        }

