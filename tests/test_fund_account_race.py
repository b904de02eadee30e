"""Two transactions opening the same member's fund account at the same moment.

Each thread has its own cursor (as Odoo's workers do), reads first (its
REPEATABLE READ snapshot then predates the other's commit), waits for the other
at a barrier, then asks for the account through Odoo's own retry of
serialisation failures. Both must end with the one account; before the fix the
second was refused with "This member already has an account of this type…"
(the unique key's refusal is not retried). The accounts are committed: each
round opens the member's rebate fund in a currency it has no fund in yet.
"""
from odoo import SUPERUSER_ID, api

ROUNDS = 3


def _free_currencies(registry, member_id, count):
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {"active_test": False})
        taken = env["channel.fund.account"].search([("holder_id", "=", member_id)]).currency_id
        return (env["res.currency"].search([("id", "not in", taken.ids)], order="id desc") [:count]).ids


def test_two_transactions_opening_one_account_both_get_it(registry, race):
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        member_id = env["channel.member"].search([("code", "=", "S-HZ-001")]).id
    assert member_id
    tally = {"same account": 0, "refused": 0}
    refusals, attempts = [], []
    for currency_id in _free_currencies(registry, member_id, ROUNDS):
        def open_account(env, currency_id=currency_id):
            member = env["channel.member"].browse(member_id)
            return env["channel.fund.account"]._get_or_create(
                member, "rebate", currency=env["res.currency"].browse(currency_id)).id

        outcomes, messages, tried = race([open_account, open_account])
        attempts += tried
        refusals += messages.values()
        if set(outcomes.values()) == {"refused"} or "refused" in outcomes.values():
            tally["refused"] += 1
        else:
            assert len(set(outcomes.values())) == 1, outcomes
            tally["same account"] += 1
        with registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            count = env["channel.fund.account"].search_count([
                ("holder_id", "=", member_id), ("currency_id", "=", currency_id), ("account_type", "=", "rebate"),
            ])
            assert count == 1, f"{count} accounts"
    assert tally == {"same account": ROUNDS, "refused": 0}, (tally, refusals)
    # the race was run: the second of each round retried once with a new snapshot
    assert len(attempts) == 3 * ROUNDS, attempts
