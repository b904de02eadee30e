"""One client reference sent by several transactions at the same moment (a
retry after a timeout while the first call still runs, two workers of the
ERP): the money moves once. Each call runs in its own thread and cursor,
released together; through Odoo's retry of serialisation failures, as the
server does, every call answers the first answer. Without the retry the
others fail to serialise instead of acting: the race is real and the UNIQUE
reference is what stops it. Committed: references carry a run suffix."""
import threading
import time

from psycopg2 import OperationalError

CALLS = 4


def _race(registry, account_id, ref, retry):
    import odoo
    from odoo.service.model import retrying

    barrier = threading.Barrier(CALLS)
    outcomes = []

    def call():
        with registry.cursor() as cr:
            env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
            account = env["channel.fund.account"].with_user(env.ref("base.user_admin")).browse(account_id)
            account = account.with_context(allowed_company_ids=account.sudo().company_id.ids)
            barrier.wait()
            try:
                act = lambda: account.action_credit_rebate(5.0, client_ref=ref)  # noqa: E731
                outcomes.append(("answer", retrying(act, env) if retry else act()))
                cr.commit()
            except OperationalError as error:
                cr.rollback()
                outcomes.append(("conflict", error.pgcode))

    threads = [threading.Thread(target=call) for _index in range(CALLS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    assert len(outcomes) == CALLS, "every call finished"
    return outcomes


def _fund(registry):
    import odoo

    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        member = env["channel.member"].search([("code", "=", "HD")])
        return env["channel.fund.account"]._get_or_create(member, "rebate").id


def _ledger(registry, account_id):
    import odoo

    with registry.cursor() as cr:
        account = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})["channel.fund.account"].browse(account_id)
        return account.balance, len(account.entry_ids)


def test_one_reference_sent_four_times_at_once_moves_money_once(registry):
    run = str(int(time.time() * 1000))[-7:]
    account_id = _fund(registry)
    balance, entries = _ledger(registry, account_id)
    outcomes = _race(registry, account_id, f"RACE-REB-{run}", retry=True)
    answers = [value for kind, value in outcomes if kind == "answer"]
    assert len(answers) == CALLS and len(set(answers)) == 1, outcomes
    assert _ledger(registry, account_id) == (balance + 5.0, entries + 1)


def test_without_the_retry_the_others_conflict_and_still_do_not_act(registry):
    """The race is real: the calls that lose it fail to serialise (the server
    retries them; here nothing does) — none of them credits a second time."""
    run = str(int(time.time() * 1000))[-7:]
    account_id = _fund(registry)
    balance, entries = _ledger(registry, account_id)
    outcomes = _race(registry, account_id, f"RACE-REB-NR-{run}", retry=False)
    kinds = sorted(kind for kind, _value in outcomes)
    assert kinds.count("answer") >= 1 and "conflict" in kinds, outcomes
    assert all(value == "40001" for kind, value in outcomes if kind == "conflict"), outcomes
    assert _ledger(registry, account_id) == (balance + 5.0, entries + 1)
