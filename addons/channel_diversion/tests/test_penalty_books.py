# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""A diversion penalty debits a rebate fund in its issuer's books (issue 16.5):
the brand takes it only from the funds it keeps (its direct buyers'); a
dealer's fund is kept by the dealer's upstream, whose books the brand does
not write."""
from odoo.exceptions import AccessError, UserError
from odoo.tests import TransactionCase, tagged

from .common import ChannelDiversionMixin


@tagged("post_install", "-at_install")
class TestPenaltyBooks(ChannelDiversionMixin, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_channel_diversion()
        cls.Case = cls.env["channel.diversion.case"]
        cls.Account = cls.env["channel.fund.account"]

    def confirmed_case(self, distributor):
        case = self.Case.create({
            "kind": "volume", "distributor_id": distributor.id, "product_id": self.notebook.id,
            "qty_received": 100, "qty_sold_out": 0,
        })
        case.with_user(self.brand_manager).action_confirm(points=0)
        return case

    def funded(self, distributor, amount=500.0):
        account = self.Account._get_or_create(distributor, "rebate")
        account.sudo()._credit_rebate(amount, description="T 返利")
        return account

    def test_the_brand_penalises_from_the_funds_it_keeps(self):
        account = self.funded(self.east)
        self.assertEqual(account.company_id, self.brand_company)
        case = self.confirmed_case(self.east)
        case.with_user(self.brand_manager).action_penalise(50.0)
        account.invalidate_recordset()
        self.assertEqual((account.balance, case.penalty_entry_id.move_id.company_id), (450.0, self.brand_company))

    def test_the_brand_does_not_write_a_dealers_upstreams_books(self):
        account = self.funded(self.hz)
        self.assertEqual(account.company_id, self.east_company, "T-HZ's rebate fund is kept by T-EAST")
        moves_before = self.env["account.move"].search_count([("company_id", "=", self.east_company.id)])
        case = self.confirmed_case(self.hz)
        with self.assertRaisesRegex(UserError, "kept in the books of"):
            case.with_user(self.brand_manager).action_penalise(50.0)
        for user in (self.east_manager, self.hz_manager, self.south_manager):
            with self.subTest(who=user.login), self.assertRaises(AccessError):
                case.with_user(user).action_penalise(50.0)
        account.invalidate_recordset()
        self.assertEqual((account.balance, case.rebate_penalty), (500.0, 0.0))
        self.assertEqual(self.env["account.move"].search_count([("company_id", "=", self.east_company.id)]), moves_before)
