"""Benchmark: paying invoices from fund accounts against plain Odoo payments.

- plain Odoo: registering a customer payment on a posted invoice (the payment
  wizard: payment, journal entry, reconciliation);
- the suite: a fund spend, i.e. the hold an order's confirmation places on the
  account (lock, availability) and its capture when the invoice is posted
  (journal entry, reconciliation, ledger entry), on one hot account and spread
  over many accounts.

Prints spends per second and the ratios. Size: CHANNEL_BENCH_SPENDS (default
30). Everything is rolled back.
"""
import os
import time

from odoo import Command

SPENDS = int(os.environ.get("CHANNEL_BENCH_SPENDS", 30))


def _timed(env, function):
    start = time.perf_counter()
    function()
    env.flush_all()
    return time.perf_counter() - start


def _invoices_and_orders(env, company, partners, product):
    """A draft order and a posted invoice per partner (the invoice is not the
    order's: the benchmark times the payment, not the invoicing)."""
    Sale = env["sale.order"].with_company(company)
    Move = env["account.move"].with_company(company)
    orders = Sale.create([{
        "partner_id": partner.id,
        "order_line": [Command.create({"product_id": product.id, "product_uom_qty": 1, "price_unit": 10.0})],
    } for partner in partners])
    invoices = Move.create([{
        "move_type": "out_invoice",
        "partner_id": partner.id,
        "invoice_line_ids": [Command.create({"product_id": product.id, "quantity": 1, "price_unit": 10.0})],
    } for partner in partners])
    invoices.action_post()
    return orders, invoices


def test_bench_fund_spends(env, bench):
    product = env["product.product"].create({"name": "BENCH 资金商品", "type": "consu", "list_price": 10.0})
    dealer = env["channel.member"].search([("code", "=", "HD-HZ")])
    company = dealer.tenant_company_id
    # in the dealer's books, whose staff the administrator is not
    env = env(su=True, context=dict(env.context, allowed_company_ids=company.ids))
    Member = env["channel.member"]
    store_ids = Member.onboard_stores([{
        "name": f"BENCH 资金门店 {i}", "code": f"BENCH-F{i}", "login": f"bench.f{i}", "upstream_id": dealer.id,
        "territory_code": "CN-ZJ",
    } for i in range(SPENDS)])
    stores = Member.browse(store_ids)
    product = product.with_env(env)
    Account = env["channel.fund.account"]
    hot = Account._get_or_create(stores[0], "cash")
    hot.action_deposit(10.0 * SPENDS)
    many = Account.browse([Account._get_or_create(store, "cash").id for store in stores])
    for account in many:  # the first is the hot one: 10 more for its share of this run
        account.action_deposit(10.0)
    hot_partner = stores[0].partner_id

    plain_orders, plain_invoices = _invoices_and_orders(env, company, [hot_partner] * SPENDS, product)
    hot_orders, hot_invoices = _invoices_and_orders(env, company, [hot_partner] * SPENDS, product)
    many_orders, many_invoices = _invoices_and_orders(env, company, stores.partner_id, product)
    env.flush_all()

    def plain():
        for invoice in plain_invoices:
            env["account.payment.register"].with_context(
                active_model="account.move", active_ids=invoice.ids
            ).create({}).action_create_payments()

    def spends(accounts, orders, invoices):
        def run():
            for account, order, invoice in zip(accounts, orders, invoices):
                hold = account._hold(10.0, order)
                account._capture(hold, invoice)
        return run

    plain_s = _timed(env, plain)
    hot_s = _timed(env, spends([hot] * SPENDS, hot_orders, hot_invoices))
    many_s = _timed(env, spends(many, many_orders, many_invoices))

    # the figures only mean something if the work was done
    assert set(plain_invoices.mapped("payment_state")) <= {"paid", "in_payment"}
    assert set((hot_invoices | many_invoices).mapped("payment_state")) <= {"paid", "in_payment"}
    assert hot.balance == 0.0 and set(many.mapped("balance")) == {0.0}
    env.flush_all()
    env["channel.fund.reconciliation"].invalidate_model()
    assert all(env["channel.fund.reconciliation"].search([("account_id", "in", many.ids)]).mapped("in_balance"))

    bench(f"fund spends, {SPENDS} invoices paid each way:")
    bench(f"  plain Odoo payment registered on an invoice: {SPENDS / plain_s:.1f} per second")
    bench(f"  fund spend (hold + capture), one hot account: {SPENDS / hot_s:.1f} per second"
          f" -> ratio {hot_s / plain_s:.2f} of plain time")
    bench(f"  fund spend, {SPENDS} accounts: {SPENDS / many_s:.1f} per second -> ratio {many_s / plain_s:.2f} of plain time")
