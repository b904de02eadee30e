# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from psycopg2 import IntegrityError

from odoo.exceptions import UserError, ValidationError
from odoo.tests import TransactionCase, tagged
from odoo.tools import mute_logger

from .common import ChannelNetworkMixin


@tagged("post_install", "-at_install")
class TestChannelNetwork(ChannelNetworkMixin, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_channel_network()
        cls.level_1 = cls.env.ref("channel_base.channel_level_1")
        cls.level_2 = cls.env.ref("channel_base.channel_level_2")
        cls.level_store = cls.env.ref("channel_base.channel_level_store")

    def _new_partner(self, name="T partner"):
        return self.env["res.partner"].create({"name": name})

    def test_tree_paths_follow_upstream(self):
        self.assertTrue(self.store_hz.parent_path.startswith(self.brand.parent_path + str(self.east.id) + "/"))
        below_east = self.Member.search([("id", "child_of", self.east.id)])
        self.assertEqual(below_east, self.east | self.hz | self.store_hz)

    def test_no_cycles(self):
        # the ORM's parent_path maintenance or our constraint, whichever sees it first
        with self.assertRaisesRegex(UserError, "Recursion|cannot be its own upstream"):
            self.east.upstream_id = self.store_hz
            self.east.flush_recordset()

    def test_member_must_sit_below_its_upstream(self):
        # a level-1 member under a level-2 one
        with self.assertRaisesRegex(ValidationError, "must sit on a level below its upstream"):
            self.south.upstream_id = self.hz

    def test_raising_a_level_above_its_downstream_is_refused(self):
        # T-HZ cannot become level 1 while its upstream T-EAST is level 1
        with self.assertRaisesRegex(ValidationError, "must sit on a level below its upstream"):
            self.hz.level_id = self.level_1
        # a level-2 member moved to the brand keeps its store below it
        self.hz.write({"upstream_id": self.brand.id, "level_id": self.level_1.id})
        self.assertEqual(self.hz.level, 1)

    def test_level_depth_change_checks_members(self):
        # level 2 moved below the store level would put T-HZ under its own store's level
        with self.assertRaisesRegex(ValidationError, "level"):
            self.level_2.depth = 15

    def test_store_must_buy_from_a_distributor(self):
        with self.assertRaisesRegex(ValidationError, "cannot buy from"):
            self.Member.create({
                "partner_id": self._new_partner().id,
                "code": "T-BAD-STORE",
                "role": "store",
                "level_id": self.level_store.id,
                "upstream_id": self.brand.id,
            })

    def test_store_under_store_refused(self):
        with self.assertRaisesRegex(ValidationError, "cannot buy from"):
            self.store_gd.upstream_id = self.store_hz

    def test_non_brand_needs_upstream_and_brand_has_none(self):
        with self.assertRaisesRegex(ValidationError, "needs an upstream"):
            self.store_hz.upstream_id = False
        with self.assertRaisesRegex(ValidationError, "has no upstream"):
            self.Member.create({
                "partner_id": self._new_partner().id,
                "code": "T-BRAND-2",
                "role": "brand",
                "level_id": self.env.ref("channel_base.channel_level_brand").id,
                "upstream_id": self.east.id,
                "tenant_company_id": self.env["res.company"].create({"name": "T second brand"}).id,
            })

    def test_level_role_must_match_member_role(self):
        with self.assertRaisesRegex(ValidationError, "level .* is for another role"):
            self.store_hz.level_id = self.level_2

    def test_distributor_needs_tenant_company_store_cannot_have_one(self):
        with self.assertRaisesRegex(ValidationError, "needs a tenant company"):
            self.east.tenant_company_id = False
        with self.assertRaisesRegex(ValidationError, "cannot have a tenant company"):
            self.store_hz.tenant_company_id = self.env["res.company"].create({"name": "T spare company"})

    @mute_logger("odoo.sql_db")
    def test_member_code_unique(self):
        with self.assertRaises(IntegrityError):
            self.Member.create({
                "partner_id": self._new_partner().id,
                "code": "T-EAST",
                "role": "store",
                "level_id": self.level_store.id,
                "upstream_id": self.east.id,
            })

    @mute_logger("odoo.sql_db")
    def test_territory_authorised_once_per_level(self):
        # T-ZJ is already authorised to T-EAST on level 1
        with self.assertRaises(IntegrityError):
            self.env["channel.territory.authorization"].create(
                {"member_id": self.south.id, "territory_id": self.t_zj.id}
            )

    def test_same_territory_on_two_levels_is_allowed(self):
        self.assertEqual(
            self.t_zj.authorization_ids.member_id, self.east | self.hz, "level 1 and level 2 share T-ZJ"
        )

    def test_only_distributors_are_authorised(self):
        with self.assertRaisesRegex(ValidationError, "Only distributors are authorised"):
            self.env["channel.territory.authorization"].create(
                {"member_id": self.store_hz.id, "territory_id": self.t_gd.id}
            )

    def test_subtree_counts(self):
        self.assertEqual(
            (self.east.downstream_count, self.east.distributor_count, self.east.store_count), (1, 1, 1)
        )
        self.assertEqual((self.hz.downstream_count, self.hz.store_count), (1, 1))
        self.assertEqual(self.store_hz.store_count, 0)
        self.store_hz.active = False
        self.east.invalidate_recordset(["store_count"])
        self.assertEqual(self.east.store_count, 0, "archived stores are not counted")

    def test_subtree_action_lists_everything_below(self):
        action = self.east.action_view_subtree()
        self.assertEqual(self.Member.search(action["domain"]), self.hz | self.store_hz)
        action = self.east.action_view_downstream()
        self.assertEqual(self.Member.search(action["domain"]), self.hz)

    def test_a_company_is_run_by_its_tenant_member(self):
        """From a company to the channel, one way: its brand or distributor
        member, for one company or several; an archived member runs nothing."""
        Member = self.env["channel.member"]
        hz_company, east_company = self.hz.tenant_company_id, self.east.tenant_company_id
        self.assertEqual(Member._channel_member_of_company(hz_company), self.hz)
        self.assertEqual(Member._channel_member_of_company(hz_company | east_company), self.hz | self.east)
        self.assertFalse(Member._channel_member_of_company(self.env["res.company"]))
        self.assertEqual(
            self.env["res.users"]._channel_scope_member_ids(east_company.ids), self.east.ids,
            "the record rules' scope comes from the same place",
        )
        (self.store_hz | self.hz).active = False
        self.assertFalse(Member._channel_member_of_company(hz_company), "forgotten once archived")

    def test_member_with_downstream_cannot_be_deleted(self):
        with self.assertRaisesRegex(ValidationError, "cannot be deleted"):
            self.hz.unlink()

    def test_territory_found_from_province(self):
        self.t_gd.state_ids = self.env.ref("base.state_cn_GD")
        # a demo territory may cover the same province: make ours the only one
        self.env["res.territory"].search([("id", "!=", self.t_gd.id), ("state_ids", "in", self.t_gd.state_ids.ids)]).state_ids = False
        self.assertEqual(
            self.env["res.territory"]._find_for_address(state=self.env.ref("base.state_cn_GD")), self.t_gd
        )
        self.t_js.write({"type": "zip", "zip_codes": "210, 211"})
        self.assertEqual(self.env["res.territory"]._find_for_address(zip_code="211100"), self.t_js)
