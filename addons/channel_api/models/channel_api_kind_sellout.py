# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Sell-out: a store's weekly stock and sell-out report."""
from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import float_compare

SELLOUT_SCHEMA = {"store_code": str, "week": "date", "lines": list}
SELLOUT_LINE_SCHEMA = {"product_code": str, "on_hand": float, "sold": float, "price": float}


class ChannelApi(models.AbstractModel):
    _inherit = "channel.api"

    # === SELL-OUT === #
    @api.model
    def _api_prepare_sellout(self, payload, batch):
        self._api_check_payload(payload, SELLOUT_SCHEMA, ("store_code", "week", "lines"))
        store = self._api_member(payload, batch, "store_code")
        if store.role != "store":
            raise UserError(_("%(member)s is not a store", member=store.display_name))
        if not self._api_in_scope(batch["scope"], store):
            raise UserError(_("%(member)s is not in your network", member=store.display_name))
        self._api_check_books(batch, store.supplier_company_id, store)
        if not payload["lines"]:
            raise UserError(_("a report needs at least one line"))
        lines, problems, seen = [], [], set()
        for number, raw in enumerate(payload["lines"], start=1):
            try:
                if not isinstance(raw, dict):
                    raise UserError(_("it is not a dictionary"))
                self._api_check_payload(raw, SELLOUT_LINE_SCHEMA, ("product_code",))
                product = self._api_product(raw, batch)
                if product in seen:
                    raise UserError(_("%(product)s is already in the report", product=product.display_name))
                seen.add(product)
                values = (raw.get("on_hand", 0.0), raw.get("sold", 0.0), raw.get("price", 0.0))
                if any(value < 0 for value in values):
                    raise UserError(_("quantities and prices cannot be negative"))
                lines.append((product, *map(float, values)))
            except UserError as error:
                problems.append(_("line %(line)s: %(problem)s", line=number, problem=error.args[0]))
        if problems:
            raise UserError("; ".join(problems))
        Report = self.env["channel.sellout.report"].sudo()
        week = Report._week_of(fields.Date.to_date(payload["week"]))
        report = Report.search([("member_id", "=", store.id), ("week", "=", week)], limit=1)
        if report and self._api_report_same(report, lines):
            return report, {}
        return report, {"store": store, "week": week, "lines": lines}

    @api.model
    def _api_report_same(self, report, lines):
        current = {line.product_id: (line.qty_on_hand, line.qty_sold, line.price) for line in report.line_ids}
        return len(current) == len(lines) and all(
            product in current and all(
                float_compare(a, b, precision_digits=6) == 0 for a, b in zip(current[product], values)
            )
            for product, *values in lines
        )

    @api.model
    def _api_apply_sellout(self, payload, record, changes, batch):
        if not changes:
            return "unchanged", record
        report = self.env["channel.sellout.report"]._submit(
            changes["store"], changes["week"], changes["lines"], source="api"
        )
        return ("updated" if record else "created"), report
