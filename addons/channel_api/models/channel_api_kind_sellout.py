# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Sell-out: a store's weekly stock and sell-out report, its lines checked by
``channel.sellout.report._prepare_lines``."""
from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import float_compare

SELLOUT_SCHEMA = {"store_code": str, "week": "date", "lines": list}
SELLOUT_LINE_KEYS = {"product_code", "on_hand", "sold", "price"}


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
        # the lines' rules are the report's (the same whichever way a report comes);
        # the API only refuses keys it does not know, as for every record
        unknown = {key for raw in payload["lines"] if isinstance(raw, dict) for key in raw} - SELLOUT_LINE_KEYS
        if unknown:
            raise UserError("; ".join(_("unknown field '%(field)s'", field=key) for key in sorted(unknown, key=str)))
        Report = self.env["channel.sellout.report"].sudo()
        lines = Report._prepare_lines(payload["lines"])
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
