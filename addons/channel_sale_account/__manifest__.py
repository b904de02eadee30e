# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Channel Sale Fund Payments",
    "summary": "Channel orders paid from the buyer's fund accounts along the chain: a confirmed "
    "order holds the money, its invoice captures it, the inter-company vendor bill is settled",
    "version": "18.0.1.0.0",
    "category": "Sales/Channel",
    "license": "AGPL-3",
    "author": "Channel Suite",
    "depends": ["channel_sale", "channel_account"],
    "data": [
        "security/ir.model.access.csv",
        "security/channel_sale_account_security.xml",
        "views/channel_fund_account_views.xml",
        "views/sale_order_views.xml",
        "views/channel_member_views.xml",
        "views/product_template_views.xml",
    ],
    "auto_install": True,
    "installable": True,
}
