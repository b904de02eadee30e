# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Channel Stock",
    "summary": "Stock and sell-out at every level of the channel: stores' weekly reports, inventory "
    "health in SQL, safety stock alerts and replenishment suggestions ordered upstream in one click",
    "version": "18.0.1.0.0",
    "category": "Sales/Channel",
    "license": "AGPL-3",
    "author": "Channel Suite",
    "depends": ["channel_sale", "mail"],
    "data": [
        "security/ir.model.access.csv",
        "security/channel_stock_security.xml",
        "data/channel_stock_data.xml",
        "views/channel_sellout_report_views.xml",
        "views/channel_stock_health_views.xml",
        "views/channel_stock_rule_views.xml",
        "wizard/channel_replenish_views.xml",
        "views/channel_stock_menus.xml",
    ],
    "demo": ["demo/channel_stock_demo.xml"],
    "installable": True,
}
