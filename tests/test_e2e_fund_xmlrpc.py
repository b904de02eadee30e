"""Money moved over XML-RPC, as an ERP or a finance tool does it against a real
server: the call answers (no Fault after a commit), and sent again with the
same client reference — a retry after a timeout or a Fault — it answers the
first answer and the fund moves once. Also: the same reference from two
connections at the same moment acts once. The server commits, so references
carry a run suffix."""
import threading
import time
import xmlrpc.client

from api_helpers import fault
from test_e2e_onboarding_xmlrpc import ADMIN_PASSWORD, Rpc


def _rebate_fund(registry, member_code):
    """The member's rebate fund (made if need be, committed) and its issuer (the brand for
    华东 HD, a level-1 distributor: the administrator keeps its books)."""
    import odoo

    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        member = env["channel.member"].search([("code", "=", member_code)])
        account = env["channel.fund.account"]._get_or_create(member, "rebate")
        return account.id, account.company_id.id


def _ledger(registry, account_id):
    """(balance, entries, journal items on the fund's GL account) as the database has them."""
    import odoo

    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        account = env["channel.fund.account"].browse(account_id)
        lines = env["account.move.line"].search_count([("account_id", "=", account.gl_account_id.id),
                                                       ("partner_id", "=", account.partner_id.id)])
        return account.balance, len(account.entry_ids), lines


def test_a_rebate_credited_over_xmlrpc_answers_and_a_replay_moves_money_once(server, registry):
    from conftest import DB

    run = str(int(time.time() * 1000))[-7:]
    admin = Rpc(server, DB, "admin", ADMIN_PASSWORD)
    account_id, issuer_id = _rebate_fund(registry, "HD")
    context = {"allowed_company_ids": [issuer_id]}
    balance, entries, lines = _ledger(registry, account_id)

    # without a reference: an answer (the entry's id), not a Fault after the commit
    entry_id = admin("channel.fund.account", "action_credit_rebate", [account_id], 1.0, context=context)
    assert isinstance(entry_id, int)
    assert _ledger(registry, account_id) == (balance + 1.0, entries + 1, lines + 1)

    # with a reference: once, whatever the number of replays
    ref = f"ERP-REB-{run}"
    first = admin("channel.fund.account", "action_credit_rebate", [account_id], 1.0,
                  description=f"返利 {run}", client_ref=ref, context=context)
    for _replay in range(3):
        assert admin("channel.fund.account", "action_credit_rebate", [account_id], 1.0,
                     description=f"返利 {run}", client_ref=ref, context=context) == first
    assert first != entry_id
    assert _ledger(registry, account_id) == (balance + 2.0, entries + 2, lines + 2)

    # the same reference for other figures: a Fault that says why, nothing moved
    message = fault(lambda: admin("channel.fund.account", "action_credit_rebate", [account_id], 1000.0,
                                  description=f"返利 {run}", client_ref=ref, context=context))
    assert "already used for another operation" in message, message
    assert _ledger(registry, account_id) == (balance + 2.0, entries + 2, lines + 2)


def test_one_reference_sent_from_four_connections_at_once_acts_once(server, registry):
    """Four XML-RPC clients, one reference, released together: one credit, and
    every client gets the same answer (the others wait for the first and, when
    it commits, Odoo's retry of the serialisation failure finds its answer)."""
    from conftest import DB

    run = str(int(time.time() * 1000))[-7:]
    account_id, issuer_id = _rebate_fund(registry, "HD")
    balance, entries, lines = _ledger(registry, account_id)
    clients = [Rpc(server, DB, "admin", ADMIN_PASSWORD) for _index in range(4)]
    barrier = threading.Barrier(len(clients))
    answers, faults = [], []

    def call(client):
        # a connection of its own: xmlrpc.client's proxies are not thread-safe
        proxy = xmlrpc.client.ServerProxy(f"{server}/xmlrpc/2/object", allow_none=True)
        barrier.wait()
        try:
            answers.append(proxy.execute_kw(DB, client.uid, ADMIN_PASSWORD, "channel.fund.account",
                                            "action_credit_rebate", [[account_id], 5.0],
                                            {"client_ref": f"ERP-RACE-{run}",
                                             "context": {"allowed_company_ids": [issuer_id]}}))
        except xmlrpc.client.Fault as error:
            faults.append(error.faultString[-300:])

    threads = [threading.Thread(target=call, args=(client,)) for client in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    assert not faults, faults
    assert len(answers) == 4 and len(set(answers)) == 1, answers
    assert _ledger(registry, account_id) == (balance + 5.0, entries + 1, lines + 1)
