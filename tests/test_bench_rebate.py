"""Benchmark: a rebate run over a period of at least 1,000,000 invoice lines
and 3,000 members, against the bare SQL aggregation of the same lines.

The members (stores of a demo dealer) are created through the ORM; the invoice
lines are copies of one real posted invoice line, spread over the members by
SQL (creating a million invoices through the ORM would take hours and measure
invoicing, not the run). The run (scope, grouped aggregation, tiers, one
statement per member) and the bare `SELECT … GROUP BY partner_id` over the same
lines are timed in the same transaction; the ratio is the figure. Sizes:
CHANNEL_BENCH_REBATE_LINES (default 1,000,000), CHANNEL_BENCH_REBATE_MEMBERS
(default 3,000). Everything is rolled back.
"""
import os
import time

from odoo import Command

LINES = int(os.environ.get("CHANNEL_BENCH_REBATE_LINES", 1_000_000))
MEMBERS = int(os.environ.get("CHANNEL_BENCH_REBATE_MEMBERS", 3_000))


def _members(env, dealer):
    level = env.ref("channel_base.channel_level_store")
    partners = env["res.partner"].create([
        {"name": f"BENCH 返利门店 {i}", "is_company": True} for i in range(MEMBERS)
    ])
    return env["channel.member"].create([{
        "code": f"BENCH-R{i}", "role": "store", "level_id": level.id, "upstream_id": dealer.id,
        "partner_id": partner.id,
    } for i, partner in enumerate(partners)])


def _spread_lines(env, template_line, partner_ids):
    """Copy ``template_line`` LINES times over ``partner_ids``, in SQL."""
    cr = env.cr
    cr.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_name = 'account_move_line' AND column_name != 'id'"
    )
    columns = [row[0] for row in cr.fetchall()]
    select = ", ".join(
        "(%(partners)s)[g %% %(count)s + 1]" if column == "partner_id" else f't."{column}"' for column in columns
    )
    cr.execute(
        f"""INSERT INTO account_move_line ({", ".join(f'"{c}"' for c in columns)})
            SELECT {select} FROM account_move_line t, generate_series(1, %(lines)s) g WHERE t.id = %(template)s""",
        {"partners": partner_ids, "count": len(partner_ids), "lines": LINES - 1, "template": template_line.id},
    )
    cr.execute("ANALYZE account_move_line")


def test_bench_rebate_run(env, bench):
    product = env["product.product"].create({"name": "BENCH 返利商品", "list_price": 10.0})
    dealer = env["channel.member"].search([("code", "=", "HD-HZ")])
    company = dealer.tenant_company_id
    env = env(su=True, context=dict(env.context, allowed_company_ids=company.ids))
    members = _members(env, dealer.with_env(env))
    product = product.with_env(env)
    invoice = env["account.move"].create({
        "move_type": "out_invoice", "partner_id": members[0].partner_id.id, "invoice_date": "2026-10-15",
        "invoice_line_ids": [Command.create({
            "product_id": product.id, "quantity": 10, "price_unit": 10.0, "tax_ids": [Command.clear()],
        })],
    })
    invoice.action_post()
    template = invoice.invoice_line_ids
    env.flush_all()
    _spread_lines(env, template, members.partner_id.ids)
    env.invalidate_all()

    policy = env["channel.rebate.policy"].create({
        "name": "BENCH 四季度门店返利", "company_id": company.id,
        "level_ids": [Command.set(env.ref("channel_base.channel_level_store").ids)],
        "date_from": "2026-10-01", "date_to": "2026-12-31",
        "tier_ids": [
            Command.create({"threshold_from": 0, "threshold_to": 3000, "rate": 1}),
            Command.create({"threshold_from": 3000, "rate": 2}),
        ],
    })
    run = env["channel.rebate.run"].create({"policy_id": policy.id, "date_to": "2026-12-31"})
    env.flush_all()

    start = time.perf_counter()
    env.cr.execute("""
        SELECT l.partner_id, SUM(l.balance), SUM(l.quantity)
          FROM account_move_line l JOIN account_move m ON m.id = l.move_id
         WHERE l.company_id = %s AND l.parent_state = 'posted' AND l.display_type = 'product'
           AND m.move_type = 'out_invoice' AND l.date BETWEEN '2026-10-01' AND '2026-12-31'
           AND l.partner_id = ANY(%s)
         GROUP BY l.partner_id
    """, [company.id, members.partner_id.ids])
    sql_rows = env.cr.fetchall()
    sql_s = time.perf_counter() - start

    start = time.perf_counter()
    run.action_compute()
    env.flush_all()
    run_s = time.perf_counter() - start

    # the figures only mean something if the work was done, and both agree
    env.cr.execute(
        "SELECT COUNT(*) FROM account_move_line WHERE move_id = %s AND display_type = 'product'", [invoice.id]
    )
    lines_in_period = env.cr.fetchone()[0]
    assert lines_in_period >= LINES
    assert len(sql_rows) == MEMBERS
    by_partner = {partner_id: -balance for partner_id, balance, __ in sql_rows}
    statements = run.line_ids.filtered(lambda line: line.member_id in members)
    assert len(statements) == MEMBERS
    assert all(abs(line.base_amount - by_partner[line.member_id.partner_id.id]) < 0.01 for line in statements)

    bench(f"rebate run, {lines_in_period:,} invoice lines over {MEMBERS:,} members:")
    bench(f"  bare SQL aggregation: {sql_s:.2f} s")
    bench(f"  run (scope, grouped aggregation, tiers, {len(run.line_ids):,} statements): {run_s:.2f} s"
          f" -> ratio {run_s / sql_s:.2f}")
