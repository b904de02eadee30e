# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import float_compare, float_round


class PurchaseOrder(models.Model):
    _inherit = "purchase.order"

    channel_upstream_order = fields.Boolean(
        string="To Upstream",
        compute="_compute_channel_upstream_order",
        compute_sudo=True,
        store=True,
        index=True,
        help="This order buys from the company's upstream in the channel.",
    )

    @api.depends("partner_id.commercial_partner_id", "company_id")
    def _compute_channel_upstream_order(self):
        Member = self.env["channel.member"]
        for order in self:
            upstream = Member._channel_member_of_company(order.company_id).supplier_company_id
            order.channel_upstream_order = bool(upstream) and (
                order.partner_id.commercial_partner_id == upstream.partner_id
            )

    def button_confirm(self):
        """Check the channel's rules before anything is confirmed or created in
        the upstream's company: only the upstream is ordered from inside the
        channel, only products the level may buy, in the right multiples, at
        the level price."""
        self._channel_check_upstream_rules()
        return super().button_confirm()

    def _channel_check_upstream_rules(self):
        Member = self.env["channel.member"].sudo()
        problems = []
        for order in self.filtered(lambda po: po.state in ("draft", "sent")):
            member = Member._channel_member_of_company(order.company_id)
            if not member:
                continue
            vendor = Member.search([("partner_id", "=", order.partner_id.commercial_partner_id.id)], limit=1)
            if vendor.tenant_company_id and vendor.tenant_company_id != member.supplier_company_id:
                problems.append(_(
                    "%(order)s: %(company)s buys from %(upstream)s in the channel, not from %(vendor)s.",
                    order=order.name,
                    company=order.company_id.name,
                    upstream=member.supplier_company_id.name or _("nobody"),
                    vendor=vendor.name,
                ))
                continue
            if order.channel_upstream_order:
                problems.extend(order.order_line._channel_upstream_line_problems(member))
        if problems:
            raise UserError("\n".join(problems))

    def _channel_prepare_replenishment(self):
        """Replenishment orders to the upstream: level price and order multiples
        (the procurement filled the vendor's price and the exact shortage)."""
        for line in self.order_line.filtered(lambda line: line.product_id and not line.display_type):
            multiple = line.product_id.channel_order_multiple
            if multiple:
                qty = line.product_uom._compute_quantity(line.product_qty, line.product_id.uom_id)
                rounded = float_round(qty / multiple, precision_digits=0, rounding_method="UP") * multiple
                if float_compare(rounded, qty, precision_rounding=line.product_id.uom_id.rounding):
                    line.product_qty = line.product_id.uom_id._compute_quantity(rounded, line.product_uom)
            pricelist = line._channel_upstream_pricelist()
            if pricelist:
                line.write({"price_unit": line._channel_level_price_unit(pricelist), "discount": 0.0})

