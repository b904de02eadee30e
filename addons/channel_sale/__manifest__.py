# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Channel Sale",
    "summary": "Orders flow through the channel by themselves: a distributor's purchase "
    "order becomes its upstream's sale order, deliveries and invoices follow",
    "version": "18.0.1.0.0",
    "category": "Sales/Channel",
    "license": "LGPL-3",
    "author": "Channel Suite",
    "depends": ["channel_base", "purchase_sale_stock_inter_company"],
    "data": [],
    "post_init_hook": "post_init_hook",
    "installable": True,
}
