"""Benchmark: the store portal against the plain Odoo portal, on a real server.

Store owners' sessions (grade B stores of the demo, one per client) against a real Odoo server on
the test database: the catalogue page (products with the store's price and its
promotions, searched), and checkout (add a product to the cart, priced with
the store's promotions, then place the order, which confirms it through the
credit rules), against Odoo's own portal page of one of the store's orders, in
the same run. Clients in parallel: CHANNEL_BENCH_CLIENTS (default 2), each
CHANNEL_BENCH_REQUESTS requests (default 15). Prints requests per second and
the median latency. The server commits: the orders stay in the test database.

Each client is a store of another region buying another product: stores of one
distributor buying one product at the same moment reserve the same stock
quants, which Odoo serialises (a conflicting request is retried up to five
times, then fails); that is Odoo's stock reservation, measured here neither for
the suite nor for plain Odoo.
"""
import concurrent.futures
import os
import re
import statistics
import time

import requests

CLIENTS = int(os.environ.get("CHANNEL_BENCH_CLIENTS", 2))
REQUESTS = int(os.environ.get("CHANNEL_BENCH_REQUESTS", 15))
# one store per client (a store's sessions share its cart), each of another
# distributor and region, and the product each one buys: grade B stores of the demo
LOGINS = ["store.hz01", "store.gz01", "store.bj02", "store.nj01"]
PRODUCTS = ["MX-0004", "MX-0005", "MX-0006", "MX-0007"]
PASSWORD = "channel-demo"


def _session(server, login=LOGINS[0]):
    session = requests.Session()
    page = session.get(f"{server}/web/login").text
    token = re.search(r'name="csrf_token" value="(\w+)"', page).group(1)
    response = session.post(f"{server}/web/login", data={
        "login": login, "password": PASSWORD, "csrf_token": token, "redirect": "/my/store",
    })
    assert response.url.endswith("/my/store"), "the store logged in"
    return session, re.search(r'csrf_token: "(\w+)"', response.text).group(1)


def _error(page):
    found = re.search(r'o_channel_error"[^>]*>(.*?)</div>', page, re.S)
    return found.group(1).strip() if found else page[:300]


def _measure(server, work):
    """Run ``work(session, token)`` REQUESTS times in each of CLIENTS sessions;
    (requests per second, median latency in ms)."""
    sessions = [_session(server, LOGINS[index % len(LOGINS)]) for index in range(CLIENTS)]

    def client(index):
        session, token = sessions[index]
        latencies = []
        for __ in range(REQUESTS):
            start = time.perf_counter()
            work(session, token, index % len(LOGINS))
            latencies.append(time.perf_counter() - start)
        return latencies

    start = time.perf_counter()
    with concurrent.futures.ThreadPoolExecutor(CLIENTS) as pool:
        latencies = [value for result in pool.map(client, range(CLIENTS)) for value in result]
    elapsed = time.perf_counter() - start
    return len(latencies) / elapsed, statistics.median(latencies) * 1000


def test_bench_store_portal(server, bench):
    session, token = _session(server)
    # an order of the store for Odoo's own portal page, and a product to buy
    session.post(f"{server}/my/store/quick", data={"code_0": "MX-0003", "quantity_0": "2", "csrf_token": token})
    placed = session.post(f"{server}/my/store/checkout", data={"csrf_token": token})
    assert "o_channel_order_confirmed" in placed.text or "o_channel_order_waiting" in placed.text
    order_url = re.search(r'href="(/my/orders/\d+[^"]*)"', placed.text).group(1).replace("&amp;", "&")

    def plain(session, token, client):
        response = session.get(f"{server}{order_url}")
        assert response.status_code == 200

    def catalogue(session, token, client):
        response = session.get(f"{server}/my/store/catalogue", params={"search": "MX"})
        assert response.status_code == 200 and "o_channel_product" in response.text

    def checkout(session, token, client):
        added = session.post(f"{server}/my/store/cart/add", allow_redirects=False, data={
            "product_id": product_ids[client], "quantity": 1, "csrf_token": token,
        })
        assert added.status_code == 303, _error(added.text)
        done = session.post(f"{server}/my/store/checkout", data={"csrf_token": token})
        assert done.status_code == 200 and "o_channel_order_" in done.text, _error(done.text)

    product_ids = []
    for code in PRODUCTS:
        page = session.get(f"{server}/my/store/catalogue", params={"search": code}).text
        product_ids.append(re.search(r'name="product_id" value="(\d+)"', page).group(1))
    for work in (plain, catalogue):  # warm the server's caches
        work(session, token, 0)

    plain_rps, plain_ms = _measure(server, plain)
    catalogue_rps, catalogue_ms = _measure(server, catalogue)
    checkout_rps, checkout_ms = _measure(server, checkout)
    bench(f"store portal, real server, {CLIENTS} clients x {REQUESTS} requests:")
    bench(f"  plain Odoo portal order page: {plain_rps:.1f} req/s, median {plain_ms:.0f} ms")
    bench(f"  catalogue (search, store prices, promotions): {catalogue_rps:.1f} req/s, median {catalogue_ms:.0f} ms"
          f" -> {plain_rps / catalogue_rps:.2f}x the plain page's time")
    bench(f"  checkout (add to cart with promotions, place and confirm): {checkout_rps:.1f} per second, "
          f"median {checkout_ms:.0f} ms -> {plain_rps / checkout_rps:.2f}x")
