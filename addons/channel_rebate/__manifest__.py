# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Channel Rebates",
    "summary": "Rebate policies over the channel network: runs that explain every figure, "
    "settlements that pay earned to date less already settled, into the rebate fund",
    "version": "18.0.1.0.0",
    "category": "Sales/Channel",
    "license": "AGPL-3",
    "author": "Channel Suite",
    "depends": ["channel_account"],
    "data": [
        "security/ir.model.access.csv",
        "security/channel_rebate_security.xml",
        "data/channel_rebate_data.xml",
        "wizard/channel_rebate_watchlist_views.xml",
        "views/channel_rebate_views.xml",
    ],
    "installable": True,
}
