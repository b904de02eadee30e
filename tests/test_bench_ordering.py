"""Benchmark: ordering through the channel against plain Odoo, in one run.

- plain Odoo: a 10-line sale order to an ordinary customer, created and
  confirmed, in the same distributor company, from stock;
- the suite: the same order as a store order at its distributor (level prices,
  guide prices, credit-grade approval), and as an order routed by delivery
  address (territory, stock lookup up the chain, then the same order);
- the full four-level chain: one store order at a level-2 dealer with no stock
  anywhere but at the brand, rippling up (purchase → sale → purchase → sale),
  then shipped down with its lot and invoiced at every level (bills follow).

Prints milliseconds per order and the ratios. Size: CHANNEL_BENCH_ORDERS
(default 20), interleaved. Everything is rolled back.
"""
import os
import time

from odoo import Command

ORDERS = int(os.environ.get("CHANNEL_BENCH_ORDERS", 20))
LINES = 10


def _timed(env, function):
    start = time.perf_counter()
    result = function()
    env.flush_all()
    return result, time.perf_counter() - start


def _network(env):
    Member = env["channel.member"]
    state = env["res.country.state"].create({"name": "BENCH 省", "code": "BENCH-P", "country_id": env.ref("base.cn").id})
    env["res.territory"].create({"name": "BENCH 区域", "code": "BENCH-T", "type": "state", "state_ids": [Command.set(state.ids)]})
    [l1_id] = Member.onboard_distributors([{
        "name": "BENCH 一级", "code": "BENCH-L1", "login": "bench.l1", "email": "bench.l1@example.com",
        "territory_codes": ["BENCH-T"], "credit_grade": "A",
    }])
    [l2_id] = Member.onboard_distributors([{
        "name": "BENCH 二级", "code": "BENCH-L2", "login": "bench.l2", "email": "bench.l2@example.com",
        "upstream_code": "BENCH-L1", "territory_codes": ["BENCH-T"], "credit_grade": "A",
    }])
    [store_id] = Member.onboard_stores([{
        "name": "BENCH 门店", "code": "BENCH-S", "login": "bench.s", "upstream_code": "BENCH-L2",
        "territory_code": "BENCH-T", "credit_grade": "A",
    }])
    l1, l2, store = Member.browse([l1_id, l2_id, store_id])
    for member in (l1, l2, store):
        member.credit_limit = 10**9
    return l1, l2, store, state


def _products(env, count, tracking="none"):
    products = env["product.product"].create([
        {"name": f"BENCH 商品 {tracking} {i}", "is_storable": True, "tracking": tracking, "list_price": 3.0}
        for i in range(count)
    ])
    for xmlid, price in (("pricelist_level_1", 1.5), ("pricelist_level_2", 1.8), ("pricelist_level_store", 2.5)):
        env.ref(f"channel_base.{xmlid}").item_ids = [
            Command.create({"applied_on": "0_product_variant", "product_id": p.id, "fixed_price": price}) for p in products
        ]
    return products


def _stock(env, company):
    return env["stock.warehouse"].search([("company_id", "=", company.id)], limit=1).lot_stock_id


def _order_vals(partner, products):
    return {
        "partner_id": partner.id,
        "order_line": [Command.create({"product_id": p.id, "product_uom_qty": 2}) for p in products],
    }


def _ship(env, sale, lot_name=None):
    for picking in sale.picking_ids.filtered(lambda p: p.state not in ("done", "cancel")):
        picking.action_assign()
        for move in picking.move_ids:
            if lot_name and not move.move_line_ids.lot_id:
                lot = env["stock.lot"].search([("name", "=", lot_name), ("product_id", "=", move.product_id.id)], limit=1)
                move.move_line_ids = [Command.clear(), Command.create({
                    "product_id": move.product_id.id, "lot_id": lot.id, "quantity": move.product_uom_qty,
                    "location_id": move.location_id.id, "location_dest_id": move.location_dest_id.id,
                })]
            else:
                move.quantity = move.product_uom_qty
            move.picked = True
        picking.button_validate()


def test_bench_ordering(env, bench):
    l1, l2, store, state = _network(env)
    company = l2.tenant_company_id
    products = _products(env, LINES)
    for product in products:
        env["stock.quant"]._update_available_quantity(product, _stock(env, company), 10**6)
    walk_in = env["res.partner"].create({"name": "BENCH 散客"})
    consumer = env["res.partner"].create({"name": "BENCH 网店顾客", "state_id": state.id, "country_id": env.ref("base.cn").id})
    dealer = env["res.users"].search([("login", "=", "bench.l2")])
    Sale = env(user=dealer, context=dict(env.context, allowed_company_ids=company.ids))["sale.order"]
    env.flush_all()

    def plain():
        Sale.create(_order_vals(walk_in, products)).action_confirm()

    def store_order():
        Sale.create(_order_vals(store.partner_id, products)).action_confirm()

    def routed():
        order_id = env["sale.order"].channel_route_order({
            "partner_id": consumer.id,
            "lines": [{"product_id": p.id, "quantity": 2} for p in products],
        })
        Sale.browse(order_id).action_confirm()  # the dealer confirms what was routed to it

    plain()  # warm-up: caches, sequences
    store_order()
    routed()
    # interleaved, so that a change in the machine's load weighs on all three alike
    plain_s = store_s = routed_s = 0.0
    for __ in range(ORDERS):
        plain_s += _timed(env, plain)[1]
        store_s += _timed(env, store_order)[1]
        routed_s += _timed(env, routed)[1]
    confirmed = Sale.sudo().search([("partner_id", "in", (walk_in | store.partner_id | consumer).ids), ("state", "=", "sale")])
    assert len(confirmed) == 3 * (ORDERS + 1), "every order was confirmed"
    assert set(Sale.sudo().search([("partner_id", "=", consumer.id)]).mapped("channel_routed_member_id")) == {l2}

    # the full chain: stock only at the brand, one lot, every level invoiced
    brand = env["channel.member"]._brand_member()
    [chain_product] = _products(env, 1, tracking="lot")
    lot = env["stock.lot"].create({"name": "BENCH-LOT", "product_id": chain_product.id, "company_id": brand.tenant_company_id.id})
    env["stock.quant"]._update_available_quantity(chain_product, _stock(env, brand.tenant_company_id), 1000, lot_id=lot)
    env.flush_all()

    def chain():
        order = Sale.create(_order_vals(store.partner_id, chain_product))
        order.action_confirm()
        l2_purchase = order.sudo()._get_purchase_orders()
        l1_sale = l2_purchase.intercompany_sale_order_id
        l1_purchase = l1_sale._get_purchase_orders()
        brand_sale = l1_purchase.intercompany_sale_order_id
        return order, l1_sale, brand_sale

    (order, l1_sale, brand_sale), ripple_s = _timed(env, chain)

    def walk():
        for sale in (brand_sale, l1_sale, order.sudo()):
            _ship(env, sale, "BENCH-LOT")
            invoice = sale._create_invoices()
            invoice.action_post()

    _, walk_s = _timed(env, walk)
    assert order.sudo().picking_ids.filtered(lambda p: p.state == "done")
    bills = env["account.move"].search([("auto_invoice_id", "in", (brand_sale | l1_sale).invoice_ids.ids)])
    assert len(bills) == 2 and set(bills.mapped("state")) == {"posted"}

    per = 1000.0 / ORDERS
    bench(f"ordering, {LINES}-line orders created and confirmed ({ORDERS} each):")
    bench(f"  plain Odoo (ordinary customer): {plain_s * per:.0f} ms")
    bench(f"  store order at its distributor: {store_s * per:.0f} ms -> ratio {store_s / plain_s:.2f}")
    bench(f"  routed by address, then confirmed: {routed_s * per:.0f} ms -> ratio {routed_s / plain_s:.2f}")
    bench("  four-level chain, one store order with no stock below the brand:")
    bench(f"    ripple up (store order, 2 purchases, 2 upstream sales): {ripple_s * 1000:.0f} ms"
          f" ({ripple_s / (plain_s / ORDERS):.1f}x one plain order)")
    bench(f"    down the chain (3 deliveries with lot, 3 receipts, 3 invoices, 2 bills): {walk_s * 1000:.0f} ms")
