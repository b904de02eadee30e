"""Benchmark: the inventory health report over at least 3,000 members, against
the bare SQL aggregate of the same stock and sell-out in the same run.

The members are stores of a demo dealer created through the ORM; their weekly
reports (CHANNEL_BENCH_STOCK_WEEKS weeks, default 8, of CHANNEL_BENCH_STOCK_PRODUCTS
products, default 20) are inserted by SQL. Timed, each the median of three:
the bare aggregate (each member's latest stock on hand and its sell-out in the
window, per product), the report as the pivot reads it (grouped by region and
level), and the report's every row with every metric (what the list and the
replenishment read). Sizes: CHANNEL_BENCH_STOCK_MEMBERS (default 3,000).
Everything is rolled back.
"""
import os
import statistics
import time

MEMBERS = int(os.environ.get("CHANNEL_BENCH_STOCK_MEMBERS", 3_000))
PRODUCTS = int(os.environ.get("CHANNEL_BENCH_STOCK_PRODUCTS", 20))
WEEKS = int(os.environ.get("CHANNEL_BENCH_STOCK_WEEKS", 8))


def _median(work, times=3):
    spent = []
    for __ in range(times):
        start = time.perf_counter()
        result = work()
        spent.append(time.perf_counter() - start)
    return statistics.median(spent), result


def test_bench_inventory_health(env, bench):
    dealer = env["channel.member"].search([("code", "=", "HD-HZ")])
    level = env.ref("channel_base.channel_level_store")
    partners = env["res.partner"].create([{"name": f"BENCH 库存门店 {i}", "is_company": True} for i in range(MEMBERS)])
    members = env["channel.member"].create([{
        "code": f"BENCH-S{i}", "role": "store", "level_id": level.id, "upstream_id": dealer.id,
        "partner_id": partner.id,
    } for i, partner in enumerate(partners)])
    products = env["product.product"].create([{"name": f"BENCH 库存商品 {i}"} for i in range(PRODUCTS)])
    env.flush_all()
    cr = env.cr
    cr.execute("""
        INSERT INTO channel_sellout_report (member_id, company_id, week, source, reported_by_id)
        SELECT m, %(company)s, date_trunc('week', now())::date - 7 * w, 'api', %(uid)s
          FROM unnest(%(members)s) m, generate_series(0, %(weeks)s - 1) w
    """, {"company": dealer.tenant_company_id.id, "uid": env.uid, "members": members.ids, "weeks": WEEKS})
    cr.execute("""
        INSERT INTO channel_sellout_report_line (report_id, member_id, company_id, week, product_id,
                                                 qty_on_hand, qty_sold)
        SELECT r.id, r.member_id, r.company_id, r.week, p, (r.id + p) %% 50, (r.id * p) %% 13
          FROM channel_sellout_report r, unnest(%(products)s) p
         WHERE r.member_id = ANY(%(members)s)
    """, {"products": products.ids, "members": members.ids})
    lines = cr.rowcount
    cr.execute("ANALYZE channel_sellout_report_line")
    env.invalidate_all()
    Health = env["channel.stock.health"]

    def bare():
        cr.execute("""
            SELECT l.member_id, l.product_id, latest.qty_on_hand,
                   SUM(l.qty_sold) FILTER (WHERE l.week >= ((now() AT TIME ZONE 'UTC') - interval '28 days')::date)
              FROM channel_sellout_report_line l
              JOIN (SELECT DISTINCT ON (member_id, product_id) member_id, product_id, qty_on_hand
                      FROM channel_sellout_report_line ORDER BY member_id, product_id, week DESC) latest
                ON latest.member_id = l.member_id AND latest.product_id = l.product_id
             GROUP BY l.member_id, l.product_id, latest.qty_on_hand
        """)
        return cr.fetchall()

    def pivot():
        Health.invalidate_model()
        return Health._read_group([], ["region_id", "level_id"], ["qty_on_hand:sum", "qty_sold:sum",
                                                                  "days_of_cover:avg"])

    def rows():
        Health.invalidate_model()
        return Health.search_fetch([], ["member_id", "product_id", "qty_on_hand", "qty_sold", "days_of_cover",
                                        "turnover_days", "sell_through", "suggested_qty", "slow_mover"])

    bare_s, bare_rows = _median(bare)
    pivot_s, groups = _median(pivot)
    rows_s, records = _median(rows)

    # the figures only mean something if both read the same
    expected = {(member, product): (on_hand, sold or 0.0) for member, product, on_hand, sold in bare_rows
                if member in set(members.ids)}
    bench_rows = records.filtered(lambda row: row.member_id in members)
    assert len(bench_rows) == MEMBERS * PRODUCTS == len(expected)
    for row in bench_rows[:500]:
        assert (row.qty_on_hand, row.qty_sold) == tuple(map(float, expected[row.member_id.id, row.product_id.id]))
    assert groups

    bench(f"inventory health, {MEMBERS:,} stores x {PRODUCTS} products, {lines:,} report lines "
          f"({len(records):,} report rows with the demo network's):")
    bench(f"  bare SQL aggregate (latest stock, sell-out in the window): {bare_s * 1000:.0f} ms")
    bench(f"  report as the pivot reads it (by region and level): {pivot_s * 1000:.0f} ms"
          f" -> ratio {pivot_s / bare_s:.2f}")
    bench(f"  report, every row and metric: {rows_s * 1000:.0f} ms -> ratio {rows_s / bare_s:.2f}")
