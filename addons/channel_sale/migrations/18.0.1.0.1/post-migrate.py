# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    """The channel no longer lets its tenant companies invoice every customer
    over risk: only channel buyers' invoices skip account_financial_risk's check
    (account.move._first_invoice_exception_msg); ordinary customers get OCA's
    wizard again."""
    env = api.Environment(cr, SUPERUSER_ID, {})
    tenants = env["channel.member"].with_context(active_test=False).search(
        [("tenant_company_id", "!=", False)]
    ).tenant_company_id
    tenants.write({"allow_overrisk_invoice_validation": False})
