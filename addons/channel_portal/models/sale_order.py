# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import math
from collections import defaultdict

from odoo import Command, _, api, fields, models
from odoo.exceptions import UserError

MAX_LINE_QUANTITY = 100_000
MAX_CODE_LENGTH = 100


class SaleOrder(models.Model):
    """A store's cart is its draft quotation at its distributor, flagged
    ``channel_portal_cart``: filling it, pricing it and placing it are methods
    of the order, as Odoo's ``website_sale`` puts its cart on ``sale.order``.
    What the store may buy and at which price (its catalogue) is read from the
    store's member (``channel.member._portal_products`` and after).

    The portal calls these methods in sudo once it has resolved the store from
    the logged-in user: every argument that comes from a request is checked
    here, and only product codes or ids and quantities are ever taken from it
    (never a price)."""

    _inherit = "sale.order"

    # === FIELDS === #
    channel_portal_cart = fields.Boolean(
        string="Store's Cart", copy=False, index=True,
        help="The quotation a store is filling on the portal; it becomes an order at checkout.",
    )

    # === CART === #
    @api.model
    def _channel_cart_of(self, store, create=False):
        """The open cart of ``store`` (a store member) at its distributor, in
        sudo, or an empty recordset; created when ``create`` is set. Only that
        store's own quotation is ever found."""
        store.ensure_one()
        seller = store._portal_seller()
        Order = self.env["sale.order"].sudo().with_company(seller)
        cart = Order.search([
            ("partner_id", "=", store.partner_id.id), ("company_id", "=", seller.id),
            ("channel_portal_cart", "=", True), ("state", "=", "draft"),
        ], order="id desc", limit=1)
        if not cart and create:
            cart = Order.create({
                "partner_id": store.partner_id.id,
                "company_id": seller.id,
                "channel_portal_cart": True,
                "user_id": False,
                "origin": _("Store portal"),
            })
        return cart

    def _channel_cart_goods(self):
        """The cart's lines of goods (not promotions, not sections)."""
        return self.order_line.filtered(lambda line: line.product_id and not line.reward_id)

    @api.model
    def _channel_cart_check_rows(self, store, rows):
        """Check rows ``[{row, code, quantity}]`` of a quick order, a
        spreadsheet or a reorder for ``store``'s cart: returns (accepted
        ``[(row, product, quantity)]``, rejected ``[(row, code, why)]``);
        nothing is written. A product is accepted when the store's catalogue
        sells it (``channel.member._portal_product_domain``)."""
        store.ensure_one()
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
        allowed = found.filtered_domain(store._portal_product_domain()) if found else found
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
                quantity, why = self._channel_cart_parse_quantity(row.get("quantity"), product)
                if why:
                    rejected.append((number, code, why))
                else:
                    accepted.append((number, product, quantity))
        return accepted, rejected

    @api.model
    def _channel_cart_parse_quantity(self, value, product):
        """A quantity of ``product`` as a store typed it: (quantity, None) or
        (None, why). The unit rules are the order line's
        (``sale.order.line._channel_quantity_problem``)."""
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

    def _channel_cart_add(self, lines):
        """Add ``[(product, quantity)]`` (accepted by ``_channel_cart_check_rows``)
        to this cart and price it with the store's promotions."""
        if not lines:
            raise UserError(_("Nothing to add to the cart."))
        self.ensure_one()
        existing = {line.product_id: line for line in self.order_line if not line.reward_id and not line.display_type}
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
        self.write({"order_line": commands})
        self.channel_apply_promotions()
        return True

    def _channel_cart_set_quantity(self, line_id, quantity):
        """Change or remove (0) the line ``line_id`` of this cart (which may be
        empty: the store has none)."""
        line = self.order_line.filtered(lambda l: l.id == line_id and not l.reward_id)
        if not line:
            raise UserError(_("This line is not in your cart."))
        self.ensure_one()
        if quantity in (0, "0"):
            self.write({"order_line": [Command.delete(line.id)]})
        else:
            quantity, why = self._channel_cart_parse_quantity(quantity, line.product_id)
            if why:
                raise UserError(why)
            line.product_uom_qty = quantity
        self.channel_apply_promotions()
        return True

    def _channel_cart_apply_code(self, code):
        """Apply a promotion code (or a coupon's) the store typed to this cart;
        a code that does not apply is refused with Odoo's reason."""
        code = code.strip() if isinstance(code, str) else ""
        if not code or len(code) > MAX_CODE_LENGTH:
            raise UserError(_("Type the promotion code as it was given to you."))
        if not self._channel_cart_goods():
            raise UserError(_("Your cart is empty."))
        self.ensure_one()
        result = self._try_apply_code(code)
        if "error" in result:
            raise UserError(result["error"])
        before = self.order_line.reward_id.program_id
        self.channel_apply_promotions()
        programs = self.code_enabled_rule_ids.program_id | self.applied_coupon_ids.program_id
        if not (self.order_line.reward_id.program_id - before) & programs:
            raise UserError(_("The code %(code)s gives nothing on this cart.", code=code))
        return True

    def _channel_cart_checkout(self, rebate_amount=0.0, promo_code=None):
        """Place this cart: the promotion code and the payment from the store's
        rebate fund asked for, then the confirmation the store's credit grade
        allows. Returns ``{"confirmed", "why", "lost"}``: ``why`` the order
        waits for approval, ``lost`` names the promotions the cart showed that
        no longer apply (budget used up, period over), so the store is told
        rather than finding out on its invoice."""
        if isinstance(rebate_amount, bool) or not isinstance(rebate_amount, (int, float)) \
                or not math.isfinite(rebate_amount) or rebate_amount < 0:
            raise UserError(_(
                "%(amount)s is not a possible amount from your rebate fund: give a positive number such as 12.50.",
                amount=rebate_amount,
            ))
        if not self._channel_cart_goods():
            raise UserError(_("Your cart is empty."))
        self.ensure_one()
        shown = self.order_line.reward_id.program_id
        if promo_code:
            self._channel_cart_apply_code(promo_code)
            shown = self.order_line.reward_id.program_id
        self.channel_apply_promotions()
        if rebate_amount:
            account = self.env["channel.fund.account"].sudo()._find(
                self.channel_buyer_member_id, self.company_id, "rebate"
            )
            if not account:
                raise UserError(_("You have no rebate fund with %(seller)s.", seller=self.company_id.name))
            self.write({"channel_fund_account_id": account.id, "channel_fund_amount": rebate_amount})
        self.action_confirm()
        self.channel_portal_cart = False
        lost = ", ".join((shown - self.order_line.reward_id.program_id).mapped("name"))
        if self.state == "sale":
            return {"confirmed": True, "why": False, "lost": lost}
        why = self.channel_approval_reason or _("It waits for your distributor's approval.")
        return {"confirmed": False, "why": why, "lost": lost}

    # === REORDER === #
    def _channel_reorder(self, store):
        """Put what this order (one of ``store``'s) contained in the store's
        cart again: the goods still sold to the store; the rest is reported as
        (accepted, rejected), as ``_channel_cart_check_rows`` returns them."""
        self.ensure_one()
        if self.partner_id.commercial_partner_id != store.partner_id or self.channel_portal_cart:
            raise UserError(_("This order is not one of yours."))
        rows = [
            {"row": index, "code": line.product_id.default_code or line.product_id.barcode,
             "quantity": line.product_uom_qty}
            for index, line in enumerate(self.sudo()._channel_cart_goods(), 1)
        ]
        accepted, rejected = self._channel_cart_check_rows(store, rows)
        if accepted:
            cart = self._channel_cart_of(store, create=True)
            cart._channel_cart_add([(product, quantity) for __, product, quantity in accepted])
        return accepted, rejected
