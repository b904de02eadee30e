# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Channel Promotions",
    "summary": "Promotions on Odoo's loyalty engine, targeted at regions, levels, tags or single "
    "members of the channel, within a budget, with the brand's share claimed and settled",
    "version": "18.0.1.0.0",
    "category": "Sales/Channel",
    "license": "AGPL-3",
    "author": "Channel Suite",
    "depends": ["channel_account", "channel_sale", "sale_loyalty"],
    "data": [
        "security/ir.model.access.csv",
        "security/channel_promotion_security.xml",
        "data/channel_promotion_data.xml",
        "views/loyalty_program_views.xml",
        "views/channel_promotion_usage_views.xml",
        "views/channel_promotion_claim_views.xml",
        "views/channel_promotion_menus.xml",
    ],
    "demo": ["demo/channel_promotion_demo.xml"],
    "installable": True,
}
