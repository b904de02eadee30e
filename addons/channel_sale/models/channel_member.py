# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.tools import float_compare

# OCA account_financial_risk / sale_financial_risk exposure that counts against a
# channel buyer's credit: confirmed orders not invoiced, open and overdue
# receivables (payments not yet matched lower them).
RISK_INCLUDES = (
    "risk_sale_order_include",
    "risk_invoice_open_include",
    "risk_invoice_unpaid_include",
    "risk_account_amount_include",
    "risk_account_amount_unpaid_include",
)


class ChannelMember(models.Model):
    _inherit = "channel.member"

    credit_limit = fields.Float(
        compute="_compute_credit_limit",
        inverse="_inverse_credit_limit",
        string="Credit Limit",
        help="What the upstream lets this member owe (open orders and invoices), in the upstream's "
        "currency: the customer credit limit of its contact in the upstream company.",
    )
    order_auto_confirm_limit = fields.Float(
        string="Auto-Confirm up to (per Order)",
        tracking=True,
        help="Grade B: orders up to this amount confirm by themselves (within the credit limit); "
        "bigger ones wait for approval.",
    )

    @api.depends("partner_id", "supplier_company_id")
    def _compute_credit_limit(self):
        for member in self:
            seller = member.sudo().supplier_company_id
            member.credit_limit = member.partner_id.sudo().with_company(seller).credit_limit if seller else 0.0

    def _inverse_credit_limit(self):
        for member in self:
            seller = member.sudo().supplier_company_id
            if seller:
                # checked sudo: the limit is written in the seller's books, by its own managers only
                member._check_credit_grantor()
                member.partner_id.sudo().with_company(seller).credit_limit = member.credit_limit

    def _channel_credit_fields(self):
        return dict(super()._channel_credit_fields(), credit_limit=0.0, order_auto_confirm_limit=0.0)

    def _channel_credit_exposure(self, company):
        """(exposure, credit limit) of this member toward ``company``, in its currency."""
        self.ensure_one()
        partner = self.partner_id.sudo().with_company(company).with_context(allowed_company_ids=company.ids)
        return partner.risk_total, partner.credit_limit

    # === ONBOARDING === #
    @api.model
    def _onboard_distributor(self, values):
        member = super()._onboard_distributor(values)
        member._configure_intercompany()
        return member

    @api.model
    def _onboard_store(self, values):
        member = super()._onboard_store(values)
        member._configure_credit()
        return member

    def _configure_credit(self):
        """The buyer's exposure counts open orders and receivables (sale_financial_risk)."""
        partners = self.sudo().partner_id
        partners.write(dict.fromkeys(RISK_INCLUDES, True))

    def _configure_intercompany(self):
        """Let each tenant's documents flow with its neighbours' through the OCA
        inter-company addons: a purchase order to the upstream creates the
        upstream's sale order, the upstream's delivery validates the receipt,
        its invoice creates the vendor bill."""
        customers = self.env.ref("stock.stock_location_customers")
        tenants = self.sudo().filtered("tenant_company_id")
        for member in tenants:
            company = member.tenant_company_id
            company.write(member._prepare_intercompany_company_vals())
            seller = member.supplier_company_id
            if seller:
                # The seller ships to the buyer as to any customer: Odoo lets a
                # delivery rule serve its shared inter-company location only for
                # multi-company users, and a distributor's users have one company.
                # The buyer still receives from that transit location, which the
                # OCA picking sync fills with the seller's quantities and lots.
                member.partner_id.with_company(seller).property_stock_customer = customers
                member._configure_replenishment()
        tenants.filtered("supplier_company_id")._configure_credit()

    def _prepare_intercompany_company_vals(self):
        """Inter-company settings of the member's tenant company (extension point).

        The company acts through one of its own users (the first manager, the
        administrator for the brand), so documents created in its books by a
        neighbour are made under its own rights."""
        self.ensure_one()
        company = self.tenant_company_id
        user = self._intercompany_user()
        warehouse = self.env["stock.warehouse"].search([("company_id", "=", company.id)], limit=1)
        return {
            "so_from_po": True,
            "sale_auto_validation": True,
            "intercompany_sale_user_id": user.id,
            "intercompany_invoicing": True,
            "invoice_auto_validation": True,
            "intercompany_invoice_user_id": user.id,
            "warehouse_id": warehouse.id,
            "sync_picking": True,
            "sync_picking_failure_action": "raise",
            # invoicing what a channel buyer was delivered is never blocked by
            # account_financial_risk: see account.move._first_invoice_exception_msg
        }

    def _configure_replenishment(self):
        """A distributor's warehouses deliver from stock and, for what the stock
        cannot cover, buy from the upstream (route "Replenish from Upstream When
        Short": Stock → Customers, take from stock else trigger the buy rule).
        Reordering rules the distributor adds buy from the upstream the same way."""
        self.ensure_one()
        route = self.env.ref("channel_sale.route_replenish_from_upstream").sudo()
        Rule = self.env["stock.rule"].sudo()
        customers = self.env.ref("stock.stock_location_customers")
        warehouses = self.env["stock.warehouse"].sudo().search([("company_id", "=", self.tenant_company_id.id)])
        for warehouse in warehouses:
            if not Rule.search_count([("route_id", "=", route.id), ("warehouse_id", "=", warehouse.id)]):
                Rule.create({
                    "name": f"{warehouse.code}: {warehouse.lot_stock_id.name} → {customers.name} (upstream when short)",
                    "route_id": route.id,
                    "warehouse_id": warehouse.id,
                    "company_id": warehouse.company_id.id,
                    "action": "pull",
                    "procure_method": "mts_else_mto",
                    "location_src_id": warehouse.lot_stock_id.id,
                    "location_dest_id": customers.id,
                    "picking_type_id": warehouse.out_type_id.id,
                })
            warehouse.write({"buy_to_resupply": True, "route_ids": [fields.Command.link(route.id)]})

    def _intercompany_user(self):
        self.ensure_one()
        company = self.tenant_company_id
        if self.role == "brand":
            admin = self.env.ref("base.user_admin")
            if company in admin.company_ids:
                return admin
        manager_group = self.env.ref("channel_base.group_channel_distributor_manager")
        return self.env["res.users"].sudo().search(
            [("company_id", "=", company.id), ("groups_id", "in", manager_group.ids), ("share", "=", False)],
            order="id",
            limit=1,
        )

    # === ROUTING === #
    def _channel_missing_stock(self, lines):
        """Names of the products of ``lines`` ((product, qty) pairs) that this
        member's warehouses cannot cover from free stock."""
        self.ensure_one()
        company = self.tenant_company_id
        warehouses = self.env["stock.warehouse"].sudo().search([("company_id", "=", company.id)])
        products = self.env["product.product"].browse([product.id for product, __ in lines])
        if not warehouses:
            return products.mapped("display_name")
        located = products.sudo().with_company(company).with_context(warehouse_id=warehouses.ids)
        free = {product.id: product.free_qty for product in located}
        return [
            product.display_name
            for product, qty in lines
            if float_compare(free.get(product.id, 0.0), qty, precision_rounding=product.uom_id.rounding) < 0
        ]
