"""End to end over XML-RPC, as the brand's ERP does it: a real Odoo server and
the integration user's API key; every call of the channel API, replayed to
show it is idempotent, bad payloads, a user without the rights; the log the
integration admin reads; a large spreadsheet import run by queue_job's
runner inside the server. The server commits, so references carry a run
suffix."""
import base64
import datetime
import io
import time
import xmlrpc.client

import openpyxl
from api_helpers import erp_rpc, fault
from test_e2e_onboarding_xmlrpc import ADMIN_PASSWORD, Rpc

DEMO_PASSWORD = "channel-demo"


def statuses(results):
    return [result["status"] for result in results]


def test_erp_integration_over_xmlrpc(server, registry):
    import odoo

    from conftest import DB

    run = str(int(time.time() * 1000))[-7:]
    started = datetime.datetime.utcnow().replace(microsecond=0) - datetime.timedelta(seconds=1)
    erp = erp_rpc(server, DB, registry, f"e2e.erp{run}")
    admin = Rpc(server, DB, "admin", ADMIN_PASSWORD)

    def count(model, domain):
        """Documents in every tenant (the database's view, not a user's)."""
        with registry.cursor() as cr:
            return odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})[model].search_count(domain)

    def read(model, record_id, fields):
        with registry.cursor() as cr:
            return odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})[model].browse(record_id).read(fields)

    def api(method, *args):
        return erp("channel.api", method, *args)

    # products, level prices, a territory: created, then unchanged when sent again, updated when changed
    products = [{"ref": f"MAT-{run}-{i}", "name": f"E2E 商品 {run}-{i}", "default_code": f"E2E-{run}-{i}",
                 "list_price": 10.0 + i, "level_codes": ["L1", "L2"]} for i in (1, 2)]
    assert statuses(api("upsert_products", products)) == ["created", "created"]
    assert statuses(api("upsert_products", products)) == ["unchanged", "unchanged"]
    products[1]["list_price"] = 15.5
    assert statuses(api("upsert_products", products)) == ["unchanged", "updated"]
    prices = [{"ref": f"PR-{run}-{level}-{i}", "level_code": level, "product_ref": f"MAT-{run}-{i}", "price": price}
              for i in (1, 2) for level, price in (("L1", 4.0), ("L2", 5.0), ("STORE", 7.0))]
    assert statuses(api("upsert_level_prices", prices)) == ["created"] * 6
    assert statuses(api("upsert_level_prices", prices)) == ["unchanged"] * 6
    territory = [{"ref": f"TER-{run}", "code": f"E2E-T{run}", "name": f"E2E 区域 {run}", "type": "zip", "zip_codes": "3109"}]
    assert statuses(api("upsert_territories", territory)) == ["created"]
    assert statuses(api("upsert_territories", territory)) == ["unchanged"]

    # a store onboarded under 杭州文澜, then its phone changed
    store = {"ref": f"KUNNR-{run}", "role": "store", "code": f"E2E-S{run}", "name": f"E2E 门店 {run}",
             "login": f"e2e.s{run}", "password": "e2e-password", "upstream_code": "HD-HZ", "state_code": "浙",
             "territory_code": "CN-ZJ", "phone": "0571-1", "credit_grade": "A"}
    [created] = api("upsert_members", [store])
    assert created["status"] == "created", created
    store.pop("password")
    assert statuses(api("upsert_members", [store])) == ["unchanged"]
    assert statuses(api("upsert_members", [dict(store, phone="0571-2")])) == ["updated"]

    # stock counted at 杭州文澜, an order of the store, a purchase of 杭州文澜 from 华东
    code = f"E2E-{run}-1"
    assert statuses(api("import_stock_counts", [{"member_code": "HD-HZ", "product_code": code, "quantity": 100}])) \
        == ["updated"]
    # the new store has no credit line yet: its order is made and waits for 杭州文澜's approval
    order = {"ref": f"VBELN-{run}", "buyer_ref": f"KUNNR-{run}", "lines": [{"product_ref": f"MAT-{run}-1", "quantity": 6}]}
    [sale] = api("import_orders", [order])
    assert sale["status"] == "created", sale
    assert statuses(api("import_orders", [order])) == ["unchanged"]
    assert count("sale.order", [("client_order_ref", "=", f"VBELN-{run}")]) == 1
    [waiting] = read("sale.order", sale["id"], ["state", "channel_approval_state"])
    assert (waiting["state"], waiting["channel_approval_state"]) == ("draft", "to_approve")
    # a store with its credit line: confirmed; once confirmed, the ERP cannot change it
    regular = {"ref": f"VBELN-{run}-R", "buyer_code": "S-HZ-001", "lines": [{"default_code": code, "quantity": 2}]}
    [confirmed] = api("import_orders", [regular])
    [row] = read("sale.order", confirmed["id"], ["state"])
    assert row["state"] == "sale"
    changed = api("import_orders", [dict(regular, lines=[{"default_code": code, "quantity": 3}])])
    assert "already confirmed" in changed[0]["error"]
    [purchase] = api("import_orders", [{"ref": f"EBELN-{run}", "buyer_code": "HD-HZ",
                                        "lines": [{"default_code": code, "quantity": 10}]}])
    assert purchase["status"] == "created", purchase
    [po] = read("purchase.order", purchase["id"], ["state", "partner_ref"])
    assert po["state"] == "purchase" and po["partner_ref"] == f"EBELN-{run}"

    # the week's sell-out of the store
    week = str(datetime.date.today())
    report = {"store_code": f"E2E-S{run}", "week": week, "lines": [{"product_code": code, "on_hand": 4, "sold": 2}]}
    assert statuses(api("import_sellout", [report])) == ["created"]
    assert statuses(api("import_sellout", [report])) == ["unchanged"]

    # reads: the orders since the run started, page by page; stock, sell-out, funds, rebates
    seen, cursor = [], started.strftime("%Y-%m-%d %H:%M:%S")
    for _page in range(200):
        page = api("read_orders", cursor, 50)
        seen += page["records"]
        cursor = page["next"]
        if not cursor:
            break
    mine = next(record for record in seen if record["ref"] == f"VBELN-{run}")
    assert (mine["seller_code"], mine["buyer_code"], mine["approval"]) == ("HD-HZ", f"E2E-S{run}", "to_approve")
    assert mine["lines"][0]["product_code"] == code and mine["lines"][0]["quantity"] == 6
    assert mine["lines"][0]["price_unit"] == 7.0
    assert any(record["buyer_code"] == "HD-HZ" and record["seller_code"] == "HD" for record in seen), \
        "the upstream's sale order made by the purchase"
    stock = api("read_stock", ["HD-HZ"], [code])["records"]
    assert stock and stock[0]["on_hand"] == 100.0
    sellout = api("read_sellout", week, [f"E2E-S{run}"])["records"]
    assert [(row["product_code"], row["sold"]) for row in sellout] == [(code, 2.0)]
    funds = api("read_fund_balances", ["HD-HZ"])["records"]
    assert {row["type"] for row in funds} >= {"cash"} and all("balance" in row for row in funds)
    assert isinstance(api("read_rebate_statements", "2020-01-01")["records"], list)

    # bad input: per record, or the whole call refused; nothing written
    products_before = admin("product.template", "search_count", [("default_code", "like", f"E2E-{run}")])
    bad = api("upsert_products", [{"ref": f"MAT-{run}-9", "name": 9}, {"ref": f"MAT-{run}-8", "nom": "x"}])
    assert statuses(bad) == ["error", "error"] and "must be a text" in bad[0]["error"]
    assert "At most 500 records" in fault(api, "upsert_products", [{"ref": str(i)} for i in range(501)])
    assert "non-empty list" in fault(api, "import_orders", {"ref": "x"})
    assert "must be a whole number" in fault(api, "read_orders", None, "ten")
    assert admin("product.template", "search_count", [("default_code", "like", f"E2E-{run}")]) == products_before
    # a user without the rights; a wrong key
    dealer = Rpc(server, DB, "hz.manager", DEMO_PASSWORD)
    assert "Only the integration user" in fault(dealer, "channel.api", "upsert_products", [{"ref": "x", "name": "x"}])
    assert "not allowed to access" in (fault(erp, "sale.order", "search_read", []) or "")
    assert not xmlrpc.client.ServerProxy(f"{server}/xmlrpc/2/common").authenticate(
        DB, f"e2e.erp{run}", "not-the-key", {})

    # the integration admin's log: every call, its outcome and duration
    calls = Rpc(server, DB, "brand.manager", DEMO_PASSWORD)(
        "channel.api.call", "search_read", [("user_id", "=", erp.uid)], fields=["method", "outcome", "duration_ms"],
    )
    outcomes = {(call["method"], call["outcome"]) for call in calls}
    assert {("upsert_products", "ok"), ("upsert_products", "refused"),
            ("import_orders", "ok"), ("import_orders", "refused"), ("read_orders", "ok"),
            ("read_orders", "refused")} <= outcomes
    assert all(call["duration_ms"] >= 0 for call in calls)

    # a spreadsheet too large to import at once: queued, run by queue_job's runner in the server
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["Order Reference", "Buyer Code", "Product Code", "Quantity", "Unit Price"])
    for index in range(320):
        sheet.append([f"XL-{run}-{index // 80}", f"E2E-S{run}", code, 1, None])
    data = io.BytesIO()
    workbook.save(data)
    manager = Rpc(server, DB, "brand.manager", DEMO_PASSWORD)
    import_id = manager("channel.import", "create", {
        "kind": "order", "filename": "orders.xlsx", "file": base64.b64encode(data.getvalue()).decode(),
    })
    manager("channel.import", "action_preview", [import_id])
    [record] = manager("channel.import", "read", [import_id], fields=["state", "record_count", "row_count"])
    assert (record["state"], record["record_count"], record["row_count"]) == ("ready", 4, 320)
    manager("channel.import", "action_import", [import_id])
    deadline = time.time() + 180
    while time.time() < deadline:
        [record] = manager("channel.import", "read", [import_id], fields=["state", "progress", "result", "job_state"])
        if record["state"] in ("done", "failed"):
            break
        assert record["state"] == "queued"
        time.sleep(1)
    assert record["state"] == "done", record
    assert record["progress"] == 100.0 and record["job_state"] == "done"
    assert count("sale.order", [("client_order_ref", "like", f"XL-{run}-")]) == 4
