# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import float_compare

from .utils import post_channel_message

APPROVAL_STATES = [
    ("none", "Not Needed"),
    ("to_approve", "Waiting Approval"),
    ("approved", "Approved"),
    ("rejected", "Rejected"),
]
APPROVAL_FIELDS = {"channel_approval_state", "channel_approval_reason", "channel_approved_by_id"}


class SaleOrder(models.Model):
    _inherit = "sale.order"

    channel_buyer_member_id = fields.Many2one(
        "channel.member",
        string="Channel Buyer",
        compute="_compute_channel_buyer_member_id",
        compute_sudo=True,
        store=True,
        index="btree_not_null",
        help="The channel member (store or distributor) this order sells to.",
    )
    channel_buyer_role = fields.Selection(related="channel_buyer_member_id.role", store=True, string="Buyer Role")
    channel_credit_grade = fields.Selection(related="channel_buyer_member_id.credit_grade", string="Credit Grade")
    channel_approval_state = fields.Selection(
        APPROVAL_STATES, string="Approval", default="none", required=True, copy=False, tracking=True, index=True
    )
    channel_approval_reason = fields.Text(string="Why It Waits", readonly=True, copy=False)
    channel_approved_by_id = fields.Many2one("res.users", string="Approved By", readonly=True, copy=False)
    channel_below_level_price_count = fields.Integer(
        compute="_compute_channel_below_level_price_count", string="Lines Below Level Price"
    )
    channel_routed_member_id = fields.Many2one(
        "channel.member", string="Routed To", readonly=True, copy=False, index="btree_not_null"
    )
    channel_routing_log = fields.Text(string="Routing Decision", readonly=True, copy=False)

    # === COMPUTE === #
    @api.depends("partner_id.commercial_partner_id")
    def _compute_channel_buyer_member_id(self):
        partners = self.partner_id.commercial_partner_id
        members = self.env["channel.member"].search([("partner_id", "in", partners.ids)])
        member_by_partner = {member.partner_id: member for member in members}
        for order in self:
            order.channel_buyer_member_id = member_by_partner.get(order.partner_id.commercial_partner_id, False)

    @api.depends("order_line.channel_below_level_price")
    def _compute_channel_below_level_price_count(self):
        for order in self:
            order.channel_below_level_price_count = len(order.order_line.filtered("channel_below_level_price"))

    # === APPROVAL BY CREDIT GRADE === #
    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._channel_check_approval_fields(vals)
        return super().create(vals_list)

    def write(self, vals):
        self._channel_check_approval_fields(vals)
        return super().write(vals)

    def _channel_check_approval_fields(self, vals):
        """The approval fields change only through the approval flow: a salesman
        who may edit the order must not approve it by writing the state. Values
        that change nothing pass: Odoo's forms and flows send every field of the
        view when they create or save an order (a return, a copy, a new quote)."""
        if not APPROVAL_FIELDS & vals.keys() or self.env.su or self.env.context.get("channel_approval_flow"):
            return
        if not self:  # create: anything but a new order's values decides the approval
            changed = vals.get("channel_approval_state") not in (None, False, "none") or any(
                vals.get(name) for name in APPROVAL_FIELDS - {"channel_approval_state"}
            )
        else:
            changed = False
            for name in APPROVAL_FIELDS & vals.keys():
                field = self._fields[name]
                for record in self:
                    value = field.convert_to_record(field.convert_to_cache(vals[name], record), record)
                    changed = changed or (record[name] or False) != (value or False)
        if changed:
            raise AccessError(_("Orders are approved or rejected with the Approve and Reject buttons."))

    def action_confirm(self):
        """Orders from the channel confirm by themselves only as the buyer's
        credit grade allows (A within the credit limit, B also up to an amount
        per order, C never, D when prepaid); the others wait for the seller's
        manager. OCA ``sale_financial_risk`` gives the exposure (open orders,
        invoices, payments); its own blocking wizard is replaced, for channel
        buyers, by this approval."""
        channel_orders = self.filtered(lambda order: order._channel_is_graded())
        awaiting = self.browse()
        for order in channel_orders:
            reason = order._channel_approval_reason()
            if reason:
                order._channel_await_approval(reason)
                awaiting |= order
        to_confirm = self - awaiting
        if not to_confirm:
            return True
        graded = to_confirm & channel_orders
        others = to_confirm - graded
        result = True
        if others:
            result = super(SaleOrder, others).action_confirm()
        if graded:
            waited = graded.filtered(lambda order: order.channel_approval_state == "to_approve")
            if waited:
                # awaited approval before, now within the grade's rules (e.g. paid in advance)
                waited.sudo().write({"channel_approval_state": "none", "channel_approval_reason": False})
                waited.sudo().activity_feedback(
                    ["channel_sale.mail_activity_order_approval"], feedback=_("Confirmed within the credit rules")
                )
            graded_result = super(SaleOrder, graded.with_context(bypass_risk=True)).action_confirm()
            result = result if isinstance(result, dict) else graded_result
            graded._channel_record_price_deviations()
        return result

    def _channel_is_graded(self):
        """An order the seller makes to a member directly below it."""
        self.ensure_one()
        member = self.channel_buyer_member_id
        return bool(member) and member.sudo().supplier_company_id == self.company_id

    def _channel_approval_reason(self):
        """Why the order must wait for approval, or an empty string."""
        self.ensure_one()
        if self.channel_approval_state == "approved":
            return ""
        member = self.channel_buyer_member_id.sudo()
        grade = member.credit_grade
        company = self.company_id
        amount = self.currency_id._convert(
            self._channel_credit_amount(), company.currency_id, company,
            self.date_order.date() if self.date_order else fields.Date.today(),
        )
        exposure, limit = member._channel_credit_exposure(company)
        after = exposure + amount
        currency = company.currency_id
        fmt = lambda value: currency.format(value)  # noqa: E731
        if grade == "C":
            return _("Credit grade C: every order waits for approval.")
        if grade == "D":
            if float_compare(after, 0.0, precision_rounding=currency.rounding) > 0:
                return _(
                    "Credit grade D buys prepaid only: this order of %(amount)s needs %(missing)s more paid in advance.",
                    amount=fmt(amount),
                    missing=fmt(after),
                )
            return ""
        if grade == "B":
            order_limit = member.order_auto_confirm_limit
            if float_compare(amount, order_limit, precision_rounding=currency.rounding) > 0:
                return _(
                    "Credit grade B confirms orders up to %(limit)s by themselves; this one is %(amount)s.",
                    limit=fmt(order_limit),
                    amount=fmt(amount),
                )
        if float_compare(after, limit, precision_rounding=currency.rounding) > 0:
            return _(
                "Over the credit limit: %(exposure)s already open plus this order of %(amount)s "
                "exceeds the limit of %(limit)s.",
                exposure=fmt(exposure),
                amount=fmt(amount),
                limit=fmt(limit),
            )
        return ""

    def _channel_credit_amount(self):
        """What this order adds to the buyer's exposure (extension point: a part
        paid from the buyer's funds does not)."""
        self.ensure_one()
        return self.amount_total

    def _channel_await_approval(self, reason):
        """Make the order await approval: the seller's approver gets an
        activity, the buyer a message (on its own purchase order for a
        distributor)."""
        self.ensure_one()
        self.sudo().write({"channel_approval_state": "to_approve", "channel_approval_reason": reason})
        if self.activity_ids.filtered(
            lambda activity: activity.activity_type_id == self.env.ref("channel_sale.mail_activity_order_approval")
        ):
            return
        approver = self._channel_approver()
        self.sudo().activity_schedule(
            "channel_sale.mail_activity_order_approval",
            user_id=approver.id or self.env.uid,
            note=reason,
        )
        self._channel_notify_buyer(_("Your order %(order)s waits for approval: %(reason)s", order=self.name, reason=reason))

    def _channel_approver(self):
        self.ensure_one()
        seller = self.env["channel.member"]._channel_member_of_company(self.company_id)
        return seller._intercompany_user() if seller else self.env["res.users"]

    def _channel_notify_buyer(self, body):
        """Tell the buyer: on its purchase order when it is a distributor buying
        inter-company, else on this order, addressed to its contact."""
        self.ensure_one()
        purchase = self.sudo().auto_purchase_order_id
        if purchase:
            post_channel_message(purchase, body)
        else:
            post_channel_message(self, body, partners=self.partner_id)

    def _channel_check_approver(self):
        if not self.env.user.has_group("channel_base.group_channel_distributor_manager") and not self.env.user.has_group(
            "sales_team.group_sale_manager"
        ):
            raise AccessError(_(
                "Only a sales or channel manager of the seller approves or rejects orders awaiting approval."
            ))
        for order in self:
            if order.channel_approval_state != "to_approve":
                raise UserError(_("Order %(order)s is not waiting for approval.", order=order.name))
            if order._channel_is_graded():
                # approving over the credit rules is a credit decision: the
                # seller's (the grantor's) own managers, in its company
                order.channel_buyer_member_id.with_company(order.company_id)._check_credit_grantor()

    def action_channel_approve(self):
        self._channel_check_approver()
        self.with_context(channel_approval_flow=True).write(
            {"channel_approval_state": "approved", "channel_approved_by_id": self.env.uid}
        )
        self.activity_feedback(["channel_sale.mail_activity_order_approval"], feedback=_("Approved"))
        for order in self:
            order._channel_notify_buyer(_("Your order %(order)s was approved.", order=order.name))
        return self.action_confirm()

    def action_channel_reject(self):
        self._channel_check_approver()
        return {
            "type": "ir.actions.act_window",
            "name": _("Reject Order"),
            "res_model": "channel.order.reject",
            "view_mode": "form",
            "target": "new",
            "context": {"default_order_ids": self.ids},
        }

    def _channel_reject(self, reason):
        """Reject orders awaiting approval: cancelled here and, for a
        distributor, its purchase order too, each with the reason."""
        self._channel_check_approver()
        for order in self:
            order.with_context(channel_approval_flow=True).write(
                {"channel_approval_state": "rejected", "channel_approval_reason": reason}
            )
            order.activity_feedback(["channel_sale.mail_activity_order_approval"], feedback=reason)
            order._channel_notify_buyer(_("Your order %(order)s was rejected: %(reason)s", order=order.name, reason=reason))
            order.with_context(disable_cancel_warning=True).action_cancel()
            purchase = order.sudo().auto_purchase_order_id
            if purchase and purchase.state != "cancel":
                purchase.button_cancel()

    # === LEVEL PRICES === #
    def _channel_record_price_deviations(self):
        lines = self.order_line.filtered("channel_below_level_price")
        if not lines:
            return
        values = []
        for line in lines:
            order = line.order_id
            sold = line._channel_net_price_unit()
            level_price = line.channel_level_price
            values.append({
                "date": order.date_order,
                "company_id": order.company_id.id,
                "seller_member_id": self.env["channel.member"]._channel_member_of_company(order.company_id).id,
                "buyer_member_id": order.channel_buyer_member_id.id,
                "order_id": order.id,
                "order_line_id": line.id,
                "product_id": line.product_id.id,
                "quantity": line.product_uom_qty,
                "currency_id": order.currency_id.id,
                "level_price": level_price,
                "sold_price": sold,
                "gap_percent": 100.0 * (level_price - sold) / level_price if level_price else 0.0,
                "amount_below": (level_price - sold) * line.product_uom_qty,
            })
        # checked sudo: the deviation log is append-only, written by the confirmation itself
        self.env["channel.price.deviation"].sudo().create(values)

    # === ROUTING === #
    @api.model
    def channel_route_order(self, values):
        """Create a sale order for a delivery address that no distributor owns yet
        (a consumer, an unbound store; from the brand's online shop or the ERP) in
        the company that should serve it, and return its id.

        ``values``: ``partner_id`` (the customer), optional ``partner_shipping_id``,
        ``client_order_ref``, ``origin``, and ``lines``: a list of
        ``{"product_id": id or "default_code": code, "quantity": qty}``.
        The order goes to the distributor authorised for the address's territory
        that has every line in stock, trying from the deepest level up the chain
        to the brand; when nobody has the stock, to the deepest authorised
        distributor, which replenishes from its upstream; with no authorised
        distributor, to the brand. The decision is written on the order."""
        if not (self.env.user.has_group("channel_base.group_channel_brand_user") or self.env.is_superuser()):
            raise AccessError(_("Only the brand's channel team routes orders."))
        partner, shipping, lines = self._channel_parse_routing_values(values)
        member, log = self._channel_route(shipping, lines)
        company = member.tenant_company_id
        # checked sudo: the brand team routes into any tenant; the order is made in
        # the chosen company under its own rules (pricing, approval)
        order = self.sudo().with_company(company).create({
            "company_id": company.id,
            "partner_id": partner.id,
            "partner_shipping_id": shipping.id,
            "client_order_ref": values.get("client_order_ref") or False,
            "origin": values.get("origin") or False,
            "channel_routed_member_id": member.id,
            "channel_routing_log": log,
            "order_line": [
                fields.Command.create({"product_id": product.id, "product_uom_qty": qty}) for product, qty in lines
            ],
        })
        order.with_context(mail_notify_force_send=False).message_post(
            body=log, author_id=self.env.ref("base.partner_root").id, subtype_xmlid="mail.mt_note"
        )
        return order.id

    @api.model
    def _channel_parse_routing_values(self, values):
        if not isinstance(values, dict):
            raise UserError(_("Routing expects a dictionary of order values."))
        Partner = self.env["res.partner"].sudo()
        partner = Partner.browse(values.get("partner_id") or 0).exists() if isinstance(values.get("partner_id"), int) else Partner
        if not partner:
            raise UserError(_("Routing needs an existing customer (partner_id)."))
        shipping = partner
        if values.get("partner_shipping_id"):
            shipping_id = values["partner_shipping_id"]
            shipping = Partner.browse(shipping_id).exists() if isinstance(shipping_id, int) else Partner
            if not shipping:
                raise UserError(_("The delivery address %(address)s does not exist.", address=shipping_id))
        raw_lines = values.get("lines")
        if not isinstance(raw_lines, list) or not raw_lines:
            raise UserError(_("Routing needs at least one order line."))
        Product = self.env["product.product"]
        lines = []
        for index, raw in enumerate(raw_lines, start=1):
            if not isinstance(raw, dict):
                raise UserError(_("Line %(line)s is not a dictionary.", line=index))
            product = Product
            if isinstance(raw.get("product_id"), int):
                product = Product.browse(raw["product_id"]).exists()
            elif raw.get("default_code"):
                product = Product.search([("default_code", "=", raw["default_code"])], limit=1)
            if not product or not product.sale_ok:
                raise UserError(_("Line %(line)s: no product that can be sold.", line=index))
            qty = raw.get("quantity")
            if not isinstance(qty, (int, float)) or isinstance(qty, bool) or qty <= 0:
                raise UserError(_("Line %(line)s: the quantity must be a positive number.", line=index))
            lines.append((product, float(qty)))
        return partner, shipping, lines

    @api.model
    def _channel_route(self, shipping, lines):
        """The member that serves ``shipping`` and a readable log of the decision."""
        Member = self.env["channel.member"].sudo()
        territory = self.env["res.territory"].sudo()._find_for_address(
            state=shipping.state_id, zip_code=shipping.zip, country=shipping.country_id
        )
        brand = Member._brand_member()
        log = []
        if not territory:
            log.append(_("No territory covers %(address)s.", address=shipping.contact_address.replace("\n", " ").strip()))
            log.append(_("Routed to the brand %(brand)s.", brand=brand.name))
            return brand, "\n".join(log)
        authorised = territory.sudo().authorization_ids.member_id.filtered("active").sorted("level", reverse=True)
        if not authorised:
            log.append(_("Territory %(territory)s has no authorised distributor.", territory=territory.name))
            log.append(_("Routed to the brand %(brand)s.", brand=brand.name))
            return brand, "\n".join(log)
        chain = Member
        member = authorised[0]
        while member:
            chain |= member
            member = member.upstream_id
        log.append(_("Territory %(territory)s; chain: %(chain)s.", territory=territory.name,
                     chain=" → ".join(chain.mapped("name"))))
        for member in chain:
            short = member._channel_missing_stock(lines)
            if not short:
                log.append(_("%(member)s has every line in stock: routed to it.", member=member.name))
                return member, "\n".join(log)
            log.append(_("%(member)s lacks %(products)s.", member=member.name, products=", ".join(short)))
        log.append(_("Nobody in the chain has the stock: routed to %(member)s, which replenishes from upstream.",
                     member=authorised[0].name))
        return authorised[0], "\n".join(log)

