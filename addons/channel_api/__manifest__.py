# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Channel API",
    "summary": "The brand ERP's XML-RPC surface (idempotent upserts of products, level prices, "
    "members, territories and orders keyed by the ERP's references; reads of orders, stock, "
    "sell-out, funds and rebates), a log of its calls, and spreadsheet imports with preview",
    "version": "18.0.1.0.0",
    "category": "Sales/Channel",
    "license": "AGPL-3",
    "author": "Channel Suite",
    "depends": ["channel_diversion", "channel_rebate", "channel_promotion", "queue_job"],
    "external_dependencies": {"python": ["xlrd", "openpyxl", "xlsxwriter"]},
    "data": [
        "security/channel_api_security.xml",
        "security/ir.model.access.csv",
        "security/channel_api_rules.xml",
        "data/channel_api_data.xml",
        "views/channel_api_call_views.xml",
        "views/channel_api_binding_views.xml",
        "views/channel_import_views.xml",
        "views/channel_api_menus.xml",
    ],
    "demo": ["demo/channel_api_demo.xml"],
    "installable": True,
}
