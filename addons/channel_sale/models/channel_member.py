# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models


class ChannelMember(models.Model):
    _inherit = "channel.member"

    @api.model
    def _onboard_distributor(self, values):
        member = super()._onboard_distributor(values)
        member._configure_intercompany()
        return member

    def _configure_intercompany(self):
        """Let each tenant's documents flow with its neighbours' through the OCA
        inter-company addons: a purchase order to the upstream creates the
        upstream's sale order, the upstream's delivery validates the receipt,
        its invoice creates the vendor bill."""
        customers = self.env.ref("stock.stock_location_customers")
        for member in self.sudo().filtered("tenant_company_id"):
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
        }

    def _intercompany_user(self):
        self.ensure_one()
        company = self.tenant_company_id
        if self.role == "brand":
            admin = self.env.ref("base.user_admin")
            if company in admin.company_ids:
                return admin
        manager_group = self.env.ref("channel_base.group_channel_distributor_manager")
        return self.env["res.users"].search(
            [("company_id", "=", company.id), ("groups_id", "in", manager_group.ids), ("share", "=", False)],
            order="id",
            limit=1,
        )
