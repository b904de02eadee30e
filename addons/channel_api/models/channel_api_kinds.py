# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""What each kind of record of the integration API means in Odoo.

For each kind, ``_api_prepare_<kind>(payload, batch)`` checks a record and
finds what it stands for without writing anything: ``(record or empty
recordset, changes)``, raising a ``UserError`` that lists its problems; and
``_api_apply_<kind>(payload, record, changes, batch)`` writes it:
``(status, record)``.
"""
from odoo import Command, _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import float_compare, float_is_zero

from odoo.addons.channel_base.models.channel_member_onboarding import COMMON_KEYS, DISTRIBUTOR_KEYS

PRODUCT_SCHEMA = {
    "ref": str, "name": str, "default_code": str, "barcode": str, "list_price": float, "standard_price": float,
    "category": str, "sale_ok": bool, "purchase_ok": bool, "active": bool, "order_multiple": float,
    "level_codes": list, "description_sale": str, "weight": float,
}
PRODUCT_FIELDS = {
    "name": "name", "barcode": "barcode", "list_price": "list_price", "standard_price": "standard_price",
    "sale_ok": "sale_ok", "purchase_ok": "purchase_ok", "active": "active", "order_multiple": "channel_order_multiple",
    "description_sale": "description_sale", "weight": "weight",
}
PRICE_SCHEMA = {
    "ref": str, "level_code": str, "product_ref": str, "default_code": str, "price": float,
    "min_quantity": float, "date_start": "date", "date_end": "date",
}
TERRITORY_SCHEMA = {
    "ref": str, "code": str, "name": str, "type": str, "state_codes": list, "country_code": str,
    "zip_codes": str, "branch": str,
}
TERRITORY_TYPES = ("state", "zip")
MEMBER_SCHEMA = dict(DISTRIBUTOR_KEYS, ref=str, role=str, upstream_ref=str)
# what an update may change: the contact (partner) and the member's grade, tags and location
MEMBER_PARTNER_FIELDS = ("name", "street", "street2", "city", "zip", "phone", "email", "vat")
ORDER_SCHEMA = {"ref": str, "buyer_code": str, "buyer_ref": str, "lines": list, "note": str, "confirm": bool}
ORDER_LINE_SCHEMA = {"product_ref": str, "default_code": str, "quantity": float, "price_unit": float}
ORDER_MAX_LINES = 200
STOCK_SCHEMA = {"member_code": str, "product_code": str, "quantity": float}
SELLOUT_SCHEMA = {"store_code": str, "week": "date", "lines": list}
SELLOUT_LINE_SCHEMA = {"product_code": str, "on_hand": float, "sold": float, "price": float}
DRAFT_STATES = ("draft", "sent")


class ChannelApi(models.AbstractModel):
    _inherit = "channel.api"

    # === SHARED === #
    @api.model
    def _api_check_brand(self, batch, what):
        if batch["scope"] is not None:
            raise UserError(_("Only the brand maintains %(what)s.", what=what))

    @api.model
    def _api_apply_simple(self, kind, model, payload, record, changes, batch):
        """Create, update or leave ``record``, and bind the reference to it."""
        ref = payload["ref"].strip()
        if not record:
            record = self.env[model].sudo().create(changes)
            status = "created"
        elif changes:
            record.write(changes)
            status = "updated"
        else:
            status = "unchanged"
        if self._api_bound(kind, ref, batch) != record:
            self._api_forget(kind, ref, batch, record)
        return status, record

    # === PRODUCTS === #
    @api.model
    def _api_prepare_product(self, payload, batch):
        self._api_check_brand(batch, _("products"))
        self._api_check_payload(payload, PRODUCT_SCHEMA, ("ref",))
        ref = payload["ref"].strip()
        Template = self.env["product.template"].sudo().with_context(active_test=False)
        record = self._api_bound("product", ref, batch) or Template
        code = (payload.get("default_code") or ref).strip()
        if not record:
            # adopt the product Odoo already has under this internal reference
            record = Template.search([("default_code", "=", code)], limit=1)
        if not record and not payload.get("name"):
            raise UserError(_("'name' is required to create a product"))
        vals = {field: payload[key] for key, field in PRODUCT_FIELDS.items() if key in payload}
        if "default_code" in payload or not record:
            vals["default_code"] = code
        if payload.get("order_multiple", 0) < 0:
            raise UserError(_("'order_multiple' cannot be negative"))
        for key in ("list_price", "standard_price"):
            if payload.get(key, 0) < 0:
                raise UserError(_("'%(field)s' cannot be negative", field=key))
        if "category" in payload:
            category = self.env["product.category"].sudo().search([("complete_name", "=", payload["category"])], limit=1)
            if not category:
                raise UserError(_("unknown product category %(category)s", category=payload["category"]))
            vals["categ_id"] = category.id
        if "level_codes" in payload:
            levels = self._api_levels(payload["level_codes"], "distributor")
            vals["channel_level_ids"] = [Command.set(levels.ids)]
        if not record:
            vals.update(type="consu", is_storable=True)
        return record, self._api_diff(record, vals)

    @api.model
    def _api_apply_product(self, payload, record, changes, batch):
        return self._api_apply_simple("product", "product.template", payload, record, changes, batch)

    @api.model
    def _api_levels(self, codes, role=None):
        Level = self.env["channel.level"].sudo()
        if not all(isinstance(code, str) for code in codes):
            raise UserError(_("level codes must be texts"))
        levels = Level.search([("code", "in", codes)])
        unknown = set(codes) - set(levels.mapped("code"))
        if unknown:
            raise UserError(_("unknown level %(levels)s", levels=", ".join(sorted(unknown))))
        if role and levels.filtered(lambda level: level.role != role):
            raise UserError(_("only distributor levels buy from an upstream"))
        return levels

    # === LEVEL PRICES === #
    @api.model
    def _api_prepare_price(self, payload, batch):
        self._api_check_brand(batch, _("level prices"))
        self._api_check_payload(payload, PRICE_SCHEMA, ("ref", "level_code", "price"))
        if not payload.get("product_ref") and not payload.get("default_code"):
            raise UserError(_("give the product: 'product_ref' or 'default_code'"))
        level = self._api_levels([payload["level_code"]])
        if not level.pricelist_id:
            raise UserError(_("level %(level)s has no price list", level=level.name))
        product = self._api_product(payload, batch)
        if payload["price"] < 0 or payload.get("min_quantity", 0) < 0:
            raise UserError(_("a price and a minimum quantity cannot be negative"))
        date_start = payload.get("date_start") and fields.Datetime.to_datetime(payload["date_start"])
        date_end = payload.get("date_end") and fields.Datetime.to_datetime(f"{payload['date_end']} 23:59:59")
        if date_start and date_end and date_end < date_start:
            raise UserError(_("the price ends before it starts"))
        vals = {
            "pricelist_id": level.pricelist_id.id,
            "applied_on": "1_product",
            "product_tmpl_id": product.product_tmpl_id.id,
            "product_id": False,
            "compute_price": "fixed",
            "fixed_price": payload["price"],
            "min_quantity": payload.get("min_quantity", 0.0),
            "date_start": date_start or False,
            "date_end": date_end or False,
        }
        record = self._api_bound("price", payload["ref"].strip(), batch)
        if not record:
            # adopt the line the level already has for the product (or one of its variants)
            template = product.product_tmpl_id
            record = self.env["product.pricelist.item"].sudo().search([
                ("pricelist_id", "=", level.pricelist_id.id), ("applied_on", "in", ("1_product", "0_product_variant")),
                "|", ("product_tmpl_id", "=", template.id), ("product_id", "in", template.product_variant_ids.ids),
                ("min_quantity", "=", vals["min_quantity"]),
                ("date_start", "=", vals["date_start"]), ("date_end", "=", vals["date_end"]),
            ], limit=1)
        return record, self._api_diff(record, vals)

    @api.model
    def _api_apply_price(self, payload, record, changes, batch):
        return self._api_apply_simple("price", "product.pricelist.item", payload, record, changes, batch)

    # === TERRITORIES === #
    @api.model
    def _api_prepare_territory(self, payload, batch):
        self._api_check_brand(batch, _("territories"))
        self._api_check_payload(payload, TERRITORY_SCHEMA, ("ref",))
        ref = payload["ref"].strip()
        code = (payload.get("code") or ref).strip()
        Territory = self.env["res.territory"].sudo()
        record = self._api_bound("territory", ref, batch) or Territory.search([("code", "=", code)], limit=1)
        if not record and not payload.get("name"):
            raise UserError(_("'name' is required to create a territory"))
        vals = {"code": code}
        for key in ("name", "zip_codes"):
            if key in payload:
                vals[key] = payload[key]
        if "type" in payload or not record:
            kind = payload.get("type") or "state"
            if kind not in TERRITORY_TYPES:
                raise UserError(_("a territory's type is 'state' (provinces) or 'zip' (postcodes)"))
            vals["type"] = kind
        if "state_codes" in payload:
            country = self.env["res.country"].sudo().search(
                [("code", "=", (payload.get("country_code") or "CN").upper())], limit=1
            )
            if not country:
                raise UserError(_("unknown country %(country)s", country=payload.get("country_code")))
            codes = payload["state_codes"]
            states = self.env["res.country.state"].sudo().search(
                [("country_id", "=", country.id), ("code", "in", [c for c in codes if isinstance(c, str)])]
            )
            unknown = set(codes) - set(states.mapped("code"))
            if unknown:
                raise UserError(_("unknown province %(states)s", states=", ".join(map(str, sorted(unknown, key=str)))))
            vals["state_ids"] = [Command.set(states.ids)]
        if "branch" in payload:
            branch = self.env["res.branch"].sudo().search([("name", "=", payload["branch"])], limit=1)
            if not branch:
                raise UserError(_("unknown branch %(branch)s", branch=payload["branch"]))
            vals["branch_id"] = branch.id
        return record, self._api_diff(record, vals)

    @api.model
    def _api_apply_territory(self, payload, record, changes, batch):
        return self._api_apply_simple("territory", "res.territory", payload, record, changes, batch)

    # === MEMBERS === #
    @api.model
    def _api_prepare_member(self, payload, batch):
        self._api_check_payload(payload, MEMBER_SCHEMA, ("ref", "role"))
        role = payload["role"]
        if role not in ("distributor", "store"):
            raise UserError(_("'role' is 'distributor' or 'store'"))
        ref = payload["ref"].strip()
        code = (payload.get("code") or ref).strip()
        Member = self.env["channel.member"].sudo().with_context(active_test=False)
        record = self._api_bound("member", ref, batch) or Member.search([("code", "=", code)], limit=1)
        upstream = self._api_member(payload, batch, "upstream_code", "upstream_ref")
        if record:
            return record, self._api_member_changes(payload, record, upstream, batch)
        if role == "distributor":
            self._api_check_brand(batch, _("distributors"))
        values = {k: v for k, v in payload.items() if k in COMMON_KEYS or k in DISTRIBUTOR_KEYS}
        values["code"] = code
        if upstream is not None:
            values.pop("upstream_code", None)
            values["upstream_id"] = upstream.id
        seen = batch.setdefault("onboarding", {"codes": set(), "logins": set(), "authorizations": set()})
        resolved, problems = self.env["channel.member"]._resolve_onboarding_vals(values, role, seen)
        if problems:
            raise UserError("; ".join(problems))
        return Member, {"onboard": resolved}

    @api.model
    def _api_member_changes(self, payload, member, upstream, batch):
        """What an update of an existing member changes; refuses what the ERP
        may not change (role, upstream, level, a member outside the scope)."""
        if not self._api_in_scope(batch["scope"], member):
            raise UserError(_("%(member)s is not in your network", member=member.display_name))
        if payload["role"] != member.role:
            raise UserError(_("%(member)s is a %(role)s", member=member.display_name, role=member._role_label()))
        if upstream is not None and upstream != member.upstream_id:
            raise UserError(_(
                "%(member)s buys from %(upstream)s: moving a member to another upstream is done in Odoo by the "
                "channel team", member=member.display_name, upstream=member.upstream_id.display_name,
            ))
        if payload.get("level_code") and payload["level_code"] != member.level_id.code:
            raise UserError(_("the level of %(member)s is changed in Odoo by the channel team", member=member.display_name))
        partner_vals = {key: payload[key] for key in MEMBER_PARTNER_FIELDS if key in payload}
        if "state_code" in payload:
            country = member.partner_id.country_id or self.env.ref("base.cn")
            state = self.env["res.country.state"].sudo().search(
                [("country_id", "=", country.id), ("code", "=", payload["state_code"])], limit=1
            )
            if not state:
                raise UserError(_("unknown state_code %(state)s", state=payload["state_code"]))
            partner_vals["state_id"] = state.id
        member_vals = {}
        if "credit_grade" in payload:
            if payload["credit_grade"] not in ("A", "B", "C", "D"):
                raise UserError(_("credit grade must be one of A, B, C, D"))
            member_vals["credit_grade"] = payload["credit_grade"]
        if "territory_code" in payload:
            territory = self.env["res.territory"].sudo().search([("code", "=", payload["territory_code"])], limit=1)
            if not territory:
                raise UserError(_("unknown territory_code %(code)s", code=payload["territory_code"]))
            member_vals["territory_id"] = territory.id
        if "tag_names" in payload:
            tags = self.env["channel.member.tag"].sudo().search([("name", "in", payload["tag_names"])])
            unknown = set(payload["tag_names"]) - set(tags.mapped("name"))
            if unknown:
                raise UserError(_("unknown tag %(tags)s", tags=", ".join(map(str, unknown))))
            member_vals["tag_ids"] = [Command.set(tags.ids)]
        changes = {}
        partner_changes = self._api_diff(member.partner_id, partner_vals)
        member_changes = self._api_diff(member, member_vals)
        if "credit_grade" in member_changes:
            # applied with sudo below: the grade is the grantor's decision, not the importer's
            member.with_env(self.env)._check_credit_grantor()
        if partner_changes:
            changes["partner"] = partner_changes
        if member_changes:
            changes["member"] = member_changes
        return changes

    @api.model
    def _api_apply_member(self, payload, record, changes, batch):
        ref = payload["ref"].strip()
        Member = self.env["channel.member"].sudo()
        if not record:
            values = changes["onboard"]
            create = Member._onboard_distributor if payload["role"] == "distributor" else Member._onboard_store
            record = create(values).sudo()
            status = "created"
        elif changes:
            if "partner" in changes:
                record.partner_id.write(changes["partner"])
            if "member" in changes:
                record.write(changes["member"])
            status = "updated"
        else:
            status = "unchanged"
        if self._api_bound("member", ref, batch) != record:
            self._api_forget("member", ref, batch, record)
        batch["cache"].setdefault("member", {})[("code", record.code)] = record
        return status, record

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

    # === STOCK COUNTS === #
    @api.model
    def _api_prepare_stock(self, payload, batch):
        self._api_check_payload(payload, STOCK_SCHEMA, ("member_code", "product_code", "quantity"))
        member = self._api_member(payload, batch, "member_code")
        if not member.tenant_company_id:
            raise UserError(_("%(member)s keeps no stock in Odoo", member=member.display_name))
        if not self._api_in_scope(batch["scope"], member):
            raise UserError(_("%(member)s is not in your network", member=member.display_name))
        self._api_check_books(batch, member.tenant_company_id, member)
        product = self._api_product(payload, batch)
        if not product.is_storable:
            raise UserError(_("%(product)s is not a stocked product", product=product.display_name))
        if product.tracking != "none":
            raise UserError(_("%(product)s is tracked by lots: count it in Odoo, lot by lot", product=product.display_name))
        if payload["quantity"] < 0:
            raise UserError(_("a counted quantity cannot be negative"))
        warehouse = self.env["stock.warehouse"].sudo().search([("company_id", "=", member.tenant_company_id.id)], limit=1)
        location = warehouse.lot_stock_id
        [(on_hand,)] = self.env["stock.quant"].sudo()._read_group(
            [("product_id", "=", product.id), ("location_id", "=", location.id)], aggregates=["quantity:sum"]
        )
        changes = {}
        if not float_is_zero(payload["quantity"] - (on_hand or 0.0), precision_rounding=product.uom_id.rounding):
            changes = {"location": location, "quantity": payload["quantity"]}
        return product, changes

    @api.model
    def _api_apply_stock(self, payload, record, changes, batch):
        if not changes:
            return "unchanged", record
        location = changes["location"]
        Quant = self.env["stock.quant"].sudo().with_context(inventory_mode=True, allowed_company_ids=location.company_id.ids)
        quant = Quant.search([("product_id", "=", record.id), ("location_id", "=", location.id)], limit=1)
        if quant:
            quant.inventory_quantity = changes["quantity"]
        else:
            quant = Quant.create({
                "product_id": record.id, "location_id": location.id, "inventory_quantity": changes["quantity"],
            })
        quant.action_apply_inventory()
        return "updated", record

    # === SELL-OUT === #
    @api.model
    def _api_prepare_sellout(self, payload, batch):
        self._api_check_payload(payload, SELLOUT_SCHEMA, ("store_code", "week", "lines"))
        store = self._api_member(payload, batch, "store_code")
        if store.role != "store":
            raise UserError(_("%(member)s is not a store", member=store.display_name))
        if not self._api_in_scope(batch["scope"], store):
            raise UserError(_("%(member)s is not in your network", member=store.display_name))
        self._api_check_books(batch, store.supplier_company_id, store)
        if not payload["lines"]:
            raise UserError(_("a report needs at least one line"))
        lines, problems, seen = [], [], set()
        for number, raw in enumerate(payload["lines"], start=1):
            try:
                if not isinstance(raw, dict):
                    raise UserError(_("it is not a dictionary"))
                self._api_check_payload(raw, SELLOUT_LINE_SCHEMA, ("product_code",))
                product = self._api_product(raw, batch)
                if product in seen:
                    raise UserError(_("%(product)s is already in the report", product=product.display_name))
                seen.add(product)
                values = (raw.get("on_hand", 0.0), raw.get("sold", 0.0), raw.get("price", 0.0))
                if any(value < 0 for value in values):
                    raise UserError(_("quantities and prices cannot be negative"))
                lines.append((product, *map(float, values)))
            except UserError as error:
                problems.append(_("line %(line)s: %(problem)s", line=number, problem=error.args[0]))
        if problems:
            raise UserError("; ".join(problems))
        Report = self.env["channel.sellout.report"].sudo()
        week = Report._week_of(fields.Date.to_date(payload["week"]))
        report = Report.search([("member_id", "=", store.id), ("week", "=", week)], limit=1)
        if report and self._api_report_same(report, lines):
            return report, {}
        return report, {"store": store, "week": week, "lines": lines}

    @api.model
    def _api_report_same(self, report, lines):
        current = {line.product_id: (line.qty_on_hand, line.qty_sold, line.price) for line in report.line_ids}
        return len(current) == len(lines) and all(
            product in current and all(
                float_compare(a, b, precision_digits=6) == 0 for a, b in zip(current[product], values)
            )
            for product, *values in lines
        )

    @api.model
    def _api_apply_sellout(self, payload, record, changes, batch):
        if not changes:
            return "unchanged", record
        report = self.env["channel.sellout.report"]._submit(
            changes["store"], changes["week"], changes["lines"], source="api"
        )
        return ("updated" if record else "created"), report
