"""Benchmark: orders imported over XML-RPC by the channel API, in batches,
against creating and confirming the same orders with plain ``create`` and
``action_confirm`` calls over XML-RPC, in the same run, on the same server.

Each order is a store's order of 5 lines at 杭州文澜 (HD-HZ) of 5 products the
benchmark sends first through the API (with their level prices and a high
stock count, so that no order ripples upstream). Prints
orders per second both ways and the ratio. Size: CHANNEL_BENCH_API_ORDERS
(default 60), batches of CHANNEL_BENCH_API_BATCH (default 20). The server
commits: references carry a run suffix.
"""
import os
import time

from api_helpers import erp_rpc
from test_e2e_onboarding_xmlrpc import ADMIN_PASSWORD, Rpc

ORDERS = int(os.environ.get("CHANNEL_BENCH_API_ORDERS", 60))
BATCH = int(os.environ.get("CHANNEL_BENCH_API_BATCH", 20))
LINES = 5
STORES = ["S-HZ-001", "S-HZ-003", "S-HZ-006"]  # grade B: small orders confirm by themselves


def statuses_ok(results):
    return all(result["status"] != "error" for result in results)


def test_bench_order_import(server, registry, bench):
    from conftest import DB

    run = str(int(time.time() * 1000))[-7:]
    erp = erp_rpc(server, DB, registry, f"bench.erp{run}")
    # products of the run's own (the server commits: the demo's stock stays as the other tests expect it)
    codes = [f"BENCH-{run}-P{n}" for n in range(LINES)]
    assert statuses_ok(erp("channel.api", "upsert_products", [
        {"ref": code, "name": f"BENCH 商品 {code}", "default_code": code, "list_price": 3.0} for code in codes
    ]))
    assert statuses_ok(erp("channel.api", "upsert_level_prices", [
        {"ref": f"{code}-{level}", "level_code": level, "product_ref": code, "price": price}
        for code in codes for level, price in (("L1", 1.0), ("L2", 1.5), ("STORE", 2.0))
    ]))
    assert statuses_ok(erp("channel.api", "import_stock_counts", [
        {"member_code": "HD-HZ", "product_code": code, "quantity": 100000} for code in codes
    ]))
    admin = Rpc(server, DB, "admin", ADMIN_PASSWORD)
    [company_id] = admin("channel.member", "search_read", [("code", "=", "HD-HZ")], fields=["tenant_company_id"])
    company_id = company_id["tenant_company_id"][0]
    stores = {row["code"]: row["partner_id"][0]
              for row in admin("channel.member", "search_read", [("code", "in", STORES)], fields=["code", "partner_id"])}
    products = {row["default_code"]: row["id"]
                for row in admin("product.product", "search_read", [("default_code", "in", codes)], fields=["default_code"])}

    def payload(index):
        return {"ref": f"BENCH-{run}-{index}", "buyer_code": STORES[index % len(STORES)],
                "lines": [{"default_code": code, "quantity": 1 + (index + n) % 5} for n, code in enumerate(codes)]}

    # warm both paths up (first-call caches of the server)
    erp("channel.api", "import_orders", [payload(-1)])
    # plain Odoo: 杭州文澜's own user creates and confirms each order in its company
    dealer = Rpc(server, DB, "hz.manager", "channel-demo")

    def plain(index):
        order = payload(index)
        order_id = dealer("sale.order", "create", {
            "company_id": company_id, "partner_id": stores[order["buyer_code"]], "client_order_ref": order["ref"],
            "order_line": [(0, 0, {"product_id": products[line["default_code"]], "product_uom_qty": line["quantity"]})
                           for line in order["lines"]],
        })
        dealer("sale.order", "action_confirm", [order_id])

    plain(-2)

    start = time.perf_counter()
    for index in range(ORDERS):
        plain(ORDERS + index)
    plain_seconds = time.perf_counter() - start

    start = time.perf_counter()
    for first in range(0, ORDERS, BATCH):
        results = erp("channel.api", "import_orders", [payload(i) for i in range(first, min(first + BATCH, ORDERS))])
        assert all(result["status"] == "created" for result in results), results
    api_seconds = time.perf_counter() - start

    # sent again: every order found unchanged
    start = time.perf_counter()
    for first in range(0, ORDERS, BATCH):
        results = erp("channel.api", "import_orders", [payload(i) for i in range(first, min(first + BATCH, ORDERS))])
        assert all(result["status"] == "unchanged" for result in results), results
    replay_seconds = time.perf_counter() - start
    assert dealer("sale.order", "search_count", [("client_order_ref", "like", f"BENCH-{run}-")]) == 2 * ORDERS + 2
    assert dealer("sale.order", "search_count", [("client_order_ref", "like", f"BENCH-{run}-"), ("state", "!=", "sale")]) == 0

    plain_rate, api_rate, replay_rate = ORDERS / plain_seconds, ORDERS / api_seconds, ORDERS / replay_seconds
    bench(f"API order import ({ORDERS} orders x {LINES} lines, batches of {BATCH}): "
          f"{api_rate:.1f} orders/s vs plain create+confirm over XML-RPC {plain_rate:.1f} orders/s "
          f"(ratio {api_rate / plain_rate:.2f}); replayed batches (all unchanged) {replay_rate:.0f} orders/s")
