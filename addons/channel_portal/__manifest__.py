# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Channel Store Portal",
    "summary": "A store owner orders from its distributor on a phone: catalogue with its price and "
    "promotions, quick order, spreadsheet upload, reorder, accounts and statements, stock reports",
    "version": "18.0.1.0.0",
    "category": "Sales/Channel",
    "license": "AGPL-3",
    "author": "Channel Suite",
    "depends": ["channel_promotion", "channel_rebate", "channel_stock", "channel_sale_account", "portal"],
    "external_dependencies": {"python": ["xlrd", "openpyxl", "xlsxwriter"]},
    "data": [
        "views/portal_templates.xml",
    ],
    "assets": {
        "web.assets_tests": ["channel_portal/static/tests/tours/*.js"],
    },
    "installable": True,
}
