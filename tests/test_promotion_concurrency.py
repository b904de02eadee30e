"""Concurrent confirmations against one promotion budget, on the real PostgreSQL.

Eight transactions (threads, each with its own cursor, as Odoo's workers do)
confirm at the same moment eight store orders that were all priced with the
same promotion, whose budget covers three of them, through Odoo's own retry of
serialisation failures. Whatever the interleaving: the budget is never
overspent, nor left unused by orders that conflicted on it (it is committed in
short transactions of its own, see ``loyalty.program._channel_commit_budget``), every order confirmed with the discount took it
from the budget
exactly once, the others were confirmed without it (priced again after the
budget ran out) or refused with nothing left behind. The data is committed
(the test database is dropped by the test command); codes carry a run suffix.
"""
import time

from odoo import SUPERUSER_ID, Command, api, fields

WORKERS = 8
DISCOUNT = 25.0  # 10 % of 100 units at 2.50
BUDGET = 75.0  # three orders


def _setup(registry):
    run = str(int(time.time() * 1000))[-7:]
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        Member = env["channel.member"]
        [store_id] = Member.onboard_stores([{
            "name": f"促销并发门店 {run}", "code": f"PCONC-{run}", "login": f"pconc.{run}", "upstream_code": "HD-HZ",
            "territory_code": "CN-ZJ", "credit_grade": "A",
        }])
        store = Member.browse(store_id)
        store.credit_limit = 10**9
        product = env["product.product"].create({
            "name": f"促销并发商品 {run}", "type": "consu", "list_price": 2.5, "taxes_id": [Command.clear()],
        })
        program = env["loyalty.program"].create({
            "name": f"并发预算促销 {run}", "program_type": "promotion", "trigger": "auto", "applies_on": "current",
            "channel_publisher_id": env.ref("channel_base.channel_member_brand").id,
            "channel_member_ids": [Command.set(store.ids)],
            # a day either side: the server's date (UTC) and the user's (its time zone) may differ
            "date_from": fields.Date.subtract(fields.Date.today(), days=1),
            "date_to": fields.Date.add(fields.Date.today(), days=1),
            "channel_budget_amount": BUDGET,
            "rule_ids": [Command.clear(), Command.create({"minimum_amount": 0, "reward_point_amount": 1})],
            "reward_ids": [Command.clear(), Command.create({
                "reward_type": "discount", "discount": 10, "discount_mode": "percent", "required_points": 1,
                "discount_applicability": "specific", "discount_product_ids": [Command.set(product.ids)],
            })],
        })
        orders = env["sale.order"].with_company(store.supplier_company_id).create([{
            "partner_id": store.partner_id.id,
            "order_line": [Command.create({"product_id": product.id, "product_uom_qty": 100, "price_unit": 2.5})],
        } for __ in range(WORKERS)])
        orders.channel_apply_promotions()
        for order in orders:
            assert _discount(order, program) == DISCOUNT
        cr.commit()
        return program.id, orders.ids


def _discount(order, program):
    lines = order.order_line.filtered(lambda line: line.reward_id.program_id == program)
    return round(-sum(lines.mapped("price_subtotal")), 2)


def test_concurrent_confirmations_never_overspend_a_budget(registry, confirm_concurrently):
    program_id, order_ids = _setup(registry)
    outcomes = confirm_concurrently(order_ids)

    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        program = env["loyalty.program"].browse(program_id)
        orders = env["sale.order"].browse(order_ids)
        usages = env["channel.promotion.usage"].search([("program_id", "=", program_id), ("state", "=", "active")])
        confirmed = orders.filtered(lambda order: outcomes[order.id] == "confirmed")
        with_discount = confirmed.filtered(lambda order: _discount(order, program))
        assert sum(usages.mapped("amount")) <= BUDGET, outcomes
        assert usages, outcomes
        assert sorted(usages.order_id.ids) == sorted(with_discount.ids), "one use per discounted order, none more"
        assert all(usage.amount == DISCOUNT for usage in usages)
        # the budget is committed in short transactions of its own: the orders do not
        # conflict on it, so the whole budget goes to the first three
        assert "conflict" not in outcomes.values(), outcomes
        assert len(usages) == int(BUDGET // DISCOUNT), outcomes
        assert program.channel_budget_exhausted
        commitments = env["channel.promotion.commitment"].search([("program_id", "=", program_id)])
        assert sorted(commitments.mapped("order_id")) == sorted(with_discount.ids), "a refusal commits nothing"
        assert set(confirmed.mapped("state")) == {"sale"}
        for order in orders - confirmed:
            assert order.state == "draft" and not order.channel_promotion_usage_ids, "a refusal leaves no trace"
