"""Benchmark: pricing an order against channel promotions, against plain Odoo.

A 20-line store order at its distributor priced against 50 active promotions
(each a discount on one of the products, targeted at the store through its
region, territory, level, tags or by name, with per-store limits), against
plain Odoo loyalty with the same 50 programs untargeted, in one run. Pricing
is Odoo's own: refresh the programs, then apply every reward the order can
claim. Prints milliseconds per pricing and the ratio; CHANNEL_BENCH_PRICINGS
(default 3) each, interleaved. Everything is rolled back.
"""
import os
import time

from odoo import Command, fields

PRICINGS = int(os.environ.get("CHANNEL_BENCH_PRICINGS", 3))
PROGRAMS = 50
LINES = 20


def _programs(env, store, products, company, targeted):
    today = fields.Date.today()
    targets = [
        {"channel_region_ids": [Command.set(store.region_id.ids)]},
        {"channel_territory_ids": [Command.set(store.territory_id.ids)]},
        {"channel_level_ids": [Command.set(store.level_id.ids)]},
        {"channel_tag_ids": [Command.set(store.tag_ids[:1].ids)]},
        {"channel_member_ids": [Command.set(store.ids)], "channel_max_usage_per_store": 5},
    ]
    values = []
    for i in range(PROGRAMS):
        vals = {
            "name": f"BENCH 促销 {i}", "program_type": "promotion", "trigger": "auto", "applies_on": "current",
            # a day either side: the server's date (UTC) and the user's (its time zone) may differ
            "date_from": fields.Date.subtract(today, days=1), "date_to": fields.Date.add(today, days=1),
            "rule_ids": [Command.clear(), Command.create({"minimum_amount": 0, "reward_point_amount": 1})],
            "reward_ids": [Command.clear(), Command.create({
                "reward_type": "discount", "discount": 1 + i % 5, "discount_mode": "percent",
                "discount_applicability": "specific", "required_points": 1,
                "discount_product_ids": [Command.set(products[i % LINES].ids)],
            })],
        }
        if targeted:
            vals.update(channel_publisher_id=env.ref("channel_base.channel_member_brand").id, **targets[i % len(targets)])
        else:
            vals.update(company_id=company.id)
        values.append(vals)
    return env["loyalty.program"].sudo().create(values)


def _price(env, store, products, company):
    order = env["sale.order"].with_company(company).create({
        "partner_id": store.partner_id.id,
        "order_line": [Command.create({"product_id": p.id, "product_uom_qty": 10}) for p in products],
    })
    env.flush_all()
    start = time.perf_counter()
    order._update_programs_and_rewards()
    for coupon, rewards in order._get_claimable_rewards().items():
        order._apply_program_reward(rewards[:1], coupon)
    env.flush_all()
    elapsed = time.perf_counter() - start
    return order, elapsed


def test_bench_promotion_pricing(env, bench):
    store = env["channel.member"].search([("code", "=", "S-HZ-001")])
    company = store.supplier_company_id
    env["loyalty.program"].sudo().search([("program_type", "=", "promotion")]).action_archive()
    # the distributor's own salesman prices the order
    dealer = env["res.users"].search([("login", "=", "hz.manager")])
    dealer_env = env(user=dealer, context=dict(env.context, allowed_company_ids=company.ids))
    products = env["product.product"].create([
        {"name": f"BENCH 促销商品 {i}", "list_price": 2.5, "taxes_id": [Command.clear()]} for i in range(LINES)
    ])
    targeted = _programs(env, store, products, company, targeted=True)
    plain = _programs(env, store, products, company, targeted=False)

    def run(active, idle):
        idle.action_archive()
        active.action_unarchive()
        order, elapsed = _price(dealer_env, store, products, company)
        assert set(order.order_line.reward_id.program_id) == set(active), "every promotion applied"
        return elapsed

    run(targeted, plain)  # warm-up
    run(plain, targeted)
    targeted_s = plain_s = 0.0
    for __ in range(PRICINGS):
        targeted_s += run(targeted, plain)
        plain_s += run(plain, targeted)
    per = 1000 / PRICINGS
    bench(f"promotions, a {LINES}-line store order priced against {PROGRAMS} active promotions ({PRICINGS} each):")
    bench(f"  plain Odoo loyalty, programs untargeted: {plain_s * per:.0f} ms")
    bench(f"  channel promotions, targeted (region, territory, level, tag, member, per-store limit): "
          f"{targeted_s * per:.0f} ms -> ratio {targeted_s / plain_s:.2f}")
