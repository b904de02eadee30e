# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

DEFAULT_LEAD_DAYS = 7


class ChannelStockRule(models.Model):
    """The safety stock a member keeps of a product and the days its upstream
    takes to deliver: what the inventory health report compares stock with,
    what the replenishment suggestions add up, and what raises alerts."""

    _name = "channel.stock.rule"
    _description = "Safety Stock"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "member_id, product_id"
    _rec_name = "product_id"

    member_id = fields.Many2one(
        "channel.member", string="Member", required=True, index=True, tracking=True,
        domain="[('role', 'in', ('distributor', 'store'))]",
    )
    company_id = fields.Many2one(
        "res.company", compute="_compute_company_id", store=True, index=True,
        help="The distributor's company: its own for a distributor, its seller's for a store.",
    )
    product_id = fields.Many2one("product.product", required=True, index=True, tracking=True)
    safety_qty = fields.Float(string="Safety Stock", digits="Product Unit of Measure", tracking=True)
    lead_days = fields.Integer(
        string="Lead Time (days)", default=DEFAULT_LEAD_DAYS, tracking=True,
        help="Days between ordering from the upstream and the goods arriving: the suggestions cover them.",
    )
    user_id = fields.Many2one(
        "res.users", string="Alert To", default=lambda self: self.env.user,
        help="Who gets an activity when the member's stock falls below the safety stock.",
    )
    alert_open = fields.Boolean(
        string="Below Safety Stock", readonly=True, copy=False,
        help="Raised by the alert job when the stock fell below the safety stock, lowered when it recovers.",
    )
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("member_product_unique", "UNIQUE(member_id, product_id)", "A member has one safety stock per product."),
        ("quantities_positive", "CHECK(safety_qty >= 0 AND lead_days >= 0)",
         "A safety stock and a lead time are never negative."),
    ]

    @api.depends("member_id.tenant_company_id", "member_id.supplier_company_id")
    def _compute_company_id(self):
        for rule in self:
            member = rule.member_id.sudo()
            rule.company_id = member.tenant_company_id or member.supplier_company_id

    @api.constrains("member_id")
    def _check_member_role(self):
        for rule in self:
            if rule.member_id.sudo().role not in ("distributor", "store"):
                raise ValidationError(_("Safety stock is kept by distributors and stores."))

    @api.model
    def _cron_alerts(self):
        """An activity for each rule whose member fell below its safety stock
        (once, until the stock recovers)."""
        Health = self.env["channel.stock.health"].sudo()
        Health.invalidate_model()  # a report computed at each read: never from the cache
        below = {(row.member_id, row.product_id): row for row in Health.search([("below_safety", "=", True)])}
        rules = self.sudo().search([("member_id", "in", [member.id for member, __ in below])])
        raised = rules.filtered(lambda rule: (rule.member_id, rule.product_id) in below)
        for rule in raised.filtered(lambda rule: not rule.alert_open):
            row = below[rule.member_id, rule.product_id]
            rule.activity_schedule(
                "mail.mail_activity_data_todo",
                user_id=(rule.user_id or self.env.ref("base.user_admin")).id,
                summary=_("Below safety stock: %(product)s", product=rule.product_id.display_name),
                note=_(
                    "%(member)s has %(qty)s of %(product)s, below its safety stock of %(safety)s. Suggested order: "
                    "%(suggested)s.",
                    member=rule.member_id.display_name, qty=row.qty_on_hand, product=rule.product_id.display_name,
                    safety=rule.safety_qty, suggested=row.suggested_qty,
                ),
            )
        raised.filtered(lambda rule: not rule.alert_open).alert_open = True
        self.sudo().search([("alert_open", "=", True), ("id", "not in", raised.ids)]).alert_open = False
        return raised
