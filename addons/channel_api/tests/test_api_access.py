# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError
from odoo.tests import TransactionCase, new_test_user, tagged

from odoo.addons.channel_base.tests.common import PASSWORD

from .common import ChannelApiMixin


@tagged("post_install", "-at_install")
class TestApiAccess(ChannelApiMixin, TransactionCase):
    """The integration user may call the API and nothing else of the channel;
    nobody else but the brand's managers may call it; the log and the ERP
    references are the integration admin's to see."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_channel_api()
        cls.stranger = new_test_user(cls.env, "t.stranger.portal", password=PASSWORD, groups="base.group_portal")

    def _refused(self, user):
        try:
            self.env["channel.api"].with_user(user).upsert_products([{"ref": "X-1", "name": "T X"}])
        except AccessError as error:
            return error
        return None

    def test_only_integration_user_and_brand_managers_call_the_api(self):
        for user in (self.brand_user, self.east_manager, self.hz_manager, self.east_clerk, self.store_hz_user,
                     self.stranger, self.integration_admin):
            with self.subTest(user=user.login):
                self.assertTrue(self._refused(user), f"{user.login} may not call the API")
                call = self.last_call()
                self.assertEqual((call.user_id, call.outcome), (user, "refused"))
        self.assertFalse(self._refused(self.erp))
        self.assertFalse(self._refused(self.brand_manager))
        with self.assertRaises(AccessError):
            self.env["channel.api"].with_user(self.store_hz_user).read_orders()
        self.assertEqual(self.env["product.template"].search_count([("default_code", "=", "X-1")]), 1)

    def test_integration_user_has_the_least_rights(self):
        """Outside the API it cannot read orders, funds, members or the log,
        nor change a product."""
        for model in ("sale.order", "purchase.order", "channel.fund.account", "channel.member", "channel.api.call",
                      "channel.api.binding", "channel.import"):
            with self.subTest(model=model), self.assertRaises(AccessError):
                self.env[model].with_user(self.erp).search([])
        with self.assertRaises(AccessError):
            self.pencil.with_user(self.erp).write({"list_price": 0.01})

    def test_log_and_references_for_the_integration_admin_only(self):
        self.Api.upsert_products([{"ref": "SAP-1", "name": "T 可见", "default_code": "T-SEEN"}])
        self.assertTrue(self.env["channel.api.call"].with_user(self.integration_admin).search([("method", "=", "upsert_products")]))
        self.assertEqual(
            self.env["channel.api.binding"].with_user(self.integration_admin).search([("ref", "=", "SAP-1")]).res_model,
            "product.template",
        )
        for user in (self.brand_manager, self.brand_user, self.east_manager, self.store_hz_user, self.stranger):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self.env["channel.api.call"].with_user(user).search([])

    def test_old_calls_are_purged(self):
        self.Api.upsert_products([{"ref": "SAP-2", "name": "T 旧", "default_code": "T-OLD"}])
        self.env.cr.execute("UPDATE channel_api_call SET create_date = now() - interval '91 days'")
        self.Api.upsert_products([{"ref": "SAP-2", "name": "T 旧", "default_code": "T-OLD"}])
        self.env["channel.api.call"]._cron_purge()
        calls = self.env["channel.api.call"].search([])
        self.assertEqual(len(calls), 1)
        self.assertEqual(calls.unchanged_count, 1)
