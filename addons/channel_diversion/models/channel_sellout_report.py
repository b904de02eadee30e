# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, models
from odoo.exceptions import ValidationError
from odoo.tools import float_compare

DEFAULT_PRICE_TOLERANCE = 5.0  # % below the guide price before a case opens


class ChannelSelloutReport(models.Model):
    _inherit = "channel.sellout.report"

    @api.model
    def _submit(self, member, week, lines, source="portal"):
        report = super()._submit(member, week, lines, source=source)
        report._channel_check_prices()
        return report

    def _channel_check_prices(self):
        """A line sold below the product's guide (retail) price, beyond the
        tolerance ``channel_diversion.price_tolerance`` (%), opens a price case
        against the store's distributor (one open per store and product)."""
        tolerance = float(self.env["ir.config_parameter"].sudo().get_param(
            "channel_diversion.price_tolerance", DEFAULT_PRICE_TOLERANCE
        ))
        Case = self.env["channel.diversion.case"].sudo()
        priced = self.line_ids.filtered("price")
        if not priced:
            return
        open_cases = {
            (case.found_member_id, case.product_id) for case in Case.search([
                ("kind", "=", "price"), ("state", "=", "open"), ("found_member_id", "in", priced.member_id.ids),
            ])
        }
        for line in priced:
            guide = line.product_id.list_price
            floor = guide * (1 - tolerance / 100.0)
            if not guide or float_compare(line.price, floor, precision_digits=2) >= 0:
                continue
            if (line.member_id, line.product_id) not in open_cases:
                Case._open_price_case(line, guide)
                open_cases.add((line.member_id, line.product_id))

    @api.model
    def submit(self, store_code, week, lines):
        """Also: a line may carry ``"codes"``, the product codes the store
        read on what it sold; each is traced as a scan of the report."""
        codes = []
        for number, line in enumerate(lines if isinstance(lines, (list, tuple)) else [], start=1):
            found = line.get("codes") if isinstance(line, dict) else None
            if found is None:
                continue
            if not isinstance(found, (list, tuple)) or not all(isinstance(code, str) for code in found):
                raise ValidationError(_("Line %(number)s: codes are a list of texts.", number=number))
            for code in found:
                self.env["channel.code.scan"]._check_code_length(code.strip())
            codes.extend(found)
        report_id = super().submit(store_code, week, lines)
        if codes:
            report = self.sudo().browse(report_id)
            Scan = self.env["channel.code.scan"].sudo()
            Code = self.env["channel.code"].sudo()
            for code in codes:
                Scan._record(Code._trace(code), code.strip(), report.member_id, "sellout")
        return report_id
