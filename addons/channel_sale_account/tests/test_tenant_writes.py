# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""No tenant writes another's books: every write the suite
makes with sudo is tried as the upstream of the books' owner, a sibling
distributor, the holder itself and the owner, through the ORM and XML-RPC."""
from xmlrpc.client import Fault

from odoo import fields
from odoo.exceptions import AccessError
from odoo.tests import HttpCase, TransactionCase, get_db_name, tagged

from odoo.addons.channel_base.tests.common import PASSWORD
from odoo.addons.channel_sale.tests.common import ChannelSaleMixin


class TenantWritesMixin(ChannelSaleMixin):
    @classmethod
    def setup_tenant_writes(cls):
        cls.setup_channel_sale()
        # who works where: (user, the company they act in)
        cls.as_brand = (cls.brand_manager, cls.brand_company)
        cls.as_east = (cls.east_manager, cls.east_company)
        cls.as_hz = (cls.hz_manager, cls.hz_company)
        cls.as_south = (cls.south_manager, cls.south_company)
        cls.as_store = (cls.store_hz_user, cls.hz_company)
        cls.Account = cls.env["channel.fund.account"]

    def member_as(self, member, who):
        user, company = who
        return member.with_env(self.env_of(user, company))

    def credit_line(self, member):
        return self.Account._find(member, member.supplier_company_id, "credit")


@tagged("post_install", "-at_install")
class TestCreditIsTheGrantors(TenantWritesMixin, TransactionCase):
    """Credit is decided only in the books of the company that grants it: the
    member's upstream company. Its managers change a member's credit limit,
    grade and auto-confirm amount; the upstream's upstream (whose branch the
    member is in), a sibling, the holder and the brand (for a dealer's store)
    do not, even where they may write the member's other fields."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_tenant_writes()

    def assert_credit_refused(self, member, who, label):
        line = self.credit_line(member)
        before = (member.credit_limit, member.credit_grade, member.order_auto_confirm_limit, len(line.entry_ids))
        for vals in ({"credit_limit": 123456.0}, {"credit_grade": "D"}, {"order_auto_confirm_limit": 99.0}):
            with self.subTest(who=label, vals=vals), self.assertRaises(AccessError):
                self.member_as(member, who).write(vals)
        member.invalidate_recordset()
        line.invalidate_recordset()
        after = (member.credit_limit, member.credit_grade, member.order_auto_confirm_limit, len(line.entry_ids))
        self.assertEqual(after, before, f"{label}: nothing changed")

    def test_a_dealers_store_credit_is_the_dealers_decision(self):
        store = self.member_as(self.store_hz, self.as_hz)
        store.write({"credit_limit": 5000.0, "credit_grade": "B", "order_auto_confirm_limit": 800.0})
        self.assertEqual((self.store_hz.credit_limit, self.store_hz.credit_grade), (5000.0, "B"))
        self.assertEqual(self.credit_line(self.store_hz).balance, 5000.0, "the ledger follows")
        self.assertEqual(
            self.store_hz.partner_id.with_company(self.hz_company).credit_limit, 5000.0, "the limit enforced follows"
        )
        for who, label in (
            (self.as_east, "the dealer's upstream (level 1, whose branch the store is in)"),
            (self.as_south, "a sibling distributor"),
            (self.as_store, "the store itself"),
            (self.as_brand, "the brand, which is not the grantor"),
            ((self.brand_manager, self.hz_company), "a brand manager given the dealer's books"),
        ):
            self.assert_credit_refused(self.store_hz, who, label)
        # the upstream still manages the store's other fields
        self.member_as(self.store_hz, self.as_east).tag_ids = False
        self.assertFalse(self.store_hz.tag_ids)

    def test_a_dealers_credit_is_its_upstreams_decision(self):
        self.member_as(self.hz, self.as_east).write({"credit_limit": 7000.0, "credit_grade": "B"})
        self.assertEqual((self.hz.credit_limit, self.hz.credit_grade), (7000.0, "B"))
        self.assertEqual(self.credit_line(self.hz).company_id, self.east_company)
        for who, label in (
            (self.as_hz, "the dealer itself"),
            (self.as_south, "a sibling distributor"),
            (self.as_brand, "the brand"),
        ):
            self.assert_credit_refused(self.hz, who, label)

    def test_a_level_1_distributors_credit_is_the_brands_decision(self):
        self.member_as(self.east, self.as_brand).write({"credit_limit": 9000.0, "credit_grade": "C"})
        self.assertEqual((self.east.credit_limit, self.east.credit_grade), (9000.0, "C"))
        for who, label in ((self.as_east, "the distributor itself"), (self.as_south, "a sibling distributor")):
            self.assert_credit_refused(self.east, who, label)

    def test_the_grantor_acts_in_its_own_company(self):
        # hz.manager's request acting in another company it is not given is
        # refused by Odoo itself; one acting in its own is the grantor's
        self.member_as(self.store_hz, self.as_hz).credit_grade = "D"
        self.assertEqual(self.store_hz.credit_grade, "D")

    def test_a_new_member_gets_credit_only_from_its_grantor(self):
        Member = self.env["channel.member"]
        vals = {
            "code": "T-S-NEW", "role": "store", "upstream_id": self.hz.id,
            "partner_id": self.env["res.partner"].create({"name": "T 新门店"}).id,
            "level_id": self.env.ref("channel_base.channel_level_store").id, "credit_grade": "A",
        }
        with self.assertRaises(AccessError):
            Member.with_env(self.env_of(*self.as_east)).create(vals)
        self.assertFalse(Member.search([("code", "=", "T-S-NEW")]))
        # the default grade is anyone's to give
        member = Member.with_env(self.env_of(*self.as_east)).create(dict(vals, credit_grade="C"))
        self.assertEqual(member.credit_grade, "C")


@tagged("post_install", "-at_install")
class TestStatementsOfReadableAccounts(TenantWritesMixin, TransactionCase):
    """A statement is made only on an account its user can read: otherwise it
    would tell any store every holder's name and account type."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_tenant_writes()
        cls.cash_hz = cls.Account._get_or_create(cls.store_hz, "cash")
        cls.cash_gd = cls.Account._get_or_create(cls.store_gd, "cash")

    def test_a_store_gets_no_statement_of_another_stores_account(self):
        today = fields.Date.today()
        Statement = self.env["channel.fund.statement"]
        for user, account, label in (
            (self.store_gd_user, self.cash_hz, "another store"),
            (self.south_manager, self.cash_hz, "a sibling distributor"),
            (self.store_hz_user, self.cash_gd, "a store of another branch"),
        ):
            with self.subTest(who=label), self.assertRaisesRegex(AccessError, "statements of the fund accounts you can see"):
                Statement.with_user(user).create({"account_id": account.id, "date_from": today, "date_to": today})
        # nor by moving an own statement onto another account
        own = Statement.with_user(self.store_gd_user).create({
            "account_id": self.cash_gd.id, "date_from": today, "date_to": today,
        })
        with self.assertRaises(AccessError):
            own.write({"account_id": self.cash_hz.id})
        self.assertEqual(own.account_id, self.cash_gd)
        # holder and issuer get theirs
        for user in (self.store_hz_user, self.hz_manager):
            statement = Statement.with_user(user).create({"account_id": self.cash_hz.id, "date_from": today, "date_to": today})
            self.assertEqual(statement.account_id, self.cash_hz)


@tagged("post_install", "-at_install")
class TestTenantWritesOverXmlrpc(TenantWritesMixin, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_tenant_writes()

    def _rpc(self, user, model, method, *args, **kwargs):
        db = get_db_name()
        uid = self.xmlrpc_common.authenticate(db, user.login, PASSWORD, {})
        self.assertEqual(uid, user.id, f"{user.login} logs in over XML-RPC")
        return self.xmlrpc_object.execute_kw(db, uid, PASSWORD, model, method, list(args), kwargs)

    def test_the_member_forms_credit_fields_over_xmlrpc(self):
        # the report: the level-1 manager raised its dealer's store's limit
        with self.assertRaisesRegex(Fault, "decided by"):
            self._rpc(self.east_manager, "channel.member", "write", self.store_hz.ids, {"credit_limit": 123456.0})
        with self.assertRaisesRegex(Fault, "decided by"):
            self._rpc(self.east_manager, "channel.member", "write", self.store_hz.ids, {"credit_grade": "D"})
        self.assertEqual((self.store_hz.credit_limit, self.store_hz.credit_grade), (100000.0, "A"))
        self._rpc(self.hz_manager, "channel.member", "write", self.store_hz.ids, {"credit_limit": 4000.0})
        self.store_hz.invalidate_recordset()
        self.assertEqual(self.store_hz.credit_limit, 4000.0)

    def test_a_statement_of_another_stores_account_over_xmlrpc(self):
        account = self.Account._get_or_create(self.store_hz, "cash")
        today = fields.Date.to_string(fields.Date.today())
        with self.assertRaisesRegex(Fault, "statements of the fund accounts you can see"):
            self._rpc(self.store_gd_user, "channel.fund.statement", "create",
                      {"account_id": account.id, "date_from": today, "date_to": today})
        self.assertFalse(self.env["channel.fund.statement"].search([("create_uid", "=", self.store_gd_user.id)]))


@tagged("post_install", "-at_install")
class TestHeldOrdersAreTheGrantors(TenantWritesMixin, TransactionCase):
    """Approving a held order over the credit rules is a credit decision: the
    seller's own managers take it, not a brand manager given its books."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_tenant_writes()

    def test_only_the_sellers_managers_approve_over_credit(self):
        self.store_hz.credit_grade = "C"
        order = self.store_order(self.store_hz, self.hz_manager, qty=1)
        self.assertEqual(order.channel_approval_state, "to_approve")
        self.assertIn(self.hz_company, self.brand_manager.company_ids, "onboarding gave the brand manager T-HZ's books")
        for who, label in (
            ((self.brand_manager, self.hz_company), "a brand manager given the dealer's books"),
            (self.as_east, "the dealer's upstream"),
            (self.as_south, "a sibling distributor"),
            (self.as_store, "the store itself"),
        ):
            with self.subTest(who=label), self.assertRaises(AccessError):
                order.with_env(self.env_of(*who)).action_channel_approve()
            self.assertEqual((order.state, order.channel_approval_state), ("draft", "to_approve"))
        order.with_env(self.env_of(*self.as_hz)).action_channel_approve()
        self.assertEqual((order.state, order.channel_approval_state), ("sale", "approved"))
