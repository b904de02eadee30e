# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import math
import os

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import TransactionCase, tagged

from .common import ChannelDiversionMixin


@tagged("post_install", "-at_install")
class TestDiversion(ChannelDiversionMixin, TransactionCase):
    """Codes, their binding by deliveries, and what a scan says."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_channel_diversion()

    def test_codes_printed_as_cases_and_units(self):
        self.assertEqual((self.case_1.kind, len(self.case_1.child_ids)), ("case", 3))
        self.assertEqual(self.case_1.lot_id.name, self.case_1.name)
        self.assertEqual(self.case_1.lot_id.company_id, self.brand_company)
        self.assertNotIn(self.case_1.name, self.unit_1.name, "a unit's code does not reveal its case's")
        with self.assertRaises(UserError):
            self.Code.with_user(self.hz_manager).generate(self.notebook.id, 1, 1)
        with self.assertRaises(ValidationError):
            self.Code.with_user(self.brand_manager).generate(self.pencil.id, 1, 1)  # not tracked by lots
        with self.assertRaises(ValidationError):
            self.Code.with_user(self.brand_manager).generate(self.notebook.id, 0, 5)

    def test_a_delivery_binds_the_case_and_its_units(self):
        self.assertEqual(self.case_1.distributor_id, self.east)
        self.assertEqual(self.case_1.child_ids.distributor_id, self.east)
        self.assertEqual(self.unit_1.picking_id, self.delivery)
        self.assertFalse(self.case_2.distributor_id or self.case_2.child_ids.distributor_id, "still at the brand")
        self.assertEqual(self.Code._trace(f"  {self.unit_2.name} "), self.unit_2)
        self.assertFalse(self.Code._trace("T-NOPE"))

    def test_east_code_in_the_south_opens_a_case_against_east(self):
        outcome = self.scan(self.unit_1.name, self.store_gd_user)
        self.assertEqual(outcome["result"], "diverted")
        case = self.env["channel.diversion.case"].browse(outcome["case_id"])
        self.assertEqual((case.kind, case.state, case.distributor_id), ("territory", "open", self.east))
        self.assertEqual((case.found_member_id, case.found_territory_id), (self.store_gd, self.t_gd))
        self.assertEqual(case.picking_id, self.delivery, "the evidence: the delivery that bound the code")
        scan = case.scan_ids
        self.assertEqual((scan.code_id, scan.user_id, scan.source), (self.unit_1, self.store_gd_user, "api"))
        self.assertIn(self.delivery.name, case.message_ids[0].body)
        # another unit found at the same store: the same case, two codes
        self.assertEqual(self.scan(self.unit_3.name, self.store_gd_user)["case_id"], case.id)
        self.assertEqual(case.scan_count, 2)

    def test_east_code_in_its_own_territory_is_fine(self):
        outcome = self.scan(self.unit_2.name, self.store_hz_user)
        self.assertEqual(outcome["result"], "ok")
        self.assertFalse(outcome["case_id"])
        self.assertFalse(self.env["channel.diversion.case"].search([("distributor_id", "=", self.east.id)]))

    def test_anomalies_are_recorded_never_accepted(self):
        self.scan(self.unit_2.name, self.store_hz_user)
        again = self.scan(self.unit_2.name, self.store_gd_user)
        self.assertEqual(again["result"], "duplicate", "a unit is sold once")
        self.assertIn("scanned before", again["message"])
        unknown = self.scan("T-FAKE-0001", self.store_hz_user)
        self.assertEqual(unknown["result"], "unknown")
        never = self.scan(self.case_2.child_ids[0].name, self.store_hz_user)
        self.assertEqual(never["result"], "unbound")
        scans = self.env["channel.code.scan"].search([("member_id", "in", (self.store_hz | self.store_gd).ids)])
        self.assertEqual(sorted(scans.mapped("result")), ["duplicate", "ok", "unbound", "unknown"])
        self.assertFalse(self.env["channel.diversion.case"].search([]), "anomalies open no case by themselves")
        with self.assertRaises(ValidationError):
            self.scan("   ", self.store_hz_user)
        with self.assertRaises(ValidationError):
            self.scan(self.unit_1.name, self.store_hz_user, source="carrier-pigeon")

    def test_who_may_scan_for_a_store(self):
        # a distributor's system for its store, the brand for any; nobody for another's
        self.assertEqual(self.scan(self.unit_1.name, self.south_manager, store_code="T-S-GD")["result"], "diverted")
        self.assertEqual(self.scan(self.unit_2.name, self.brand_user, store_code="T-S-HZ")["result"], "ok")
        for user, store_code in ((self.south_manager, "T-S-HZ"), (self.store_hz_user, "T-S-GD")):
            with self.assertRaises(AccessError):
                self.scan(self.unit_3.name, user, store_code=store_code)
        with self.assertRaises(AccessError):
            self.scan(self.unit_3.name, self.hz_manager)  # not a store: must say which
        with self.assertRaises(ValidationError):
            self.scan(self.unit_3.name, self.hz_manager, store_code="T-NOPE")

    def test_the_code_follows_the_chain_down(self):
        """T-EAST delivers the case on to T-HZ: the code is now T-HZ's."""
        lot = self.env["stock.lot"].create({
            "name": self.case_1.name, "product_id": self.notebook.id, "company_id": self.east_company.id,
        })
        self.env["stock.quant"]._update_available_quantity(
            self.notebook, self.stock_location(self.east_company), 3, lot_id=lot
        )
        self.deliver(self.east_company, self.hz, self.case_1.name)
        self.assertEqual(self.unit_1.distributor_id, self.hz)
        outcome = self.scan(self.unit_1.name, self.store_gd_user)
        self.assertEqual(self.env["channel.diversion.case"].browse(outcome["case_id"]).distributor_id, self.hz)

    def test_codes_in_a_sellout_report(self):
        self.env["channel.sellout.report"].with_user(self.store_gd_user).submit("T-S-GD", str(self.this_week), [
            {"product_code": "T-NOTE", "on_hand": 1, "sold": 2, "codes": [self.unit_1.name, self.unit_3.name]},
        ])
        scans = self.env["channel.code.scan"].search([("member_id", "=", self.store_gd.id)])
        self.assertEqual(set(scans.mapped("source")), {"sellout"})
        self.assertEqual(set(scans.mapped("result")), {"diverted"})
        self.assertEqual(len(scans.case_id), 1)
        with self.assertRaises(ValidationError):
            self.env["channel.sellout.report"].with_user(self.store_gd_user).submit("T-S-GD", str(self.this_week), [
                {"product_code": "T-NOTE", "on_hand": 1, "sold": 2, "codes": "T-1, T-2"},
            ])

    # === CODES CANNOT BE GUESSED (issue 16) === #
    def test_codes_are_random_and_not_derivable(self):
        """Each code carries at least 64 random bits in an alphabet without
        look-alike characters; neighbours share nothing a store could count on."""
        case_ids = self.Code.with_user(self.brand_manager).generate(self.notebook.id, 3, 40)
        cases = self.Code.browse(case_ids)
        codes = cases | cases.child_ids
        names = codes.mapped("name")
        self.assertEqual(len(set(names)), 123)
        alphabet = set("23456789ABCDEFGHJKMNPQRSTUVWXYZ")
        for name in names:
            self.assertLessEqual(set(name), alphabet, name)
            self.assertGreaterEqual(len(name) * math.log2(len(alphabet)), 64, name)
        ordered = sorted(names)
        prefix = max(len(os.path.commonprefix([a, b])) for a, b in zip(ordered, ordered[1:]))
        self.assertLess(prefix, 6, "no common stem: not a counter, not derived from the case")
        for case in cases:
            self.assertFalse(any(case.name in unit.name for unit in case.child_ids))
        by_position = [{name[i] for name in names} for i in range(len(names[0]))]
        self.assertTrue(all(len(chars) > 10 for chars in by_position), "every position varies")

    def test_a_guessed_sequential_code_is_unknown(self):
        """What the old numbering would have printed next, or a unit number
        after a case's code, is no code at all."""
        guess = self.env["ir.sequence"].sudo().next_by_code("channel.code.case")
        for code in (guess, f"{guess}-0001", f"{self.case_1.name}-0001", f"{self.case_1.name}-0002"):
            self.assertEqual(self.scan(code, self.store_gd_user)["result"], "unknown", code)
        self.assertFalse(self.env["channel.diversion.case"].search([]), "no case opened against anyone")

    def test_old_codes_stay_valid(self):
        self.env.cr.execute("""
            INSERT INTO channel_code (name, product_id, kind, distributor_id, picking_id)
                 VALUES ('MX0000000777', %s, 'case', %s, %s) RETURNING id
        """, [self.notebook.id, self.east.id, self.delivery.id])
        case_id = self.env.cr.fetchone()[0]
        self.env.cr.execute("""
            INSERT INTO channel_code (name, product_id, kind, parent_id, distributor_id, picking_id)
                 VALUES ('MX0000000777-0001', %s, 'unit', %s, %s, %s)
        """, [self.notebook.id, case_id, self.east.id, self.delivery.id])
        self.assertEqual(self.scan("MX0000000777-0001", self.store_gd_user)["result"], "diverted")
        self.assertEqual(self.scan("MX0000000777", self.store_hz_user)["result"], "ok")

    def test_a_case_scanned_twice_is_an_anomaly(self):
        self.assertEqual(self.scan(self.case_1.name, self.store_hz_user)["result"], "ok")
        again = self.scan(self.case_1.name, self.store_hz_user)
        self.assertEqual(again["result"], "duplicate", "a case is opened once")
        self.assertIn("scanned before", again["message"])
        self.assertEqual(self.scan(self.case_1.name, self.store_gd_user)["result"], "duplicate")

    def test_a_unit_of_a_case_scanned_elsewhere_is_an_anomaly(self):
        self.assertEqual(self.scan(self.case_1.name, self.store_hz_user)["result"], "ok")
        self.assertEqual(self.scan(self.unit_1.name, self.store_hz_user)["result"], "ok", "the same store sells it")
        elsewhere = self.scan(self.unit_2.name, self.store_gd_user)
        self.assertEqual(elsewhere["result"], "case_elsewhere")
        self.assertIn("another store", elsewhere["message"])
        scan = self.env["channel.code.scan"].browse(elsewhere["scan_id"])
        # the brand sees it among the anomalies
        anomalies = self.env["channel.code.scan"].with_user(self.brand_user).search(
            [("result", "in", ("unknown", "duplicate", "unbound", "case_elsewhere"))]
        )
        self.assertIn(scan, anomalies)
        self.assertEqual(dict(scan._fields["result"]._description_selection(self.env))["case_elsewhere"],
                         "Its Case Was Opened at Another Store")

    def test_an_overlong_code_is_refused_and_not_stored(self):
        before = self.env["channel.code.scan"].search_count([])
        with self.assertRaises(ValidationError) as caught:
            self.scan("X" * 1_000_000, self.store_hz_user)
        self.assertLess(len(str(caught.exception)), 200, "the message does not echo the input")
        with self.assertRaises(ValidationError):
            self.env["channel.sellout.report"].with_user(self.store_gd_user).submit("T-S-GD", str(self.this_week), [
                {"product_code": "T-NOTE", "on_hand": 1, "sold": 2, "codes": ["Y" * 100_000]},
            ])
        self.assertEqual(self.env["channel.code.scan"].search_count([]), before, "nothing stored")
        self.assertFalse(self.env["channel.sellout.report"].search([("member_id", "=", self.store_gd.id)]))
