# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Channel Fund Accounts",
    "summary": "Cash, credit and rebate accounts of every channel member with its upstream, kept "
    "as immutable ledgers backed by journal entries",
    "version": "18.0.1.0.0",
    "category": "Sales/Channel",
    "license": "AGPL-3",
    "author": "Channel Suite",
    "depends": ["channel_base", "account"],
    "data": [
        "security/ir.model.access.csv",
        "security/channel_account_security.xml",
        "wizard/channel_fund_statement_views.xml",
        "views/channel_fund_account_views.xml",
        "views/channel_fund_reconciliation_views.xml",
        "views/channel_member_views.xml",
        "wizard/channel_fund_operation_views.xml",
        "report/channel_fund_statement_report.xml",
        "data/channel_account_data.xml",
        "views/channel_account_menus.xml",
    ],
    "demo": ["demo/channel_account_demo.xml"],
    "post_init_hook": "post_init_hook",
    "installable": True,
}
