"""Fund-paid store orders that ripple up the chain, confirmed at once, on the
real PostgreSQL.

Twenty transactions (threads, each with its own cursor, as Odoo's workers do)
confirm at the same moment twenty store orders of one level-2 dealer that has
none of the product: each confirmation buys from the level 1, whose sale buys
from the brand, whose sale reserves the brand's stock (seconds of work). Each
order is paid from its store's cash account. Whatever the interleaving:

- an account that covers its orders confirms every one of them: the money is
  held in a short transaction of its own (``channel.fund.account._hold``), so
  the orders do not serialise on the account row for the whole ripple;
- an account that covers only some confirms exactly as many as it covers and
  refuses the others with a message that says why; a refusal holds nothing;
- a confirmation that fails after its money was held (here the dealer may not
  buy the product from its upstream) leaves nothing held;
- no serialisation failure is logged at ERROR.

The data is committed (the test database is dropped by the test command);
codes carry a run suffix.
"""
import logging
import time

import pytest

from odoo import SUPERUSER_ID, Command, api

ORDERS = 20
PRICE = 10.0  # the store price of one unit, no tax
QTY = 3


class _Records(logging.Handler):
    """The log records of a run: serialisation retries and failing statements."""

    def __init__(self):
        super().__init__(logging.DEBUG)
        self.records = []

    def emit(self, record):
        self.records.append(record)

    def errors(self):
        return [r.getMessage()[:300] for r in self.records if r.levelno >= logging.ERROR]

    def retries(self):
        return [r for r in self.records if "try again" in r.getMessage()]


@pytest.fixture
def log_records():
    handler = _Records()
    root = logging.getLogger()
    root.addHandler(handler)
    levels = {name: logging.getLogger(name).level for name in ("odoo.service.model", "odoo.sql_db")}
    logging.getLogger("odoo.service.model").setLevel(logging.INFO)
    yield handler
    root.removeHandler(handler)
    for name, level in levels.items():
        logging.getLogger(name).setLevel(level)


def _setup(registry, stores, deposit, sold_to_level_1_only=False):
    """``stores`` stores of the dealer HD-HZ, each with ``deposit`` in cash,
    and ORDERS orders spread over them, each paid in full from its store's
    cash; the product is in stock at the brand only."""
    run = str(int(time.time() * 1000))[-7:]
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        Member = env["channel.member"]
        dealer = Member.search([("code", "=", "HD-HZ")])
        brand = Member._brand_member()
        store_ids = Member.onboard_stores([{
            "name": f"连锁并发门店 {run}-{i}", "code": f"RCONC-{run}-{i}", "login": f"rconc.{run}.{i}",
            "upstream_id": dealer.id, "territory_code": "CN-ZJ", "credit_grade": "A",
        } for i in range(stores)])
        stores = Member.browse(store_ids)
        for store in stores:
            store.credit_limit = 10**9
        product = env["product.product"].create({
            "name": f"连锁并发商品 {run}", "is_storable": True, "list_price": PRICE, "taxes_id": [Command.clear()],
        })
        if sold_to_level_1_only:
            product.channel_level_ids = [Command.set(brand.search([("code", "=", "HD")]).level_id.ids)]
        for xmlid, price in (("pricelist_level_1", 6.0), ("pricelist_level_2", 8.0), ("pricelist_level_store", PRICE)):
            env.ref(f"channel_base.{xmlid}").item_ids = [
                Command.create({"applied_on": "0_product_variant", "product_id": product.id, "fixed_price": price})
            ]
        brand_stock = env["stock.warehouse"].search([("company_id", "=", brand.tenant_company_id.id)], limit=1)
        env["stock.quant"]._update_available_quantity(product, brand_stock.lot_stock_id, 10 * ORDERS * QTY)
        accounts = env["channel.fund.account"]
        for store in stores:
            account = env["channel.fund.account"]._get_or_create(store, "cash")
            account.action_deposit(deposit)
            accounts |= account
        company = dealer.tenant_company_id
        orders = env["sale.order"]
        for i in range(ORDERS):
            store, account = stores[i % len(stores)], accounts[i % len(stores)]
            orders |= env["sale.order"].with_company(company).create({
                "partner_id": store.partner_id.id,
                "order_line": [Command.create({"product_id": product.id, "product_uom_qty": QTY})],
                "channel_fund_account_id": account.id,
                "channel_fund_amount": PRICE * QTY,
            })
        assert set(orders.mapped("amount_total")) == {PRICE * QTY}, "the store price, no tax"
        cr.commit()
        return accounts.ids, orders.ids


def _check_ledger(env, account_ids, order_ids, outcomes, deposit):
    """Every confirmed order holds its amount once, nothing else is held, no
    account is overdrawn; returns the confirmed orders."""
    orders = env["sale.order"].browse(order_ids)
    confirmed = orders.filtered(lambda order: outcomes[order.id] == "confirmed")
    for account in env["channel.fund.account"].browse(account_ids):
        mine = confirmed.filtered(lambda order, account=account: order.channel_fund_account_id == account)
        assert account.balance == deposit
        assert account.hold_amount == PRICE * QTY * len(mine), (account.name, outcomes)
        assert account.available >= 0, "never overdrawn"
        holds = env["channel.fund.hold"].search([("account_id", "=", account.id)])
        assert sorted(holds.order_id.ids) == sorted(mine.ids), "one hold per confirmed order, none more"
        assert set(holds.mapped("state")) <= {"active"}
    assert set(confirmed.mapped("state")) <= {"sale"}
    for order in orders - confirmed:
        assert order.state == "draft" and not order.channel_fund_hold_ids, "a refusal leaves no trace"
    # each confirmed order rippled: its dealer bought, the level 1 sold and bought, the brand sold
    for order in confirmed:
        l1_sale = order._get_purchase_orders().intercompany_sale_order_id
        assert l1_sale.state == "sale" and l1_sale._get_purchase_orders().intercompany_sale_order_id.state == "sale"
    return confirmed


def _record(bench, case, outcomes, log_records):
    counted = {outcome: list(outcomes.values()).count(outcome) for outcome in ("confirmed", "refused", "conflict")}
    bench(f"fund-paid rippling orders, {case}: {counted}, {len(log_records.retries())} serialisation retries, "
          f"{len(log_records.errors())} ERROR lines")


@pytest.mark.parametrize("stores", [1, 4])
def test_covered_rippling_orders_all_confirm(registry, confirm_concurrently, log_records, bench, stores):
    """One store with twenty orders, or four stores of one dealer with five
    each; each store's cash covers its orders exactly: all twenty confirm,
    the accounts are spent to zero."""
    deposit = PRICE * QTY * ORDERS / stores
    account_ids, order_ids = _setup(registry, stores, deposit)
    messages = {}
    outcomes = confirm_concurrently(order_ids, messages=messages)
    _record(bench, f"{stores} store(s) x {ORDERS // stores} orders, all covered", outcomes, log_records)

    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        confirmed = _check_ledger(env, account_ids, order_ids, outcomes, deposit)
        counted = {outcome: list(outcomes.values()).count(outcome) for outcome in ("confirmed", "refused", "conflict")}
        assert len(confirmed) == ORDERS, (counted, messages, len(log_records.retries()))
        assert all(account.available == 0 for account in env["channel.fund.account"].browse(account_ids))
    assert not log_records.errors(), log_records.errors()[:5]


def test_partly_covered_orders_confirm_what_the_fund_covers(registry, confirm_concurrently, log_records, bench):
    """One store's cash covers 8 of its 20 orders: 8 confirm, 12 are refused
    in words a store owner understands, holding nothing."""
    covered = 8
    deposit = PRICE * QTY * covered
    account_ids, order_ids = _setup(registry, 1, deposit)
    messages = {}
    outcomes = confirm_concurrently(order_ids, messages=messages)
    _record(bench, "1 store x 20 orders, 8 covered", outcomes, log_records)

    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        confirmed = _check_ledger(env, account_ids, order_ids, outcomes, deposit)
        counted = {outcome: list(outcomes.values()).count(outcome) for outcome in ("confirmed", "refused", "conflict")}
        assert counted == {"confirmed": covered, "refused": ORDERS - covered, "conflict": 0}, (counted, messages)
        assert env["channel.fund.account"].browse(account_ids).available == 0
        for order_id in set(order_ids) - set(confirmed.ids):
            assert "which has only" in messages[order_id] and "top it up" in messages[order_id], messages[order_id]
    assert not log_records.errors(), log_records.errors()[:5]


def test_a_confirmation_that_fails_after_its_hold_holds_nothing(registry, confirm_concurrently, log_records, bench):
    """The dealer may not buy the product from its upstream (sold to level 1
    only): each confirmation holds its money, then fails in the ripple. Every
    one is refused, and the fund is left with nothing held."""
    deposit = PRICE * QTY * ORDERS
    account_ids, order_ids = _setup(registry, 2, deposit, sold_to_level_1_only=True)
    messages = {}
    outcomes = confirm_concurrently(order_ids, messages=messages)
    _record(bench, "20 orders failing in the ripple", outcomes, log_records)

    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        assert set(outcomes.values()) == {"refused"}, (outcomes, messages)
        assert all("may not buy this product" in message for message in messages.values()), messages
        _check_ledger(env, account_ids, order_ids, outcomes, deposit)
        for account in env["channel.fund.account"].browse(account_ids):
            assert account.available == deposit, "money is never kept for an order that was not confirmed"
    assert not log_records.errors(), log_records.errors()[:5]


def test_money_deposited_in_the_same_transaction_pays_the_order(registry):
    """A transaction that moves money on the account and then confirms an
    order paid from it (another transaction cannot see that money yet) holds
    under the account's lock, in its own transaction; so does an account the
    transaction itself opened."""
    account_ids, order_ids = _setup(registry, 1, 0.01)
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        account = env["channel.fund.account"].browse(account_ids)
        account.action_deposit(PRICE * QTY)
        order = env["sale.order"].browse(order_ids[0])
        order.action_confirm()
        assert order.state == "sale"
        assert order.channel_fund_hold_ids.mapped("amount") == [PRICE * QTY]
        assert not order.channel_fund_hold_ids.reservation_id, "held under the lock, no reservation"
        store = account.holder_id
        rebate = env["channel.fund.account"]._get_or_create(store, "rebate")
        rebate.sudo().action_credit_rebate(5.0)
        second = env["sale.order"].browse(order_ids[1])
        second.write({"channel_fund_account_id": rebate.id, "channel_fund_amount": 5.0})
        second.action_confirm()
        assert second.state == "sale" and second.channel_fund_hold_ids.amount == 5.0
        cr.commit()
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        account = env["channel.fund.account"].browse(account_ids)
        assert account.available == 0.01 and account.hold_amount == PRICE * QTY
