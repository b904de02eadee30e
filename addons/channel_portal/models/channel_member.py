# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import defaultdict

from odoo import api, fields, models


class ChannelMember(models.Model):
    """What a store sees on the portal that is read from the store itself:
    its catalogue (the goods its distributor sells it, at its level's price,
    with the promotions that target it: all follow from the member's
    distributor, level, region and territory, so they stay on the member) and
    its fund accounts. What it does with a document lives on that document:
    the cart and the checkout on its draft ``sale.order`` (see
    ``sale_order.py``). The portal calls these methods in sudo after
    resolving the store from the logged-in user."""

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
