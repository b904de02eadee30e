# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
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
        self.assertEqual(self.unit_1.name, f"{self.case_1.name}-0001")
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
