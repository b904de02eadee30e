# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import math
from collections import defaultdict

from odoo import Command, _, api, fields, models
from odoo.exceptions import UserError

MAX_LINE_QUANTITY = 100_000
MAX_CODE_LENGTH = 100


class ChannelMember(models.Model):
    """What a store does on the portal, as methods of its member. The portal
    controllers call them in sudo after resolving the store from the logged-in
    user: every argument that comes from a request is checked here, and only
    product ids and quantities are ever taken from it (never a price)."""

    _inherit = "channel.member"

    @api.model
    def _portal_store_of(self, user):
        """The store the portal ``user`` orders for, or an empty recordset."""
        return self._channel_store_of_user(user)

    def _portal_seller(self):
        self.ensure_one()
        return self.sudo().supplier_company_id

    # === CATALOGUE === #
    def _portal_product_domain(self):
        """Goods for sale, shared or the distributor's own."""
        return [
            ("sale_ok", "=", True), ("type", "=", "consu"),
            ("company_id", "in", [False, self._portal_seller().id]),
        ]

    def _portal_products(self, search=None, limit=None, offset=0):
        self.ensure_one()
        domain = self._portal_product_domain()
        if search:
            search = search.strip()
            domain += ["|", "|", ("name", "ilike", search), ("default_code", "ilike", search), ("barcode", "=", search)]
        Product = self.env["product.product"].sudo().with_company(self._portal_seller())
        return Product.search(domain, limit=limit, offset=offset, order="default_code, id"), Product.search_count(domain)

    def _portal_pricelist(self):
        return self.partner_id.sudo().with_company(self._portal_seller()).property_product_pricelist

    def _portal_prices(self, products):
        """{product id: the store's price} from its level pricelist at its distributor."""
        if not products:
            return {}
        return self._portal_pricelist()._get_products_price(products, 1.0)

    def _portal_promotions(self):
        """The channel promotions that target the store now."""
        self.ensure_one()
        return self.env["loyalty.program"].sudo()._channel_eligible(self, self._portal_seller())

    def _portal_promotions_by_product(self, products, programs=None):
        """{product: promotions whose conditions or rewards name it (or any product)}."""
        programs = self._portal_promotions() if programs is None else programs
        result = defaultdict(lambda: self.env["loyalty.program"])
        valid = programs.sudo()._get_valid_products(products)
        for rule, rule_products in valid.items():
            for product in rule_products:
                result[product] |= rule.program_id
        return result

    # === CART === #
    def _portal_cart(self, create=False):
        """The store's open quotation on the portal (its cart)."""
        self.ensure_one()
        seller = self._portal_seller()
        Order = self.env["sale.order"].sudo().with_company(seller)
        cart = Order.search([
            ("partner_id", "=", self.partner_id.id), ("company_id", "=", seller.id),
            ("channel_portal_cart", "=", True), ("state", "=", "draft"),
        ], order="id desc", limit=1)
        if not cart and create:
            cart = Order.create({
                "partner_id": self.partner_id.id,
                "company_id": seller.id,
                "channel_portal_cart": True,
                "user_id": False,
                "origin": _("Store portal"),
            })
        return cart

    def _portal_check_rows(self, rows):
        """Check rows [{row, code, quantity}] of a quick order or a spreadsheet:
        returns (accepted [(row, product, quantity)], rejected [(row, code, why)]);
        nothing is written."""
        self.ensure_one()
        codes = {str(row.get("code") or "").strip() for row in rows} - {""}
        codes = {code for code in codes if len(code) <= MAX_CODE_LENGTH}
        Product = self.env["product.product"].sudo().with_context(active_test=False)
        found = Product.search(["|", ("default_code", "in", list(codes)), ("barcode", "in", list(codes))]) if codes \
            else Product
        by_code = {}
        for product in found:
            for code in (product.default_code, product.barcode):
                if code and product.active:
                    by_code.setdefault(code, product)
        allowed = found.filtered_domain(self._portal_product_domain()) if found else found
        accepted, rejected = [], []
        for row in rows:
            number, code = row.get("row"), str(row.get("code") or "").strip()
            product = by_code.get(code)
            if not code:
                rejected.append((number, code, _("No product code.")))
            elif len(code) > MAX_CODE_LENGTH:  # refused without echoing it whole
                rejected.append((number, code[:20] + "…", _(
                    "A product code has at most %(max)s characters.", max=MAX_CODE_LENGTH,
                )))
            elif not product:
                rejected.append((number, code, _("Unknown product code.")))
            elif product not in allowed:
                rejected.append((number, code, _("Not sold to your store.")))
            else:
                quantity, why = self._portal_parse_quantity(row.get("quantity"), product)
                if why:
                    rejected.append((number, code, why))
                else:
                    accepted.append((number, product, quantity))
        return accepted, rejected

    @api.model
    def _portal_parse_quantity(self, value, product):
        """(quantity, None) or (None, why)."""
        if isinstance(value, bool) or value in (None, ""):
            return None, _("No quantity.")
        try:
            quantity = float(str(value).strip().replace(",", ""))
        except ValueError:
            return None, _("The quantity %(value)s is not a number.", value=value)
        if quantity != quantity or quantity <= 0:  # NaN or not positive
            return None, _("The quantity must be more than zero.")
        if quantity > MAX_LINE_QUANTITY:
            return None, _("At most %(max)s per line.", max=MAX_LINE_QUANTITY)
        why = self.env["sale.order.line"]._channel_quantity_problem(product, quantity)
        if why:
            return None, why
        return quantity, None

    def _portal_add_to_cart(self, lines):
        """Add [(product, quantity)] to the cart (checked by _portal_check_rows)
        and price it with the store's promotions."""
        self.ensure_one()
        if not lines:
            raise UserError(_("Nothing to add to the cart."))
        cart = self._portal_cart(create=True)
        existing = {line.product_id: line for line in cart.order_line if not line.reward_id and not line.display_type}
        wanted = defaultdict(float)
        for product, quantity in lines:
            wanted[product] += quantity
        commands = []
        for product, quantity in wanted.items():
            line = existing.get(product)
            if line:
                commands.append(Command.update(line.id, {"product_uom_qty": line.product_uom_qty + quantity}))
            else:
                commands.append(Command.create({"product_id": product.id, "product_uom_qty": quantity}))
        cart.write({"order_line": commands})
        cart.channel_apply_promotions()
        return cart

    def _portal_set_quantity(self, line_id, quantity):
        """Change or remove (0) a line of the cart."""
        self.ensure_one()
        cart = self._portal_cart()
        line = cart.order_line.filtered(lambda l: l.id == line_id and not l.reward_id)
        if not line:
            raise UserError(_("This line is not in your cart."))
        if quantity in (0, "0"):
            cart.write({"order_line": [Command.delete(line.id)]})
        else:
            quantity, why = self._portal_parse_quantity(quantity, line.product_id)
            if why:
                raise UserError(why)
            line.product_uom_qty = quantity
        cart.channel_apply_promotions()
        return cart

    def _portal_reorder(self, order):
        """Put what ``order`` (one of the store's) contained in the cart again:
        the goods still sold to the store; the rest is reported."""
        self.ensure_one()
        order = order.sudo()
        if order.partner_id.commercial_partner_id != self.partner_id or order.channel_portal_cart:
            raise UserError(_("This order is not one of yours."))
        rows = [
            {"row": index, "code": line.product_id.default_code or line.product_id.barcode,
             "quantity": line.product_uom_qty}
            for index, line in enumerate(order.order_line.filtered(lambda l: l.product_id and not l.reward_id), 1)
        ]
        accepted, rejected = self._portal_check_rows(rows)
        if accepted:
            self._portal_add_to_cart([(product, quantity) for __, product, quantity in accepted])
        return accepted, rejected

    def _portal_apply_code(self, code):
        """Apply a promotion code (or a coupon's) the store typed to its cart;
        a code that does not apply is refused with Odoo's reason."""
        self.ensure_one()
        code = code.strip() if isinstance(code, str) else ""
        if not code or len(code) > MAX_CODE_LENGTH:
            raise UserError(_("Type the promotion code as it was given to you."))
        cart = self._portal_cart()
        if not cart or not cart.order_line.filtered(lambda l: l.product_id and not l.reward_id):
            raise UserError(_("Your cart is empty."))
        result = cart._try_apply_code(code)
        if "error" in result:
            raise UserError(result["error"])
        before = cart.order_line.reward_id.program_id
        cart.channel_apply_promotions()
        programs = cart.code_enabled_rule_ids.program_id | cart.applied_coupon_ids.program_id
        if not (cart.order_line.reward_id.program_id - before) & programs:
            raise UserError(_("The code %(code)s gives nothing on this cart.", code=code))
        return True

    def _portal_checkout(self, rebate_amount=0.0, promo_code=None):
        """Place the cart: the promotion code and the fund payment asked for,
        then the confirmation the store's credit grade allows. Returns
        (order, confirmed, why, lost): ``lost`` names the promotions the cart
        showed that no longer apply (budget used up, period over), so the
        store is told rather than finding out on its invoice."""
        self.ensure_one()
        if isinstance(rebate_amount, bool) or not isinstance(rebate_amount, (int, float)) \
                or not math.isfinite(rebate_amount) or rebate_amount < 0:
            raise UserError(_(
                "%(amount)s is not a possible amount from your rebate fund: give a positive number such as 12.50.",
                amount=rebate_amount,
            ))
        cart = self._portal_cart()
        if not cart or not cart.order_line.filtered(lambda l: l.product_id and not l.reward_id):
            raise UserError(_("Your cart is empty."))
        shown = cart.order_line.reward_id.program_id
        if promo_code:
            self._portal_apply_code(promo_code)
            shown = cart.order_line.reward_id.program_id
        cart.channel_apply_promotions()
        if rebate_amount:
            account = self.env["channel.fund.account"].sudo()._find(self, cart.company_id, "rebate")
            if not account:
                raise UserError(_("You have no rebate fund with %(seller)s.", seller=cart.company_id.name))
            cart.write({"channel_fund_account_id": account.id, "channel_fund_amount": rebate_amount})
        cart.action_confirm()
        cart.channel_portal_cart = False
        lost = ", ".join((shown - cart.order_line.reward_id.program_id).mapped("name"))
        if cart.state == "sale":
            return cart, True, False, lost
        return cart, False, cart.channel_approval_reason or _("It waits for your distributor's approval."), lost

    # === ACCOUNTS === #
    def _portal_accounts(self):
        self.ensure_one()
        return self.env["channel.fund.account"].sudo().search(
            [("holder_id", "=", self.id)], order="account_type, id"
        )

    def _portal_watchlist(self):
        """The store's rebate policies with what it bought so far and how much
        more it must buy to reach the next tier."""
        self.ensure_one()
        today = fields.Date.context_today(self)
        policies = self.env["channel.rebate.policy"].sudo().search([
            ("company_id", "=", self._portal_seller().id), ("date_from", "<=", today), ("date_to", ">=", today),
        ])
        rows = []
        for policy in policies:
            if self not in policy._scope_members():
                continue
            for row in policy._watchlist(today, within=1.0):
                if row["member"] == self:
                    rows.append(dict(row, policy=policy))
        return rows
