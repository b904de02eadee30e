# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Who sees what: the isolation matrix of the channel network, through the ORM
as each user and through XML-RPC with each user's credentials."""
from xmlrpc.client import Fault

from odoo.exceptions import AccessError
from odoo.tests import HttpCase, TransactionCase, get_db_name, new_test_user, tagged

from .common import PASSWORD, ChannelNetworkMixin


class AccessMatrixMixin(ChannelNetworkMixin):
    @classmethod
    def setup_matrix(cls):
        cls.setup_channel_network()
        cls.stranger = new_test_user(cls.env, "t.portal.stranger", password=PASSWORD, groups="base.group_portal")
        cls.network = cls.brand | cls.east | cls.south | cls.hz | cls.store_hz | cls.store_gd
        # role -> (user, members it must read)
        cls.read_matrix = {
            "brand manager": (cls.brand_manager, cls.network),
            "brand user": (cls.brand_user, cls.network),
            "level-1 distributor (east)": (cls.east_manager, cls.east | cls.hz | cls.store_hz),
            "clerk of the level-1 distributor": (cls.east_clerk, cls.east | cls.hz | cls.store_hz),
            "level-2 distributor under east": (cls.hz_manager, cls.hz | cls.store_hz),
            "distributor of another branch (south)": (cls.south_manager, cls.south | cls.store_gd),
            "store": (cls.store_hz_user, cls.store_hz),
            "another store": (cls.store_gd_user, cls.store_gd),
            "portal stranger": (cls.stranger, cls.Member),
        }


@tagged("post_install", "-at_install")
class TestChannelAccess(AccessMatrixMixin, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_matrix()

    def test_read_matrix(self):
        for role, (user, expected) in self.read_matrix.items():
            with self.subTest(role=role):
                seen = self.Member.with_user(user).search([("id", "in", self.network.ids)])
                self.assertEqual(seen, expected)
                # and reading a member outside the scope directly is refused
                hidden = self.network - expected
                if hidden:
                    with self.assertRaises(AccessError):
                        hidden.with_user(user).read(["name"])

    def test_authorizations_follow_the_member_scope(self):
        Authorization = self.env["channel.territory.authorization"]
        scope = self.east.authorization_ids | self.hz.authorization_ids | self.south.authorization_ids
        for user, expected in (
            (self.brand_user, scope),
            (self.east_manager, self.east.authorization_ids | self.hz.authorization_ids),
            (self.south_manager, self.south.authorization_ids),
        ):
            with self.subTest(user=user.login):
                self.assertEqual(Authorization.with_user(user).search([("id", "in", scope.ids)]), expected)
        with self.assertRaises(AccessError):
            Authorization.with_user(self.store_hz_user).search([])

    def test_brand_manager_writes_everywhere(self):
        self.store_gd.with_user(self.brand_manager).tag_ids = False
        self.east.with_user(self.brand_manager).credit_points = 80
        # credit only where the brand grants it: its own buyers (see test_credit_grantor)
        self.east.with_user(self.brand_manager).credit_grade = "D"
        self.assertEqual((self.store_gd.tag_ids, self.east.credit_grade, self.east.credit_points), (self.env["channel.member.tag"], "D", 80))

    def test_brand_user_only_reads(self):
        with self.assertRaises(AccessError):
            self.store_gd.with_user(self.brand_user).credit_grade = "D"

    def test_distributor_manager_manages_below_itself_only(self):
        self.hz.with_user(self.east_manager).credit_grade = "B"
        self.store_hz.with_user(self.east_manager).tag_ids = False
        self.assertEqual((self.hz.credit_grade, self.store_hz.tag_ids), ("B", self.env["channel.member.tag"]))
        with self.assertRaises(AccessError, msg="not its own grade"):
            self.east.with_user(self.east_manager).credit_grade = "D"
        with self.assertRaises(AccessError, msg="not its upstream's members"):
            self.east.with_user(self.hz_manager).credit_points = 1
        with self.assertRaises(AccessError, msg="not another branch"):
            self.store_gd.with_user(self.east_manager).credit_grade = "A"
        with self.assertRaises(AccessError, msg="never delete"):
            self.store_hz.with_user(self.east_manager).unlink()

    def test_clerks_stores_and_strangers_cannot_write(self):
        for user in (self.east_clerk, self.store_hz_user, self.stranger):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self.store_hz.with_user(user).credit_grade = "A"

    def test_reference_data_is_the_brands(self):
        for model, vals in (
            ("res.territory", {"name": "T 偷偷"}),
            ("channel.level", {"name": "T 三级", "code": "T-L3", "role": "distributor", "depth": 3}),
            ("channel.member.tag", {"name": "T 偷标签"}),
            ("channel.territory.authorization", {"member_id": self.east.id, "territory_id": self.t_gd.id}),
        ):
            for user in (self.east_manager, self.store_hz_user):
                with self.subTest(model=model, user=user.login), self.assertRaises(AccessError):
                    self.env[model].with_user(user).create(vals)
        # stores read the reference data they are shown
        self.assertEqual(self.store_hz.with_user(self.store_hz_user).territory_id.name, "T 浙江")
        self.assertEqual(self.store_hz.with_user(self.store_hz_user).level_id.name, "Store")

    def test_distributor_sees_its_stores_partners_not_other_branches(self):
        Partner = self.env["res.partner"]
        partners = self.store_hz.partner_id | self.store_gd.partner_id
        self.assertEqual(Partner.with_user(self.hz_manager).search([("id", "in", partners.ids)]), self.store_hz.partner_id)
        self.assertEqual(Partner.with_user(self.south_manager).search([("id", "in", partners.ids)]), self.store_gd.partner_id)


@tagged("post_install", "-at_install")
class TestChannelAccessHttp(AccessMatrixMixin, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_matrix()

    def _rpc(self, user, model, method, *args, **kwargs):
        db = get_db_name()
        uid = self.xmlrpc_common.authenticate(db, user.login, PASSWORD, {})
        self.assertEqual(uid, user.id, f"{user.login} logs in over XML-RPC")
        return self.xmlrpc_object.execute_kw(db, uid, PASSWORD, model, method, list(args), kwargs)

    def test_read_matrix_over_xmlrpc(self):
        for role, (user, expected) in self.read_matrix.items():
            with self.subTest(role=role):
                rows = self._rpc(user, "channel.member", "search_read", [("id", "in", self.network.ids)], fields=["code"])
                self.assertEqual(sorted(r["code"] for r in rows), sorted(expected.mapped("code")))

    def test_writes_over_xmlrpc(self):
        self._rpc(self.east_manager, "channel.member", "write", self.hz.ids, {"credit_grade": "B"})
        self.assertEqual(self.hz.credit_grade, "B")
        for user, member in (
            (self.east_manager, self.store_gd),
            (self.south_manager, self.store_hz),
            (self.store_hz_user, self.store_hz),
            (self.brand_user, self.store_gd),
        ):
            with self.subTest(user=user.login), self.assertRaisesRegex(Fault, "(?i)access|not allowed"):
                self._rpc(user, "channel.member", "write", member.ids, {"credit_grade": "A"})

    def test_onboarding_over_xmlrpc(self):
        [member_id] = self._rpc(
            self.brand_manager, "channel.member", "onboard_stores",
            [self.store_vals("T-S-RPC", "t.store.rpc", "T-SOUTH", "T-GD")],
        )
        self.assertEqual(self.Member.browse(member_id).upstream_id, self.south)
        with self.assertRaisesRegex(Fault, "member code T-S-RPC is already used"):
            self._rpc(
                self.brand_manager, "channel.member", "onboard_stores",
                [self.store_vals("T-S-RPC", "t.store.rpc2", "T-SOUTH", "T-GD")],
            )
        with self.assertRaisesRegex(Fault, "Only the brand's channel managers"):
            self._rpc(self.south_manager, "channel.member", "onboard_distributors", [self.distributor_vals("T-Q", "t.q")])

    def test_store_opens_its_portal_in_a_browser(self):
        self.store_hz_user.password = self.store_hz_user.login
        self.browser_js(
            "/my",
            "document.querySelector('.o_portal_my_home') ? console.log('test successful')"
            " : console.error('the portal home did not render')",
            login=self.store_hz_user.login,
        )
