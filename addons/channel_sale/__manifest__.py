# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Channel Sale",
    "summary": "Orders flow through the channel by themselves: a distributor's purchase "
    "order becomes its upstream's sale order, deliveries and invoices follow",
    "version": "18.0.1.0.2",
    "category": "Sales/Channel",
    "license": "AGPL-3",
    "author": "Channel Suite",
    "depends": [
        "channel_base",
        "purchase_sale_stock_inter_company",
        "sale_financial_risk",
        "account_invoice_inter_company_compat",
    ],
    "data": [
        "security/ir.model.access.csv",
        "security/channel_sale_security.xml",
        "data/channel_sale_data.xml",
        "views/sale_order_views.xml",
        "views/channel_price_deviation_views.xml",
        "wizard/channel_order_reject_views.xml",
        "views/channel_sale_menus.xml",
    ],
    "demo": ["demo/channel_sale_demo.xml"],
    "post_init_hook": "post_init_hook",
    "installable": True,
}
