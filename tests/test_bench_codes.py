"""Benchmark: tracing a scanned product code to its distributor among
CHANNEL_BENCH_CODES codes (default 10,000,000).

The codes are inserted by SQL (cases of CHANNEL_BENCH_CODES_PER_CASE units,
default 20, each case and its units bound to one of the demo distributors).
Timed, each the median over CHANNEL_BENCH_TRACES random codes (default 1,000):
the bare index lookup (SQL, code to distributor), the suite's trace
(``channel.code._trace`` and the bound distributor read through the ORM), and a
whole scan (trace, territory check, scan recorded, a case opened or added to
when diverted). The query plan must be an index lookup. Everything is rolled
back.
"""
import os
import random
import statistics
import time

CODES = int(os.environ.get("CHANNEL_BENCH_CODES", 10_000_000))
PER_CASE = int(os.environ.get("CHANNEL_BENCH_CODES_PER_CASE", 20))
TRACES = int(os.environ.get("CHANNEL_BENCH_TRACES", 1_000))


def _median_us(work, codes):
    spent = []
    for code in codes:
        start = time.perf_counter()
        work(code)
        spent.append(time.perf_counter() - start)
    return statistics.median(spent) * 1e6


def test_bench_trace_codes(env, bench):
    cr = env.cr
    distributors = env["channel.member"].search([("role", "=", "distributor")])
    product = env["product.product"].create({"name": "BENCH 防窜货商品", "is_storable": True, "tracking": "lot"})
    store = env["channel.member"].search([("code", "=", "S-GZ-001")])
    env.flush_all()
    cases = CODES // (PER_CASE + 1)
    start = time.perf_counter()
    cr.execute("""
        INSERT INTO channel_code (name, product_id, kind, distributor_id, bound_date)
        SELECT 'BX' || lpad(c::text, 9, '0'), %(product)s, 'case', (%(distributors)s)[c %% %(count)s + 1],
               now() AT TIME ZONE 'UTC'
          FROM generate_series(1, %(cases)s) c
    """, {"product": product.id, "distributors": distributors.ids, "count": len(distributors), "cases": cases})
    cr.execute("""
        INSERT INTO channel_code (name, product_id, kind, parent_id, distributor_id, bound_date)
        SELECT c.name || '-' || lpad(u::text, 4, '0'), c.product_id, 'unit', c.id, c.distributor_id, c.bound_date
          FROM channel_code c, generate_series(1, %(per_case)s) u
         WHERE c.product_id = %(product)s AND c.kind = 'case'
    """, {"per_case": PER_CASE, "product": product.id})
    cr.execute("ANALYZE channel_code")
    load_s = time.perf_counter() - start
    cr.execute("SELECT COUNT(*) FROM channel_code WHERE product_id = %s", [product.id])
    total = cr.fetchone()[0]
    assert total >= CODES * 0.99

    rng = random.Random(8)
    codes = [f"BX{rng.randint(1, cases):09d}-{rng.randint(1, PER_CASE):04d}" for __ in range(TRACES)]
    cr.execute("EXPLAIN SELECT id FROM channel_code WHERE name = %s", [codes[0]])
    plan = " ".join(row[0] for row in cr.fetchall())
    assert "Index" in plan and "Seq Scan" not in plan, plan

    def bare(code):
        cr.execute("SELECT distributor_id FROM channel_code WHERE name = %s", [code])
        assert cr.fetchone()[0]

    Code = env["channel.code"].sudo()

    def trace(code):
        Code.invalidate_model()
        assert Code._trace(code).distributor_id

    Scan = env["channel.code.scan"]

    def scan(code):
        Code.invalidate_model()
        assert Scan.scan_code(code, store_code=store.code)["result"] in ("ok", "diverted")

    bare_us = _median_us(bare, codes)
    trace_us = _median_us(trace, codes)
    scan_us = _median_us(scan, codes[:200])

    bench(f"anti-diversion, {total:,} product codes ({cases:,} cases of {PER_CASE}, "
          f"loaded by SQL in {load_s:.0f} s), median of {TRACES:,} random codes:")
    bench(f"  bare index lookup (SQL, code to distributor): {bare_us:.0f} µs")
    bench(f"  trace (channel.code._trace, distributor read): {trace_us:.0f} µs -> ratio {trace_us / bare_us:.2f}")
    bench(f"  whole scan (trace, territory check, scan recorded, case opened or added to): {scan_us / 1000:.1f} ms")
