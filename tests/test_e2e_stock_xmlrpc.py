"""End to end over XML-RPC on the demo network: a distributor's system reports
its store's stock and sell-out, reads the inventory health of its branch, and
bad or foreign reports are refused with nothing changed. The server commits."""
import datetime
import xmlrpc.client

import pytest
from test_e2e_onboarding_xmlrpc import ADMIN_PASSWORD, Rpc

DEMO_PASSWORD = "channel-demo"


def test_sellout_reports_and_health_over_xmlrpc(server):
    from conftest import DB

    today = datetime.date.today()
    week = str(today - datetime.timedelta(days=today.weekday()))
    admin = Rpc(server, DB, "admin", ADMIN_PASSWORD)
    dealer = Rpc(server, DB, "hz.manager", DEMO_PASSWORD)
    store = Rpc(server, DB, "store.hz01", DEMO_PASSWORD)

    report_id = dealer("channel.sellout.report", "submit", "S-HZ-001", week, [
        {"product_code": "MX-0001", "on_hand": 17, "sold": 23},
        {"product_code": "MX-0002", "on_hand": 0, "sold": 4},
    ])
    [report] = dealer("channel.sellout.report", "read", [report_id], fields=["source", "line_ids"])
    assert report["source"] == "api" and len(report["line_ids"]) == 2
    rows = dealer("channel.stock.health", "search_read",
                  [("member_id.code", "=", "S-HZ-001"), ("product_id.default_code", "in", ["MX-0001", "MX-0002"])],
                  fields=["product_id", "qty_on_hand", "stock_out"], order="product_id")
    by_code = {row["product_id"][1].split("]")[0].strip("["): row for row in rows}
    assert by_code["MX-0001"]["qty_on_hand"] == 17 and not by_code["MX-0001"]["stock_out"]
    assert by_code["MX-0002"]["stock_out"]
    # the store reports for itself
    assert store("channel.sellout.report", "submit", "S-HZ-001", week, [
        {"product_code": "MX-0001", "on_hand": 16, "sold": 24},
    ]) == report_id

    # refused, nothing changed: a bad line, another distributor's store, a store reading the backend report
    lines_before = admin("channel.sellout.report.line", "search_count", [])
    with pytest.raises(xmlrpc.client.Fault, match="no product has the code"):
        dealer("channel.sellout.report", "submit", "S-HZ-001", week, [
            {"product_code": "MX-0001", "on_hand": 1, "sold": 1}, {"product_code": "NOPE", "on_hand": 1, "sold": 1},
        ])
    with pytest.raises(xmlrpc.client.Fault, match="may not report"):
        Rpc(server, DB, "nj.manager", DEMO_PASSWORD)("channel.sellout.report", "submit", "S-HZ-001", week, [
            {"product_code": "MX-0001", "on_hand": 1, "sold": 1},
        ])
    with pytest.raises(xmlrpc.client.Fault):
        store("channel.stock.health", "search_read", [], fields=["qty_on_hand"])
    assert admin("channel.sellout.report.line", "search_count", []) == lines_before
    [line] = admin("channel.sellout.report.line", "search_read",
                   [("report_id", "=", report_id), ("product_id.default_code", "=", "MX-0001")], fields=["qty_on_hand"])
    assert line["qty_on_hand"] == 16

    # a code scanned by the store's system: an unknown code is recorded and said so, never accepted
    outcome = dealer("channel.code.scan", "scan_code", "NOT-A-CODE-0001", "S-HZ-001")
    assert outcome["result"] == "unknown" and "not a code" in outcome["message"]
    [scan] = admin("channel.code.scan", "read", [outcome["scan_id"]], fields=["member_id", "source", "user_id"])
    assert scan["source"] == "api" and scan["member_id"][1].endswith("西湖区晨曦文具店")
    with pytest.raises(xmlrpc.client.Fault, match="may not report"):
        Rpc(server, DB, "nj.manager", DEMO_PASSWORD)("channel.code.scan", "scan_code", "NOT-A-CODE-0002", "S-HZ-001")
