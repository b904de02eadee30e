# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from unittest.mock import patch

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import Form, TransactionCase, tagged

from .common import PASSWORD, ChannelNetworkMixin


@tagged("post_install", "-at_install")
class TestOnboarding(ChannelNetworkMixin, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_channel_network()
        cls.brand_company = cls.brand.tenant_company_id

    def _counts(self):
        """What onboarding creates, to prove a refused call creates nothing."""
        return {
            model: self.env[model].sudo().with_context(active_test=False).search_count([])
            for model in ("channel.member", "res.company", "res.users", "res.partner", "stock.warehouse",
                          "account.account", "channel.territory.authorization")
        }

    def assertRefused(self, method, vals_list, message, user=None):
        before = self._counts()
        with self.assertRaisesRegex(ValidationError, message):
            getattr(self.Member.with_user(user or self.brand_manager), method)(vals_list)
        self.assertEqual(self._counts(), before, "a refused onboarding leaves nothing behind")

    # --- distributors ---------------------------------------------------------------
    def test_distributor_gets_company_books_warehouse_user_and_prices(self):
        company = self.east.tenant_company_id
        self.assertEqual(company.name, "T-EAST 商贸有限公司")
        self.assertEqual(company.currency_id, self.brand_company.currency_id)
        self.assertEqual(company.chart_template, self.brand_company.chart_template, "same chart as the brand")
        self.assertTrue(self.env["account.journal"].search_count([("company_id", "=", company.id), ("type", "=", "sale")]))
        warehouse = self.env["stock.warehouse"].search([("company_id", "=", company.id)])
        self.assertEqual(len(warehouse), 1)
        self.assertEqual(warehouse.code, "T-EAS")
        self.assertEqual(self.east.partner_id, company.partner_id)
        self.assertEqual(self.east.supplier_company_id, self.brand_company)
        self.assertEqual(self.east.level_id, self.env.ref("channel_base.channel_level_1"))
        self.assertEqual(self.east.authorization_ids.territory_id, self.t_zj | self.t_js)
        self.assertEqual(self.east.territory_id, self.t_zj, "located in its first authorised territory")
        self.assertEqual(self.east.credit_grade, "A")
        # the first user runs the distributor's own company only
        self.assertEqual(self.east_manager.company_id, company)
        self.assertEqual(self.east_manager.company_ids, company)
        self.assertTrue(self.east_manager.has_group("channel_base.group_channel_distributor_manager"))
        self.assertTrue(self.east_manager.has_group("sales_team.group_sale_manager"))
        self.assertTrue(self.east_manager.has_group("purchase.group_purchase_manager"))
        self.assertFalse(self.east_manager.has_group("channel_base.group_channel_brand_user"))
        # it buys from the brand at the level-1 price, and the level-2 dealer from it at the level-2 price
        self.assertEqual(
            company.partner_id.with_company(self.brand_company).property_product_pricelist,
            self.env.ref("channel_base.pricelist_level_1"),
        )
        self.assertEqual(
            self.hz.partner_id.with_company(company).property_product_pricelist,
            self.env.ref("channel_base.pricelist_level_2"),
        )
        self.assertEqual(self.hz.supplier_company_id, company)

    def test_inter_company_locations_as_stock_sets_them(self):
        """A new company's partner, as every other company sees it, and every
        other company's partner, as the new company sees it, deliver to and
        receive from the inter-company transit location (stock's rule, written
        in one UPDATE by channel_base)."""
        transit = self.env.ref("stock.stock_location_inter_company")
        company = self.env["res.company"].create({"name": "T 新租户"})
        others = self.env["res.company"].search([("id", "!=", company.id)])
        self.assertTrue(len(others) > 2)
        for other in others:
            partner = company.partner_id.with_company(other)
            self.assertEqual(partner.property_stock_customer, transit, other.name)
            self.assertEqual(partner.property_stock_supplier, transit, other.name)
            self.assertEqual(other.partner_id.with_company(company).property_stock_customer, transit, other.name)
            self.assertEqual(other.partner_id.with_company(company).property_stock_supplier, transit, other.name)
        # for itself, its partner keeps what stock gives it
        self.assertNotEqual(company.partner_id.with_company(company).property_stock_customer, transit)

    def test_distributor_wizard_onboards_in_one_step(self):
        wizard = Form(self.env["channel.onboard.distributor"].with_user(self.brand_manager))
        wizard.name = "T 北方商贸"
        wizard.code = "T-NORTH"
        wizard.login = "t.north"
        wizard.email = "t.north@example.com"
        wizard.password = PASSWORD
        wizard.territory_ids.add(self.env["res.territory"].create({"name": "T 北京", "code": "T-BJ"}))
        self.assertEqual(wizard.level_id, self.env.ref("channel_base.channel_level_1"))
        action = wizard.save().action_onboard()
        member = self.Member.browse(action["res_id"])
        self.assertEqual(member.code, "T-NORTH")
        self.assertEqual(member.upstream_id, self.brand)
        self.assertTrue(member.tenant_company_id.chart_template)

    def test_batch_is_all_or_nothing(self):
        self.assertRefused(
            "onboard_distributors",
            [
                self.distributor_vals("T-OK-1", "t.ok1"),
                self.distributor_vals("T-OK-2", "t.ok2"),
                self.distributor_vals("T-OK-3", "t.ok3", territory_codes=["T-GD"]),  # taken by T-SOUTH
            ],
            r"Row 3 \(T-OK-3\): territory T 广东 is already authorised to \[T-SOUTH\]",
        )

    def test_every_bad_row_is_reported(self):
        before = self._counts()
        with self.assertRaises(ValidationError) as error:
            self.Member.with_user(self.brand_manager).onboard_distributors([
                self.distributor_vals("T-EAST", "t.new1"),
                self.distributor_vals("T-NEW-2", "t.east"),
                {"name": "T 无代码", "login": "t.new3"},
                self.distributor_vals("T-NEW-4", "t.new4", territory_codes=["T-NOWHERE"]),
                self.distributor_vals("T-NEW-5", "t.new5", upstream_code="T-S-HZ"),
                self.distributor_vals("T-NEW-6", "t.new6", upstream_code="T-NOBODY"),
                self.distributor_vals("T-NEW-7", "t.new7", credit_grade="Z", state_code="XX"),
            ])
        message = str(error.exception)
        for expected in (
            "Row 1 (T-EAST): member code T-EAST is already used",
            "Row 2 (T-NEW-2): login t.east is already taken",
            "Row 3 (?): 'code' is required",
            "Row 4 (T-NEW-4): unknown territory_codes T-NOWHERE",
            "Row 5 (T-NEW-5): [T-S-HZ] T-S-HZ 文具店 is a Store and cannot supply a Distributor",
            "Row 6 (T-NEW-6): unknown upstream member",
            "credit grade must be one of A, B, C, D",
            "unknown state_code XX",
        ):
            self.assertIn(expected, message)
        self.assertEqual(self._counts(), before)

    def test_duplicates_inside_one_batch_are_refused(self):
        self.assertRefused(
            "onboard_distributors",
            [
                self.distributor_vals("T-DUP", "t.dup1"),
                self.distributor_vals("T-DUP", "t.dup1"),
            ],
            "member code T-DUP is already used; login t.dup1 is already taken",
        )

    def test_wrong_payload_types_are_refused(self):
        self.assertRefused("onboard_distributors", [], "non-empty list")
        self.assertRefused("onboard_distributors", ["T-X"], "must be a dictionary")
        self.assertRefused(
            "onboard_distributors", [dict(self.distributor_vals("T-X", "t.x"), territory_codes="T-ZJ")], "wrong type"
        )
        self.assertRefused(
            "onboard_distributors", [dict(self.distributor_vals("T-X", "t.x"), company_id=1)], "unknown field 'company_id'"
        )

    def test_a_failure_while_creating_leaves_nothing_half_made(self):
        """A failure after validation, once the company, its books and its
        warehouse exist, undoes the whole record."""
        before = self._counts()
        Member = self.Member.with_user(self.brand_manager)
        failure = ValidationError("simulated failure after the company was made")
        with patch.object(type(Member), "_onboard_user", side_effect=failure):
            with self.assertRaisesRegex(ValidationError, "simulated failure"):
                Member.onboard_distributors([self.distributor_vals("T-HALF", "t.half")])
        self.assertEqual(self._counts(), before)

    # --- stores ------------------------------------------------------------------------
    def test_store_is_a_portal_customer_of_its_distributor(self):
        partner = self.store_hz.partner_id
        company = self.hz.tenant_company_id
        self.assertEqual(partner.company_id, company)
        self.assertEqual(partner.ref, "T-S-HZ")
        self.assertEqual(self.store_hz.supplier_company_id, company)
        self.assertEqual(self.store_hz.level_id, self.env.ref("channel_base.channel_level_store"))
        self.assertEqual(self.store_hz.territory_id, self.t_zj)
        self.assertEqual(self.store_hz.tag_ids, self.tag_school)
        self.assertFalse(self.store_hz.tenant_company_id)
        self.assertEqual(self.store_hz_user.partner_id, partner)
        self.assertTrue(self.store_hz_user._is_portal())
        self.assertEqual(self.store_hz_user.company_id, company)
        self.assertEqual(
            partner.with_company(company).property_product_pricelist,
            self.env.ref("channel_base.pricelist_level_store"),
        )

    def test_store_territory_from_its_province(self):
        self.t_gd.state_ids = self.env.ref("base.state_cn_GD")
        self.env["res.territory"].search(
            [("id", "!=", self.t_gd.id), ("state_ids", "in", self.t_gd.state_ids.ids)]
        ).state_ids = False
        vals = self.store_vals("T-S-GD2", "t.store.gd2", "T-SOUTH", None, state_code="粤")
        del vals["territory_code"]
        [member_id] = self.Member.with_user(self.south_manager).onboard_stores([vals])
        self.assertEqual(self.Member.browse(member_id).territory_id, self.t_gd)

    def test_store_refusals(self):
        vals = self.store_vals("T-S-NEW", "t.store.new", "T-HZ", "T-ZJ")
        self.assertRefused("onboard_stores", [dict(vals, upstream_code=False)], "distributor \\(upstream_code\\) is required")
        self.assertRefused("onboard_stores", [dict(vals, upstream_code="BRAND")], "cannot supply a Store")
        self.assertRefused("onboard_stores", [dict(vals, territory_code="T-NOWHERE")], "unknown territory_code T-NOWHERE")
        self.assertRefused("onboard_stores", [dict(vals, tag_names=["T 没有"])], "unknown tag_names T 没有")
        self.assertRefused("onboard_stores", [dict(vals, territory_codes=["T-ZJ"])], "unknown field 'territory_codes'")
        self.assertRefused("onboard_stores", [dict(vals, login="t.store.gd")], "login t.store.gd is already taken")

    def test_distributor_manager_onboards_stores_only_in_its_branch(self):
        # T-EAST may add a store under its level-2 dealer T-HZ
        [member_id] = self.Member.with_user(self.east_manager).onboard_stores(
            [self.store_vals("T-S-HZ2", "t.store.hz2", "T-HZ", "T-ZJ")]
        )
        self.assertEqual(self.Member.browse(member_id).upstream_id, self.hz)
        # but not under T-SOUTH, another branch
        self.assertRefused(
            "onboard_stores",
            [self.store_vals("T-S-GD3", "t.store.gd3", "T-SOUTH", "T-GD")],
            "only onboard stores in your own network",
            user=self.east_manager,
        )

    def test_only_managers_onboard(self):
        with self.assertRaises(AccessError):
            self.Member.with_user(self.east_manager).onboard_distributors([self.distributor_vals("T-Y", "t.y")])
        with self.assertRaises(AccessError):
            self.Member.with_user(self.east_clerk).onboard_stores(
                [self.store_vals("T-S-Y", "t.s.y", "T-EAST", "T-ZJ")]
            )
        with self.assertRaises(AccessError):
            self.Member.with_user(self.store_hz_user).onboard_stores(
                [self.store_vals("T-S-Z", "t.s.z", "T-HZ", "T-ZJ")]
            )
        with self.assertRaises(AccessError):
            self.Member.with_user(self.brand_user).onboard_distributors([self.distributor_vals("T-Y", "t.y")])


@tagged("post_install", "-at_install")
class TestMemberUpdate(ChannelNetworkMixin, TransactionCase):
    """An update of a member, whoever sends it (the ERP through the API, a
    script), is checked by the member itself (``_resolve_update_vals``),
    with the same rules and words as onboarding."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_channel_network()

    def update(self, member, vals, user=None):
        return member.with_user(user or self.brand_manager)._resolve_update_vals(vals)

    def test_an_update_changes_the_contact_grade_tags_and_location(self):
        state = self.env.ref("base.cn").state_ids[:1]
        resolved, problems = self.update(self.store_hz, {
            "role": "store", "upstream_code": "T-HZ", "phone": "0571-9", "state_code": state.code,
            "credit_grade": "B", "territory_code": "T-GD", "tag_names": [], "login": "ignored", "code": "ignored",
        }, user=self.hz_manager)
        self.assertEqual(problems, [])
        self.assertEqual(resolved["partner"], {"phone": "0571-9", "state_id": state.id})
        self.assertEqual(resolved["member"]["credit_grade"], "B")
        self.assertEqual(resolved["member"]["territory_id"], self.t_gd.id)
        self.assertEqual(resolved["member"]["tag_ids"][0][2], [])

    def test_role_upstream_and_level_are_not_changed_by_an_update(self):
        other_level = self.env["channel.level"].search([("id", "!=", self.store_hz.level_id.id)], limit=1)
        __, problems = self.update(self.store_hz, {
            "role": "distributor", "upstream_code": "T-SOUTH", "level_code": other_level.code,
        })
        self.assertEqual(len(problems), 3, problems)
        self.assertIn("is a Store", problems[0])
        self.assertIn("moving a member to another upstream is done in Odoo by the channel team", problems[1])
        self.assertIn("is changed in Odoo by the channel team", problems[2])

    def test_credit_grades_are_the_field_s(self):
        grades = self.Member._fields["credit_grade"].get_values(self.env)
        __, problems = self.update(self.store_hz, {"credit_grade": "Z", "state_code": "XX"})
        self.assertCountEqual(problems, [f"credit grade must be one of {', '.join(grades)}", "unknown state_code XX"])

    def test_the_grade_is_changed_only_by_who_grants_the_credit(self):
        with self.assertRaisesRegex(AccessError, "decided by"):
            self.update(self.store_hz, {"credit_grade": "A"})  # the brand does not grant T-HZ's stores credit
        __, problems = self.update(self.store_hz, {"credit_grade": self.store_hz.credit_grade})
        self.assertEqual(problems, [], "the same grade sent again is no decision")
        __, problems = self.update(self.store_hz, {"credit_grade": "A"}, user=self.hz_manager)
        self.assertEqual(problems, [])
