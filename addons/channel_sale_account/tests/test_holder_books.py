# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command
from odoo.tests import TransactionCase, tagged

from odoo.addons.channel_account.tests.common import HolderBooksMixin
from odoo.addons.channel_sale.tests.common import ChannelSaleMixin


@tagged("post_install", "-at_install")
class TestHolderBooksOrders(HolderBooksMixin, ChannelSaleMixin, TransactionCase):
    """An order a distributor pays from its rebate fund is booked in its own
    books too: its upstream's invoice is paid by the fund, and the vendor bill
    the inter-company invoicing made of it is settled by that payment."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_channel_sale()
        cls.rebate = cls.env["channel.fund.account"]._get_or_create(cls.east, "rebate")
        cls.rebate._credit_rebate(1000.0)

    def test_an_order_paid_from_the_rebate_fund_pays_the_distributors_vendor_bill(self):
        brand_env = self.env_of(self.admin, self.brand_company)
        order = brand_env["sale.order"].create({
            "partner_id": self.east.partner_id.id,
            "order_line": [Command.create({"product_id": self.product.id, "product_uom_qty": 40})],
            "channel_fund_account_id": self.rebate.id,
            "channel_fund_amount": 15.0,
        })
        self.assertEqual(order.amount_total, 60.0)
        order.action_confirm()
        self.assertEqual(order.state, "sale")
        order.order_line.qty_delivered = 40
        invoice = order._create_invoices()
        invoice.action_post()
        self.assertEqual(invoice.amount_residual, 45.0, "the fund paid 15")
        self.assert_both_books(self.rebate, 985.0)
        bill = self.env["account.move"].sudo().search([("auto_invoice_id", "=", invoice.id)])
        self.assertRecordValues(bill, [{
            "company_id": self.east_company.id, "state": "posted", "amount_total": 60.0, "amount_residual": 45.0,
        }])
