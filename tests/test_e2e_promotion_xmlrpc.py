"""End to end over XML-RPC on the demo network: a distributor's own system
prices its stores' orders with the channel's promotions and claims the brand's
share, as the backend and the portal do. The brand's demo promotion 华东门店满减
(over 1,000 take 50 off; the brand funds half) reaches a 华东 store and not a
华南 one; the level-2 distributor claims its half, the brand settles it by credit
note. Bad claims get a clear error. The server commits: codes carry a run suffix."""
import math
import time
import xmlrpc.client

import pytest
from test_e2e_onboarding_xmlrpc import ADMIN_PASSWORD, Rpc

DEMO_PASSWORD = "channel-demo"


def _store(admin, grantor, run, code, upstream, territory):
    [store_id] = admin("channel.member", "onboard_stores", [{
        "name": f"E2E 促销门店 {code} {run}", "code": f"E2E-P{code}{run}", "login": f"e2e.p{code.lower()}{run}",
        "password": "e2e-password", "upstream_code": upstream, "territory_code": territory, "credit_grade": "A",
    }])
    # credit is the store's distributor's decision, in its books (issue 16.5)
    grantor("channel.member", "write", [store_id], {"credit_limit": 100000.0})
    [store] = admin("channel.member", "read", [store_id], fields=["partner_id"])
    return store["partner_id"][0]


def _quotation(rpc, partner_id, product_id, amount):
    """A quotation of about ``amount`` untaxed of the product, priced with the promotions."""
    order_id = rpc("sale.order", "create", {
        "partner_id": partner_id, "order_line": [(0, 0, {"product_id": product_id, "product_uom_qty": 1})],
    })
    [line] = rpc("sale.order.line", "search_read", [("order_id", "=", order_id)], fields=["price_unit"])
    rpc("sale.order.line", "write", [line["id"]], {"product_uom_qty": math.ceil(amount / line["price_unit"])})
    assert rpc("sale.order", "channel_apply_promotions", [order_id]) is True
    return order_id


def _rewards(rpc, order_id):
    return rpc("sale.order.line", "search_read", [("order_id", "=", order_id), ("reward_id", "!=", False)],
               fields=["name", "price_total", "reward_id"])


def test_promotions_and_claims_over_xmlrpc(server):
    from conftest import DB

    run = str(int(time.time() * 1000))[-7:]
    admin = Rpc(server, DB, "admin", ADMIN_PASSWORD)
    hangzhou = Rpc(server, DB, "hz.manager", DEMO_PASSWORD)
    guangzhou = Rpc(server, DB, "gz.manager", DEMO_PASSWORD)
    east_partner = _store(admin, hangzhou, run, "E", "HD-HZ", "CN-ZJ")
    south_partner = _store(admin, guangzhou, run, "S", "HN-GZ", "CN-GD")
    [product] = admin("product.product", "search_read", [("default_code", "=", "MX-0005")], fields=["id"])
    [program] = admin("loyalty.program", "search_read", [("name", "like", "华东门店满减")],
                      fields=["id", "channel_brand_share"])
    assert program["channel_brand_share"] == 50.0

    east_order = _quotation(hangzhou, east_partner, product["id"], 1500)
    south_order = _quotation(guangzhou, south_partner, product["id"], 1500)
    [reward] = [line for line in _rewards(hangzhou, east_order) if "1000" in line["name"]]
    assert reward["price_total"] == pytest.approx(-50.0)
    assert not [line for line in _rewards(guangzhou, south_order) if "1000" in line["name"]], "a 华南 store: no"

    hangzhou("sale.order", "action_confirm", [east_order])
    [usage] = hangzhou("channel.promotion.usage", "search_read",
                       [("order_id", "=", east_order), ("program_id", "=", program["id"])],
                       fields=["amount", "brand_share_amount", "state"])
    assert usage["state"] == "active"
    assert usage["brand_share_amount"] == pytest.approx(usage["amount"] / 2, abs=0.01)

    claim_id = hangzhou("channel.promotion.claim", "file_claim", program["id"], [east_order])
    assert hangzhou("channel.promotion.claim", "action_submit", [claim_id]) is True
    for order_ids, message in (([east_order], "already claimed"), ([south_order], "did not use")):
        with pytest.raises(xmlrpc.client.Fault, match=message):
            hangzhou("channel.promotion.claim", "file_claim", program["id"], order_ids)
    with pytest.raises(xmlrpc.client.Fault, match="brand's channel managers"):
        hangzhou("channel.promotion.claim", "action_approve", [claim_id])

    brand = Rpc(server, DB, "brand.manager", DEMO_PASSWORD)
    assert brand("channel.promotion.claim", "action_approve", [claim_id]) is True
    assert brand("channel.promotion.claim", "action_settle", [claim_id]) is True
    [claim] = brand("channel.promotion.claim", "read", [claim_id], fields=["state", "settlement", "credit_note_id", "amount"])
    assert (claim["state"], claim["settlement"]) == ("settled", "credit_note"), "a level-2 distributor"
    [note] = brand("account.move", "read", [claim["credit_note_id"][0]], fields=["move_type", "state", "amount_total"])
    assert (note["move_type"], note["state"]) == ("out_refund", "posted")
    assert note["amount_total"] == pytest.approx(claim["amount"])
