"""The same order sent by two ERP calls at the same moment (a retry after a
timeout, two integration workers): made once. Each call runs in its own
transaction and thread, through Odoo's retry of serialisation failures, as
the server does; the binding's UNIQUE(kind, ref) makes the second one retry,
and the retry finds the order. Committed: references carry a run suffix."""
import threading
import time


def test_same_order_sent_twice_at_once_is_made_once(registry):
    import odoo
    from odoo.service.model import retrying

    run = str(int(time.time() * 1000))[-7:]
    payload = {"ref": f"RACE-{run}", "buyer_code": "S-HZ-001", "confirm": False,
               "lines": [{"default_code": "MX-0001", "quantity": 12}]}
    calls = 4
    barrier = threading.Barrier(calls)
    answers, errors = [], []

    def call():
        try:
            with registry.cursor() as cr:
                env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
                api = env["channel.api"].with_user(env.ref("base.user_admin"))
                barrier.wait()
                answers.append(retrying(lambda: api.import_orders([payload]), env)[0])
        except Exception as error:  # noqa: BLE001 - reported by the assertion below
            errors.append(repr(error))

    threads = [threading.Thread(target=call) for _index in range(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    assert not errors, errors
    assert sorted(answer["status"] for answer in answers) == ["created"] + ["unchanged"] * (calls - 1), answers
    assert len({answer["id"] for answer in answers}) == 1
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        assert env["sale.order"].search_count([("client_order_ref", "=", f"RACE-{run}")]) == 1
        assert env["channel.api.binding"].search_count([("ref", "=", f"RACE-{run}")]) == 1
        calls_logged = env["channel.api.call"].search([("method", "=", "import_orders"), ("create_date", ">=", f"{time.strftime('%Y-%m-%d', time.gmtime())} 00:00:00")], limit=calls)
        assert "failed" not in calls_logged.mapped("outcome")
