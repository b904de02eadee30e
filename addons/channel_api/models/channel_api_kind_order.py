# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Orders the ERP took: a store's is its distributor's sale order, a distributor's its purchase order."""
from odoo import Command, _, api, models
from odoo.exceptions import UserError
from odoo.tools import float_compare

ORDER_SCHEMA = {"ref": str, "buyer_code": str, "buyer_ref": str, "lines": list, "note": str, "confirm": bool}
ORDER_LINE_SCHEMA = {"product_ref": str, "default_code": str, "quantity": float, "price_unit": float}
ORDER_MAX_LINES = 200
DRAFT_STATES = ("draft", "sent")


class ChannelApi(models.AbstractModel):
    _inherit = "channel.api"

    # === ORDERS === #
    @api.model
    def _api_prepare_order(self, payload, batch):
        self._api_check_payload(payload, ORDER_SCHEMA, ("ref", "lines"))
        buyer = self._api_member(payload, batch, "buyer_code", "buyer_ref")
        if buyer is None:
            raise UserError(_("give the buyer: 'buyer_code' or 'buyer_ref'"))
        if buyer.role not in ("store", "distributor") or not buyer.supplier_company_id:
            raise UserError(_("%(member)s does not buy from anyone in the channel", member=buyer.display_name))
        if not self._api_in_scope(batch["scope"], buyer):
            raise UserError(_("%(member)s is not in your network", member=buyer.display_name))
        # a store's order is its distributor's sale, a distributor's its own purchase
        self._api_check_books(
            batch, buyer.supplier_company_id if buyer.role == "store" else buyer.tenant_company_id, buyer
        )
        lines = self._api_order_lines(payload["lines"], buyer, batch)
        ref = payload["ref"].strip()
        record = self._api_bound("order", ref, batch)
        confirm = payload.get("confirm", True)
        if not record:
            return self.env["sale.order"], {"buyer": buyer, "lines": lines, "confirm": confirm}
        same_buyer = (
            record.partner_id.commercial_partner_id == buyer.partner_id if record._name == "sale.order"
            else record.company_id == buyer.tenant_company_id
        )
        if not same_buyer:
            raise UserError(_("order %(ref)s was sent for another buyer", ref=ref))
        changes = {}
        if self._api_order_differs(record, lines):
            if record.state not in DRAFT_STATES:
                raise UserError(_(
                    "order %(ref)s is already confirmed (%(name)s): it cannot be changed from the ERP any more; "
                    "ask the seller to change it in Odoo", ref=ref, name=record.name,
                ))
            changes["lines"] = lines
        if confirm and record.state in DRAFT_STATES and not self._api_order_waiting(record):
            changes["confirm"] = True
        return record, changes

    @api.model
    def _api_order_lines(self, raw_lines, buyer, batch):
        if not raw_lines:
            raise UserError(_("an order needs at least one line"))
        if len(raw_lines) > ORDER_MAX_LINES:
            raise UserError(_("an order has at most %(max)s lines", max=ORDER_MAX_LINES))
        lines, problems = [], []
        for number, raw in enumerate(raw_lines, start=1):
            try:
                if not isinstance(raw, dict):
                    raise UserError(_("it is not a dictionary"))
                self._api_check_payload(raw, ORDER_LINE_SCHEMA, ("quantity",))
                product = self._api_product(raw, batch)
                if not product.sale_ok:
                    raise UserError(_("%(product)s is not sold", product=product.display_name))
                if raw["quantity"] <= 0:
                    raise UserError(_("the quantity must be positive"))
                price = raw.get("price_unit")
                if price is not None and (price < 0 or buyer.role == "distributor"):
                    raise UserError(_("a distributor buys at its level price: leave 'price_unit' out")
                                    if buyer.role == "distributor" else _("the price cannot be negative"))
                lines.append((product, float(raw["quantity"]), price))
            except UserError as error:
                problems.append(_("line %(line)s: %(problem)s", line=number, problem=error.args[0]))
        if problems:
            raise UserError("; ".join(problems))
        return lines

    @api.model
    def _api_order_differs(self, order, lines):
        """Whether ``lines`` ([(product, quantity, price or None)]) differ from
        the order's product lines (promotion and discount lines aside)."""
        qty_field = "product_uom_qty" if order._name == "sale.order" else "product_qty"
        current = [
            line for line in order.order_line
            if not line.display_type and not getattr(line, "is_reward_line", False)
        ]
        if len(current) != len(lines):
            return True
        for line, (product, quantity, price) in zip(current, lines):
            if line.product_id != product or float_compare(line[qty_field], quantity, precision_digits=6):
                return True
            if price is not None and float_compare(line.price_unit, price, precision_digits=6):
                return True
        return False

    @api.model
    def _api_order_waiting(self, order):
        """A sale order waiting for the seller's approval (credit): confirming
        again is the seller's decision, not a replay's."""
        return order._name == "sale.order" and order.channel_approval_state == "to_approve"

    @api.model
    def _api_apply_order(self, payload, record, changes, batch):
        ref = payload["ref"].strip()
        if not record:
            buyer = changes["buyer"]
            if buyer.role == "store":
                record = self._api_create_store_order(ref, buyer, changes["lines"], payload.get("note"))
            else:
                record = self._api_create_purchase(ref, buyer, changes["lines"], payload.get("note"))
            self._api_forget("order", ref, batch, record)
            status = "created"
        elif changes:
            if "lines" in changes:
                self._api_replace_lines(record, changes["lines"])
            status = "updated"
        else:
            return "unchanged", record
        if changes.get("confirm"):
            if record._name == "sale.order":
                record.action_confirm()
            else:
                record.button_confirm()
        return status, record

    @api.model
    def _api_sale_line_vals(self, product, quantity, price):
        vals = {"product_id": product.id, "product_uom_qty": quantity}
        if price is not None:
            vals["price_unit"] = price
        return vals

    @api.model
    def _api_create_store_order(self, ref, store, lines, note):
        company = store.supplier_company_id
        # checked sudo: the caller may import for this store (_api_in_scope);
        # the order is made in the distributor's company under its rules
        return self.env["sale.order"].sudo().with_context(allowed_company_ids=company.ids).create({
            "company_id": company.id,
            "partner_id": store.partner_id.id,
            "client_order_ref": ref,
            "origin": _("ERP"),
            "note": note or False,
            "order_line": [Command.create(self._api_sale_line_vals(*line)) for line in lines],
        })

    @api.model
    def _api_create_purchase(self, ref, distributor, lines, note):
        company = distributor.tenant_company_id
        return self.env["purchase.order"].sudo().with_context(allowed_company_ids=company.ids).create({
            "company_id": company.id,
            "partner_id": distributor.supplier_company_id.partner_id.id,
            "partner_ref": ref,
            "origin": _("ERP"),
            "notes": note or False,
            "order_line": [
                Command.create({"product_id": product.id, "product_qty": quantity}) for product, quantity, _price in lines
            ],
        })

    @api.model
    def _api_replace_lines(self, order, lines):
        if order._name == "sale.order":
            commands = [Command.unlink(line.id) for line in order.order_line if not line.display_type]
            commands += [Command.create(self._api_sale_line_vals(*line)) for line in lines]
        else:
            commands = [Command.unlink(line.id) for line in order.order_line if not line.display_type]
            commands += [Command.create({"product_id": p.id, "product_qty": q}) for p, q, _price in lines]
        order.write({"order_line": commands})
