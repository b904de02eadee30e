# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Inter Company Invoices: Odoo 18.0 Compatibility",
    "summary": "OCA inter-company invoicing between a company whose prices include VAT and "
    "one whose prices do not, on an Odoo 18.0 that does not yet give the raw tax totals",
    "version": "18.0.1.0.0",
    "category": "Accounting & Finance",
    "license": "AGPL-3",
    "author": "Channel Suite",
    "depends": ["account_invoice_inter_company"],
    "installable": True,
}
