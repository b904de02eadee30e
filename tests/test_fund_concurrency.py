"""Concurrent spending on one fund account, against the real PostgreSQL.

Many transactions (threads, each with its own cursor, as Odoo's workers do)
confirm orders paid from the same cash account at the same moment, through
Odoo's own retry of serialisation failures. Whatever the interleaving: the
account is never overdrawn, every confirmed order holds its amount exactly once,
every refused one leaves no trace. The data is committed (the test database is
dropped by the test command); codes carry a run suffix.
"""
import time

from odoo import SUPERUSER_ID, api

WORKERS = 8
DEPOSIT = 100.0
SPEND = 30.0


def _setup(registry):
    run = str(int(time.time() * 1000))[-7:]
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        Member = env["channel.member"]
        dealer = Member.search([("code", "=", "HD-HZ")])
        [store_id] = Member.onboard_stores([{
            "name": f"并发测试门店 {run}", "code": f"CONC-{run}", "login": f"conc.{run}", "upstream_id": dealer.id,
            "territory_code": "CN-ZJ", "credit_grade": "A",
        }])
        store = Member.browse(store_id)
        store.credit_limit = 10**9
        account = env["channel.fund.account"]._get_or_create(store, "cash")
        account.action_deposit(DEPOSIT)
        product = env["product.product"].create({"name": f"并发测试商品 {run}", "type": "consu", "list_price": SPEND})
        company = dealer.tenant_company_id
        orders = env["sale.order"].with_company(company).create([{
            "partner_id": store.partner_id.id,
            "order_line": [(0, 0, {"product_id": product.id, "product_uom_qty": 1, "price_unit": SPEND})],
            "channel_fund_account_id": account.id,
            "channel_fund_amount": SPEND,
        } for __ in range(WORKERS)])
        cr.commit()
        return account.id, orders.ids


def test_concurrent_spends_never_overdraw(registry, confirm_concurrently):
    account_id, order_ids = _setup(registry)
    outcomes = confirm_concurrently(order_ids)

    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        account = env["channel.fund.account"].browse(account_id)
        orders = env["sale.order"].browse(order_ids)
        confirmed = orders.filtered(lambda order: outcomes[order.id] == "confirmed")
        failed = orders - confirmed
        assert confirmed, outcomes
        assert len(confirmed) <= int(DEPOSIT // SPEND), outcomes
        assert account.balance == DEPOSIT
        assert account.available >= 0
        assert account.hold_amount == SPEND * len(confirmed)
        holds = env["channel.fund.hold"].search([("account_id", "=", account_id)])
        assert sorted(holds.order_id.ids) == sorted(confirmed.ids), "one hold per confirmed order, none more"
        assert set(confirmed.mapped("state")) == {"sale"}
        assert set(failed.mapped("state")) == {"draft"}, "a refused order leaves no trace"
        assert not failed.channel_fund_hold_ids
        # the refusals are the account's limit, not lost updates
        if len(confirmed) < int(DEPOSIT // SPEND):
            assert "conflict" in outcomes.values(), outcomes
