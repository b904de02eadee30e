# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import defaultdict

from odoo import api, models


class StockRule(models.Model):
    _inherit = "stock.rule"

    @api.model
    def _run_buy(self, procurements):
        """A distributor replenishes from its upstream: the upstream is the vendor
        of every product (a vendor line is added the first time a product is
        bought), the order is priced at the level price and, when the company
        says so, confirmed at once, so the upstream's sale order follows and the
        replenishment can ripple up the chain."""
        companies = {procurement.company_id for procurement, __ in procurements}
        Member = self.env["channel.member"]
        upstream_by_company = {
            company: Member._channel_member_of_company(company).supplier_company_id.partner_id for company in companies
        }
        for procurement, _rule in procurements:
            upstream = upstream_by_company[procurement.company_id]
            if upstream and not procurement.values.get("supplierinfo_id") and not procurement.product_id._prepare_sellers(
                False
            ).filtered(lambda seller, company=procurement.company_id: seller.company_id in (company, company.browse())):
                procurement.values["supplierinfo_id"] = procurement.product_id._channel_upstream_seller(
                    procurement.company_id, upstream
                )
        result = super()._run_buy(procurements)
        self._channel_confirm_replenishment(procurements, upstream_by_company)
        return result

    def _channel_confirm_replenishment(self, procurements, upstream_by_company):
        dest_moves = defaultdict(lambda: self.env["stock.move"])
        orderpoints = defaultdict(lambda: self.env["stock.warehouse.orderpoint"])
        groups = defaultdict(lambda: self.env["procurement.group"])
        for procurement, __ in procurements:
            company = procurement.company_id
            if not upstream_by_company[company]:
                continue
            dest_moves[company] |= procurement.values.get("move_dest_ids") or self.env["stock.move"]
            orderpoints[company] |= procurement.values.get("orderpoint_id") or self.env["stock.warehouse.orderpoint"]
            groups[company] |= procurement.values.get("group_id") or self.env["procurement.group"]
        for company in dest_moves.keys() | orderpoints.keys():
            lines = self.env["purchase.order.line"].sudo().search([
                ("company_id", "=", company.id),
                ("partner_id", "=", upstream_by_company[company].id),
                ("state", "in", ("draft", "sent")),
                "|", "|",
                ("move_dest_ids", "in", dest_moves[company].ids),
                ("group_id", "in", groups[company].ids),
                ("orderpoint_id", "in", orderpoints[company].ids),
            ])
            purchases = lines.order_id.with_company(company)
            purchases._channel_prepare_replenishment()
            if company.channel_auto_confirm_replenishment:
                purchases.button_confirm()
