"""End to end over XML-RPC, as the brand's ERP does it: a real Odoo server,
the integration user's credentials, onboarding calls, errors, and what each
onboarded user can then see. The server commits, so codes carry a run suffix."""
import time
import xmlrpc.client

import pytest

ADMIN_PASSWORD = "admin"  # set by scripts/create_db.py


class Rpc:
    def __init__(self, url, db, login, password):
        self.db, self.password = db, password
        self.uid = xmlrpc.client.ServerProxy(f"{url}/xmlrpc/2/common").authenticate(db, login, password, {})
        assert self.uid, f"{login} could not log in"
        self.object = xmlrpc.client.ServerProxy(f"{url}/xmlrpc/2/object", allow_none=True)

    def __call__(self, model, method, *args, **kwargs):
        return self.object.execute_kw(self.db, self.uid, self.password, model, method, list(args), kwargs)


def test_erp_onboards_a_branch_over_xmlrpc(server):
    from conftest import DB

    run = str(int(time.time() * 1000))[-7:]
    admin = Rpc(server, DB, "admin", ADMIN_PASSWORD)
    territory_id = admin("res.territory", "create", {"name": f"E2E 区域 {run}", "code": f"E2E-T{run}", "type": "state"})

    [distributor_id] = admin("channel.member", "onboard_distributors", [{
        "name": f"E2E 经销商 {run}", "code": f"E2E-D{run}", "login": f"e2e.d{run}", "password": "e2e-password", "email": f"e2e.d{run}@example.com",
        "territory_codes": [f"E2E-T{run}"], "state_code": "浙", "credit_grade": "B",
    }])
    store_ids = admin("channel.member", "onboard_stores", [
        {"name": f"E2E 门店 {run}-{i}", "code": f"E2E-S{run}-{i}", "login": f"e2e.s{run}.{i}",
         "password": "e2e-password", "upstream_code": f"E2E-D{run}", "territory_id": territory_id}
        for i in range(3)
    ])
    assert len(store_ids) == 3

    [distributor] = admin("channel.member", "read", [distributor_id],
                          fields=["tenant_company_id", "level", "credit_grade", "store_count"])
    assert distributor["tenant_company_id"] and distributor["level"] == 1
    assert distributor["credit_grade"] == "B" and distributor["store_count"] == 3

    # a payload that breaks a rule: a clear error, nothing created
    count = admin("channel.member", "search_count", [])
    with pytest.raises(xmlrpc.client.Fault, match=f"member code E2E-S{run}-0 is already used"):
        admin("channel.member", "onboard_stores", [
            {"name": "重复", "code": f"E2E-S{run}-0", "login": f"e2e.dup{run}", "upstream_code": f"E2E-D{run}",
             "territory_id": territory_id},
            {"name": "新店", "code": f"E2E-S{run}-9", "login": f"e2e.new{run}", "upstream_code": f"E2E-D{run}",
             "territory_id": territory_id},
        ])
    with pytest.raises(xmlrpc.client.Fault, match="unknown field 'price'"):
        admin("channel.member", "onboard_stores", [{"name": "x", "code": "y", "login": "z", "price": 1}])
    assert admin("channel.member", "search_count", []) == count

    # the distributor's first user sees its own branch only, the store itself only
    distributor_rpc = Rpc(server, DB, f"e2e.d{run}", "e2e-password")
    seen = distributor_rpc("channel.member", "search_read", [], fields=["code"])
    assert sorted(r["code"] for r in seen) == sorted([f"E2E-D{run}"] + [f"E2E-S{run}-{i}" for i in range(3)])
    store_rpc = Rpc(server, DB, f"e2e.s{run}.0", "e2e-password")
    assert [r["code"] for r in store_rpc("channel.member", "search_read", [], fields=["code"])] == [f"E2E-S{run}-0"]
    with pytest.raises(xmlrpc.client.Fault, match="Only channel managers"):
        store_rpc("channel.member", "onboard_stores", [{"name": "x", "code": "x", "login": "x"}])
