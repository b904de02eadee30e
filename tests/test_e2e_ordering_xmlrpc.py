"""End to end over XML-RPC on the demo network, as the brand's ERP and a
distributor's own system do it: a level-2 dealer's purchase order becomes its
level-1 distributor's sale order at the level-2 price; the brand's shop routes a
consumer's order by address; bad payloads get a clear error and change nothing.
The server commits, so references carry a run suffix."""
import time
import xmlrpc.client

import pytest
from test_e2e_onboarding_xmlrpc import ADMIN_PASSWORD, Rpc

DEMO_PASSWORD = "channel-demo"


def test_orders_flow_and_route_over_xmlrpc(server):
    from conftest import DB

    run = str(int(time.time() * 1000))[-7:]
    admin = Rpc(server, DB, "admin", ADMIN_PASSWORD)
    dealer = Rpc(server, DB, "hz.manager", DEMO_PASSWORD)
    [product] = admin("product.product", "search_read", [("default_code", "=", "MX-0002")], fields=["id"])
    [level_1] = admin("channel.member", "search_read", [("code", "=", "HD")], fields=["tenant_company_id"])
    [level_1_partner] = admin("res.company", "read", [level_1["tenant_company_id"][0]], fields=["partner_id"])

    # the dealer orders from its level 1: the level 1's sale order follows at the level-2 price
    purchase_id = dealer("purchase.order", "create", {
        "partner_id": level_1_partner["partner_id"][0], "partner_ref": f"HZ-ERP-{run}",
        "order_line": [(0, 0, {"product_id": product["id"], "product_qty": 24})],
    })
    dealer("purchase.order", "button_confirm", [purchase_id])
    [purchase] = dealer("purchase.order", "read", [purchase_id], fields=["state", "amount_total", "order_line"])
    assert purchase["state"] == "purchase"
    [line] = dealer("purchase.order.line", "read", purchase["order_line"], fields=["price_unit"])
    name = dealer("purchase.order", "read", [purchase_id], fields=["name"])[0]["name"]
    level_1_staff = Rpc(server, DB, "hd.manager", DEMO_PASSWORD)
    [sale] = level_1_staff("sale.order", "search_read", [("client_order_ref", "=", name)],
                           fields=["company_id", "amount_total", "state", "order_line"])
    assert sale["company_id"][0] == level_1["tenant_company_id"][0]
    assert sale["state"] == "sale", "grade B, within its per-order amount and credit: confirmed by itself"
    [sale_line] = level_1_staff("sale.order.line", "read", sale["order_line"], fields=["price_unit"])
    assert line["price_unit"] == sale_line["price_unit"] > 0
    assert sale["amount_total"] == purchase["amount_total"]

    # a purchase order to a company that is not its upstream: refused, nothing made
    [brand] = admin("channel.member", "search_read", [("role", "=", "brand")], fields=["partner_id"])
    bad_id = dealer("purchase.order", "create", {
        "partner_id": brand["partner_id"][0],
        "order_line": [(0, 0, {"product_id": product["id"], "product_qty": 1})],
    })
    sales_before = admin("sale.order", "search_count", [])  # the brand's books
    with pytest.raises(xmlrpc.client.Fault, match="in the channel, not from"):
        dealer("purchase.order", "button_confirm", [bad_id])
    assert dealer("purchase.order", "read", [bad_id], fields=["state"])[0]["state"] == "draft"
    assert admin("sale.order", "search_count", []) == sales_before

    # the brand's shop routes a consumer's order by address
    [zhejiang] = admin("res.country.state", "search_read", [("code", "=", "浙"), ("country_id.code", "=", "CN")],
                       fields=["id"])
    consumer_id = admin("res.partner", "create", {"name": f"网店顾客 {run}", "state_id": zhejiang["id"]})
    order_id = admin("sale.order", "channel_route_order", {
        "partner_id": consumer_id, "client_order_ref": f"TMALL-{run}",
        "lines": [{"default_code": "MX-0002", "quantity": 2}],
    })
    [routed] = admin("sale.order", "read", [order_id], fields=["channel_routed_member_id", "channel_routing_log"])
    assert routed["channel_routed_member_id"] and routed["channel_routing_log"]
    with pytest.raises(xmlrpc.client.Fault, match="quantity must be a positive number"):
        admin("sale.order", "channel_route_order", {
            "partner_id": consumer_id, "lines": [{"default_code": "MX-0002", "quantity": -2}],
        })
    with pytest.raises(xmlrpc.client.Fault, match="Only the brand's channel team routes orders"):
        dealer("sale.order", "channel_route_order", {"partner_id": consumer_id, "lines": []})
