# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Channel Anti-Diversion",
    "summary": "Product codes bound to the distributor they were delivered to; scans outside its "
    "territory, sell-out below the guide price and buying beyond the territory's sell-out open "
    "diversion cases (窜货) the brand works, with credit points and rebate penalties",
    "version": "18.0.1.0.0",
    "category": "Sales/Channel",
    "license": "AGPL-3",
    "author": "Channel Suite",
    "depends": ["channel_stock", "channel_account"],
    "data": [
        "security/ir.model.access.csv",
        "security/channel_diversion_security.xml",
        "data/channel_diversion_data.xml",
        "views/channel_code_views.xml",
        "views/channel_diversion_case_views.xml",
        "wizard/channel_diversion_penalty_views.xml",
        "views/channel_diversion_menus.xml",
    ],
    "installable": True,
}
