# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).


def post_init_hook(env):
    """Open a credit line for every member whose upstream already grants it a
    credit limit, with the limit in force as its opening entry, so that the
    ledger and the enforced limit agree from the start."""
    Account = env["channel.fund.account"]
    for member in env["channel.member"].search([("supplier_company_id", "!=", False)]):
        limit = member.partner_id.with_company(member.supplier_company_id).credit_limit
        if limit:
            account = Account._get_or_create(member, "credit")
            account.action_set_credit_limit(limit, reason=env._("Credit limit in force when fund accounts were installed"))
