# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Channel Reports",
    "summary": "Dashboards of the whole channel in SQL views: sales by region and level with rankings, SKU "
    "sell-through and distribution, inventory health, rebate liabilities, promotions, funds, diversion; "
    "an overview screen for the brand, each distributor limited to its branch",
    "version": "18.0.1.0.0",
    "category": "Sales/Channel",
    "license": "AGPL-3",
    "author": "Channel Suite",
    "depends": ["channel_diversion", "channel_rebate", "channel_promotion", "channel_sale_account"],
    "data": [
        "security/ir.model.access.csv",
        "security/channel_report_security.xml",
        "data/channel_report_data.xml",
        "views/channel_report_sale_views.xml",
        "views/channel_report_ranking_views.xml",
        "views/channel_report_sku_views.xml",
        "views/channel_report_rebate_views.xml",
        "views/channel_report_promotion_views.xml",
        "views/channel_report_fund_views.xml",
        "views/channel_report_diversion_views.xml",
        "views/channel_report_overview_views.xml",
        "views/channel_report_menus.xml",
    ],
    "assets": {
        "web.assets_backend": [
            "channel_report/static/src/overview/*",
        ],
        "web.assets_tests": [
            "channel_report/static/tests/tours/*",
        ],
    },
    "installable": True,
}
