# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo.exceptions import UserError
from odoo.tests import TransactionCase, tagged

from .common import ChannelApiMixin


@tagged("post_install", "-at_install")
class TestApiUpserts(ChannelApiMixin, TransactionCase):
    """Products, level prices, territories and members keyed by the ERP's
    references: the same payload twice changes nothing the second time, a
    changed one updates only what differs, a bad record is refused alone."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_channel_api()

    def test_products_created_then_unchanged_then_updated(self):
        payload = [
            {"ref": "SAP-100", "name": "T 钢笔", "default_code": "T-PEN", "list_price": 25.0,
             "category": "All", "level_codes": ["L1"], "order_multiple": 6.0},
            # the ERP's reference of a product Odoo already has under its internal reference: adopted, not duplicated
            {"ref": "SAP-101", "default_code": "T-PENCIL", "list_price": 2.0},
        ]
        results = self.Api.upsert_products(payload)
        self.assertEqual(self.statuses(results), ["created", "unchanged"])
        pen = self.env["product.template"].browse(results[0]["id"])
        self.assertEqual((pen.default_code, pen.list_price, pen.channel_order_multiple), ("T-PEN", 25.0, 6.0))
        self.assertTrue(pen.is_storable)
        self.assertEqual(pen.channel_level_ids.mapped("code"), ["L1"])
        self.assertEqual(results[1]["id"], self.pencil.product_tmpl_id.id)
        write_date = pen.write_date

        self.assertEqual(self.statuses(self.Api.upsert_products(payload)), ["unchanged", "unchanged"])
        self.assertEqual(self.env["product.template"].search_count([("default_code", "=", "T-PEN")]), 1)
        self.assertEqual(pen.write_date, write_date)

        payload[0]["list_price"] = 26.5
        payload[1]["name"] = "T 铅笔HB 2B"
        self.assertEqual(self.statuses(self.Api.upsert_products(payload)), ["updated", "updated"])
        self.assertEqual(pen.list_price, 26.5)
        self.assertEqual(self.pencil.name, "T 铅笔HB 2B")
        call = self.last_call()
        self.assertEqual((call.method, call.outcome, call.record_count, call.updated_count, call.user_id),
                         ("upsert_products", "ok", 2, 2, self.erp))

    def test_bad_product_records_refused_alone(self):
        results = self.Api.upsert_products([
            {"ref": "SAP-200", "name": "T 好的", "default_code": "T-GOOD"},
            {"ref": "SAP-201", "name": 12},
            {"ref": "SAP-202", "default_code": "T-NEW-NO-NAME"},
            {"ref": "SAP-203", "name": "T 类别", "category": "No / Such"},
            {"ref": "SAP-204", "name": "T 级别", "level_codes": ["L9"]},
            {"ref": "SAP-205", "name": "T 负价", "list_price": -1},
            {"ref": "SAP-206", "name": "T 字段", "colour": "red"},
            {"name": "T 无引用"},
            "not a record",
            {"ref": "SAP-200", "name": "T 重复"},
        ])
        self.assertEqual(self.statuses(results), ["created"] + ["error"] * 9)
        errors = [result.get("error", "") for result in results]
        self.assertIn("'name' must be a text", errors[1])
        self.assertIn("'name' is required to create a product", errors[2])
        self.assertIn("unknown product category No / Such", errors[3])
        self.assertIn("unknown level L9", errors[4])
        self.assertIn("cannot be negative", errors[5])
        self.assertIn("unknown field 'colour'", errors[6])
        self.assertIn("no reference", errors[7])
        self.assertIn("dictionary", errors[8])
        self.assertIn("sent twice", errors[9])
        self.assertEqual(self.env["product.template"].search_count([("name", "like", "T %"), ("default_code", "!=", "T-GOOD"),
                                                                     ("create_uid", "=", self.erp.id)]), 0)
        call = self.last_call()
        self.assertEqual((call.outcome, call.created_count, call.error_count), ("partial", 1, 9))
        self.assertIn("SAP-205", call.message)

    def test_level_price_adopts_the_existing_line_and_prices_orders(self):
        payload = [{"ref": "PR-L2-PENCIL", "level_code": "L2", "default_code": "T-PENCIL", "price": 1.25}]
        item_count = self.env["product.pricelist.item"].search_count([])
        # the level already prices the pencil: that line is adopted and changed, not doubled
        self.assertEqual(self.statuses(self.Api.upsert_level_prices(payload)), ["updated"])
        self.assertEqual(self.statuses(self.Api.upsert_level_prices(payload)), ["unchanged"])
        self.assertEqual(self.env["product.pricelist.item"].search_count([]), item_count)
        level_2 = self.env.ref("channel_base.pricelist_level_2")
        self.assertEqual(level_2._get_product_price(self.pencil, 1.0), 1.25)
        payload[0]["price"] = 1.3
        self.assertEqual(self.statuses(self.Api.upsert_level_prices(payload)), ["updated"])
        self.assertEqual(level_2._get_product_price(self.pencil, 1.0), 1.3)
        bad = self.Api.upsert_level_prices([
            {"ref": "PR-X1", "level_code": "L2", "default_code": "NOPE", "price": 1.0},
            {"ref": "PR-X2", "level_code": "L2", "default_code": "T-PENCIL", "price": -1.0},
            {"ref": "PR-X3", "level_code": "L2", "default_code": "T-PENCIL", "price": 1.0,
             "date_start": "2026-12-01", "date_end": "2026-11-01"},
            {"ref": "PR-X4", "level_code": "L2", "default_code": "T-PENCIL", "price": "1.0"},
            {"ref": "PR-X5", "level_code": "L2", "default_code": "T-PENCIL", "price": 1.0, "date_start": "01/12/2026"},
        ])
        self.assertEqual(self.statuses(bad), ["error"] * 5)
        self.assertIn("unknown product NOPE", bad[0]["error"])
        self.assertIn("ends before it starts", bad[2]["error"])
        self.assertIn("'price' must be a number", bad[3]["error"])
        self.assertIn("'date_start' must be a date", bad[4]["error"])

    def test_territories(self):
        payload = [{"ref": "ERP-T-NB", "code": "T-NB", "name": "T 宁波", "type": "zip", "zip_codes": "315"},
                   {"ref": "ERP-T-FJ", "code": "T-FJ", "name": "T 福建", "state_codes": ["闽"]}]
        results = self.Api.upsert_territories(payload)
        self.assertEqual(self.statuses(results), ["created", "created"])
        fujian = self.env["res.territory"].browse(results[1]["id"])
        self.assertEqual((fujian.type, fujian.state_ids.code), ("state", "闽"))
        self.assertEqual(self.statuses(self.Api.upsert_territories(payload)), ["unchanged", "unchanged"])
        # a territory the brand made by hand is adopted by its code
        self.assertEqual(self.statuses(self.Api.upsert_territories([{"ref": "ERP-ZJ", "code": "T-ZJ", "name": "T 浙江"}])),
                         ["unchanged"])
        bad = self.Api.upsert_territories([{"ref": "ERP-T-X", "name": "T X", "state_codes": ["NOPE"]},
                                           {"ref": "ERP-T-Y", "name": "T Y", "type": "planet"}])
        self.assertIn("unknown province NOPE", bad[0]["error"])
        self.assertIn("'state' (provinces) or 'zip'", bad[1]["error"])

    def test_members_onboarded_then_updated_never_moved(self):
        store = {"ref": "KUNNR-9001", "role": "store", "code": "T-S-HZ-9", "name": "T 拱墅店", "login": "t.store.hz9",
                 "upstream_code": "T-HZ", "territory_code": "T-ZJ", "state_code": "浙", "phone": "0571-1"}
        dealer = {"ref": "KUNNR-8001", "role": "distributor", "code": "T-NB", "name": "T 宁波商贸", "login": "t.nb",
                  "email": "t.nb@example.com", "upstream_code": "T-EAST", "level_code": "L2"}
        results = self.Api.upsert_members([store, dealer])
        self.assertEqual(self.statuses(results), ["created", "created"], results)
        member = self.env["channel.member"].browse(results[0]["id"])
        self.assertEqual((member.upstream_id, member.role, member.partner_id.company_id),
                         (self.hz, "store", self.hz_company))
        self.assertTrue(self.env["res.users"].search([("login", "=", "t.store.hz9")]).share)
        nb = self.env["channel.member"].browse(results[1]["id"])
        self.assertTrue(nb.tenant_company_id)
        self.assertEqual(nb.upstream_id, self.east)

        self.assertEqual(self.statuses(self.Api.upsert_members([store, dealer])), ["unchanged", "unchanged"])
        store.update(phone="0571-2")
        self.assertEqual(self.statuses(self.Api.upsert_members([store])), ["updated"])
        self.assertEqual(member.partner_id.phone, "0571-2")
        # the store's credit is T-HZ's decision, not the brand's ERP's
        [refused] = self.Api.upsert_members([dict(store, credit_grade="B")])
        self.assertIn("decided by", refused.get("error", ""), refused)
        self.assertEqual(member.credit_grade, "C")
        # later rows find the member by the ERP reference given in upstream_ref
        child = dict(store, ref="KUNNR-9002", code="T-S-NB-1", login="t.store.nb1", upstream_code=None,
                     upstream_ref="KUNNR-8001")
        del child["upstream_code"]
        self.assertEqual(self.statuses(self.Api.upsert_members([child])), ["created"])

        moved = self.Api.upsert_members([dict(store, upstream_code="T-SOUTH")])
        self.assertIn("moving a member to another upstream", moved[0]["error"])
        self.assertEqual(member.upstream_id, self.hz)
        bad = self.Api.upsert_members([
            dict(store, ref="KUNNR-9100", code="T-S-X1", login="t.store.hz9"),
            dict(store, ref="KUNNR-9101", code="T-S-X2", login="t.x2", upstream_code="NOPE"),
            dict(store, ref="KUNNR-9102", code="T-S-X3", login="t.x3", role="wholesaler"),
            dict(store, ref="KUNNR-9103", code="T-S-X4", login=None),
        ])
        self.assertEqual(self.statuses(bad), ["error"] * 4)
        self.assertIn("login t.store.hz9 is already taken", bad[0]["error"])
        self.assertIn("unknown member NOPE", bad[1]["error"])
        self.assertIn("'role' is 'distributor' or 'store'", bad[2]["error"])
        self.assertIn("'login' is required", bad[3]["error"])
        self.assertFalse(self.env["channel.member"].search([("code", "like", "T-S-X")]))

    def test_stock_counts_and_sellout(self):
        results = self.Api.import_stock_counts([
            {"member_code": "T-HZ", "product_code": "T-PENCIL", "quantity": 75},
            {"member_code": "T-SOUTH", "product_code": "T-PENCIL", "quantity": 5},
        ])
        self.assertEqual(self.statuses(results), ["updated", "unchanged"])
        location = self.stock_location(self.hz_company)
        self.assertEqual(self.pencil.with_context(location=location.id).qty_available, 75)
        self.assertEqual(self.statuses(self.Api.import_stock_counts([
            {"member_code": "T-HZ", "product_code": "T-PENCIL", "quantity": 75},
        ])), ["unchanged"])
        bad = self.Api.import_stock_counts([
            {"member_code": "T-S-HZ", "product_code": "T-PENCIL", "quantity": 1},
            {"member_code": "T-HZ", "product_code": "T-PENCIL", "quantity": -1},
        ])
        self.assertIn("keeps no stock", bad[0]["error"])
        self.assertIn("cannot be negative", bad[1]["error"])

        week = str(self.this_week)
        # the same figures as the report the store already sent: nothing to do
        report = {"store_code": "T-S-HZ", "week": week, "lines": [
            {"product_code": "T-PENCIL", "on_hand": 30, "sold": 10}, {"product_code": "T-ERASER", "on_hand": 0, "sold": 3},
        ]}
        self.assertEqual(self.statuses(self.Api.import_sellout([report])), ["unchanged"])
        report["lines"][0]["sold"] = 12
        del report["lines"][1]
        self.assertEqual(self.statuses(self.Api.import_sellout([report])), ["updated"])
        line = self.env["channel.sellout.report.line"].search(
            [("member_id", "=", self.store_hz.id), ("week", "=", self.this_week), ("product_id", "=", self.pencil.id)]
        )
        self.assertEqual(line.qty_sold, 12)
        self.assertEqual(line.report_id.line_ids, line, "the report sent again replaces the first")
        next_week = str(self.this_week + timedelta(days=9))
        self.assertEqual(self.statuses(self.Api.import_sellout([dict(report, week=next_week)])), ["created"])
        bad = self.Api.import_sellout([{"store_code": "T-HZ", "week": week, "lines": [{"product_code": "T-PENCIL"}]},
                                       {"store_code": "T-S-GD", "week": week, "lines": [{"product_code": "NOPE"}]}])
        self.assertIn("is not a store", bad[0]["error"])
        self.assertIn("Line 1: no product has the code NOPE", bad[1]["error"], "as the report says it")

    def test_batch_refused_as_a_whole(self):
        for records, message in (
            ({"ref": "X"}, "non-empty list"),
            ([], "non-empty list"),
            ([{"ref": f"R{i}", "name": "T"} for i in range(501)], "At most 500 records"),
        ):
            with self.subTest(message=message):
                # no assertRaises: its savepoint would roll back the log the test checks
                try:
                    self.Api.upsert_products(records)
                    error = None
                except UserError as caught:
                    error = caught
                self.assertIn(message, str(error))
            call = self.last_call()
            self.assertEqual((call.method, call.outcome), ("upsert_products", "refused"))
            self.assertIn(message, call.message)


@tagged("post_install", "-at_install", "channel_perf")
class TestApiQueries(ChannelApiMixin, TransactionCase):
    """The hot path of an integration, a nightly replay of records that did
    not change: the bindings and records of the batch are read at once, so a
    record more costs only its savepoint (2 queries: SAVEPOINT, RELEASE)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_channel_api()

    def _queries(self, method, payload):
        self.env.flush_all()
        self.env.invalidate_all()
        before = self.env.cr.sql_log_count
        results = getattr(self.Api, method)(payload)
        self.env.flush_all()
        self.assertEqual(set(self.statuses(results)), {"unchanged"})
        return self.env.cr.sql_log_count - before

    def test_unchanged_replay_query_count(self):
        products = [{"ref": f"Q-{i}", "name": f"T 查询 {i}", "default_code": f"T-Q-{i}", "list_price": 1.0 + i}
                    for i in range(40)]
        self.Api.upsert_products(products)
        small, large = self._queries("upsert_products", products[:4]), self._queries("upsert_products", products)
        self.assertLessEqual(large - small, 36 * 2 + 2, f"{small} queries for 4 products, {large} for 40")
        orders = [{"ref": f"QO-{i}", "buyer_code": "T-S-HZ", "confirm": False,
                   "lines": [{"default_code": "T-PENCIL", "quantity": 1 + i}]} for i in range(20)]
        self.Api.import_orders(orders)
        small, large = self._queries("import_orders", orders[:2]), self._queries("import_orders", orders)
        self.assertLessEqual(large - small, 18 * 2 + 2, f"{small} queries for 2 orders, {large} for 20")
