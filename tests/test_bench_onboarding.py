"""Benchmark: onboarding distributors and stores, against plain Odoo doing the
same pieces by hand (company + chart of accounts + warehouse + user; contact +
portal user) in the same run. Prints seconds per distributor and per store and
the ratios. Sizes: CHANNEL_BENCH_DISTRIBUTORS (default 4), CHANNEL_BENCH_STORES
(default 100). Everything is rolled back.
"""
import os
import time

from odoo import Command

DISTRIBUTORS = int(os.environ.get("CHANNEL_BENCH_DISTRIBUTORS", 4))
STORES = int(os.environ.get("CHANNEL_BENCH_STORES", 100))


def _timed(env, function):
    """Seconds of ``function``, including the flush of what it left pending."""
    start = time.perf_counter()
    result = function()
    env.flush_all()
    return result, time.perf_counter() - start


def _plain_distributors(env, count):
    """Plain Odoo, by hand: what an administrator does for one distributor."""
    chart = env.company.chart_template
    internal_user = env.ref("base.group_user")
    for index in range(count):
        company = env["res.company"].create({"name": f"BENCH 手工 {index}", "currency_id": env.company.currency_id.id})
        env["account.chart.template"].try_loading(chart, company, install_demo=False)
        if not env["stock.warehouse"].search_count([("company_id", "=", company.id)]):
            env["stock.warehouse"].create({"name": company.name, "code": f"BP{index}", "company_id": company.id})
        env["res.users"].with_context(no_reset_password=True).create({
            "name": company.name, "login": f"bench.plain.{index}", "email": f"bench.plain.{index}@example.com",
            "company_id": company.id,
            "company_ids": [Command.set(company.ids)], "groups_id": [Command.set(internal_user.ids)],
        })


def _plain_stores(env, company, count):
    portal = env.ref("base.group_portal")
    for index in range(count):
        partner = env["res.partner"].create({"name": f"BENCH 手工门店 {index}", "company_id": company.id, "is_company": True})
        env["res.users"].with_context(no_reset_password=True).create({
            "login": f"bench.plain.store.{index}", "partner_id": partner.id, "company_id": company.id,
            "company_ids": [Command.set(company.ids)], "groups_id": [Command.set(portal.ids)],
        })


def test_bench_onboarding(env, bench):
    Member = env["channel.member"]
    env["res.territory"].create({"name": "BENCH 区域", "code": "BENCH-T", "type": "state"})
    env.flush_all()
    companies_before = env["res.company"].search_count([])

    _, plain_d = _timed(env, lambda: _plain_distributors(env, DISTRIBUTORS))
    ids, suite_d = _timed(env, lambda: Member.onboard_distributors([
        {"name": f"BENCH 经销商 {i}", "code": f"BENCH-D{i}", "login": f"bench.d{i}", "state_code": "浙",
         "email": f"bench.d{i}@example.com"}
        for i in range(DISTRIBUTORS)
    ]))
    distributor = Member.browse(ids[0])
    _, plain_s = _timed(env, lambda: _plain_stores(env, distributor.tenant_company_id, STORES))
    store_ids, suite_s = _timed(env, lambda: Member.onboard_stores([
        {"name": f"BENCH 门店 {i}", "code": f"BENCH-S{i}", "login": f"bench.s{i}",
         "upstream_id": distributor.id, "territory_code": "BENCH-T"}
        for i in range(STORES)
    ]))

    # the figures only mean something if the work was done
    assert env["res.company"].search_count([]) == companies_before + 2 * DISTRIBUTORS
    assert len(store_ids) == STORES
    assert all(Member.browse(ids).tenant_company_id.mapped("chart_template"))

    n_companies = env["res.company"].search_count([])
    bench(f"onboarding, {n_companies} companies in the database:")
    bench(f"  distributor: suite {suite_d / DISTRIBUTORS:.2f} s, plain Odoo by hand {plain_d / DISTRIBUTORS:.2f} s"
          f" -> ratio {suite_d / plain_d:.2f}  ({DISTRIBUTORS} each)")
    bench(f"  store:       suite {1000 * suite_s / STORES:.0f} ms, plain Odoo by hand {1000 * plain_s / STORES:.0f} ms"
          f" -> ratio {suite_s / plain_s:.2f}  ({STORES} each)")
