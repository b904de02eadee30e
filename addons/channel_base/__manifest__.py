# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Channel Base",
    "summary": "The channel network: brand, distributors on several levels, stores; "
    "territories, one-step onboarding of distributor tenants and stores",
    "version": "18.0.1.0.0",
    "category": "Sales/Channel",
    "license": "AGPL-3",
    "author": "Channel Suite",
    "depends": ["sale_stock", "purchase", "portal", "base_territory"],
    "external_dependencies": {"python": ["xlrd", "openpyxl", "xlsxwriter"]},
    "data": [
        "security/channel_base_groups.xml",
        "security/ir.model.access.csv",
        "security/channel_base_security.xml",
        "data/channel_level_data.xml",
        "data/channel_member_data.xml",
        "views/channel_level_views.xml",
        "views/channel_member_tag_views.xml",
        "views/channel_member_views.xml",
        "views/channel_territory_authorization_views.xml",
        "views/res_territory_views.xml",
        "wizard/channel_onboard_distributor_views.xml",
        "wizard/channel_onboard_store_views.xml",
        "views/channel_menus.xml",
    ],
    "demo": [
        "demo/channel_territory_demo.xml",
        "demo/product_demo.xml",
        "demo/channel_network_demo.xml",
    ],
    "installable": True,
    "application": True,
}
