# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Territories: sales territories by provinces or postcodes."""
from odoo import Command, _, api, models
from odoo.exceptions import UserError

TERRITORY_SCHEMA = {
    "ref": str, "code": str, "name": str, "type": str, "state_codes": list, "country_code": str,
    "zip_codes": str, "branch": str,
}
TERRITORY_TYPES = ("state", "zip")


class ChannelApi(models.AbstractModel):
    _inherit = "channel.api"

    # === TERRITORIES === #
    @api.model
    def _api_prepare_territory(self, payload, batch):
        self._api_check_brand(batch, _("territories"))
        self._api_check_payload(payload, TERRITORY_SCHEMA, ("ref",))
        ref = payload["ref"].strip()
        code = (payload.get("code") or ref).strip()
        Territory = self.env["res.territory"].sudo()
        record = self._api_bound("territory", ref, batch) or Territory.search([("code", "=", code)], limit=1)
        if not record and not payload.get("name"):
            raise UserError(_("'name' is required to create a territory"))
        vals = {"code": code}
        for key in ("name", "zip_codes"):
            if key in payload:
                vals[key] = payload[key]
        if "type" in payload or not record:
            kind = payload.get("type") or "state"
            if kind not in TERRITORY_TYPES:
                raise UserError(_("a territory's type is 'state' (provinces) or 'zip' (postcodes)"))
            vals["type"] = kind
        if "state_codes" in payload:
            country = self.env["res.country"].sudo().search(
                [("code", "=", (payload.get("country_code") or "CN").upper())], limit=1
            )
            if not country:
                raise UserError(_("unknown country %(country)s", country=payload.get("country_code")))
            codes = payload["state_codes"]
            states = self.env["res.country.state"].sudo().search(
                [("country_id", "=", country.id), ("code", "in", [c for c in codes if isinstance(c, str)])]
            )
            unknown = set(codes) - set(states.mapped("code"))
            if unknown:
                raise UserError(_("unknown province %(states)s", states=", ".join(map(str, sorted(unknown, key=str)))))
            vals["state_ids"] = [Command.set(states.ids)]
        if "branch" in payload:
            branch = self.env["res.branch"].sudo().search([("name", "=", payload["branch"])], limit=1)
            if not branch:
                raise UserError(_("unknown branch %(branch)s", branch=payload["branch"]))
            vals["branch_id"] = branch.id
        return record, self._api_diff(record, vals)

    @api.model
    def _api_apply_territory(self, payload, record, changes, batch):
        return self._api_apply_simple("territory", "res.territory", payload, record, changes, batch)
