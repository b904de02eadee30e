# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Members: distributors and stores, onboarded or updated."""
from odoo import _, api, models
from odoo.exceptions import UserError

from odoo.addons.channel_base.models.channel_member_onboarding import COMMON_KEYS, DISTRIBUTOR_KEYS

MEMBER_SCHEMA = dict(DISTRIBUTOR_KEYS, ref=str, role=str, upstream_ref=str)


class ChannelApi(models.AbstractModel):
    _inherit = "channel.api"

    # === MEMBERS === #
    @api.model
    def _api_prepare_member(self, payload, batch):
        self._api_check_payload(payload, MEMBER_SCHEMA, ("ref", "role"))
        role = payload["role"]
        if role not in ("distributor", "store"):
            raise UserError(_("'role' is 'distributor' or 'store'"))
        ref = payload["ref"].strip()
        code = (payload.get("code") or ref).strip()
        Member = self.env["channel.member"].sudo().with_context(active_test=False)
        record = self._api_bound("member", ref, batch) or Member.search([("code", "=", code)], limit=1)
        upstream = self._api_member(payload, batch, "upstream_code", "upstream_ref")
        if record:
            return record, self._api_member_changes(payload, record, upstream, batch)
        if role == "distributor":
            self._api_check_brand(batch, _("distributors"))
        values = {k: v for k, v in payload.items() if k in COMMON_KEYS or k in DISTRIBUTOR_KEYS}
        values["code"] = code
        if upstream is not None:
            values.pop("upstream_code", None)
            values["upstream_id"] = upstream.id
        seen = batch.setdefault("onboarding", {"codes": set(), "logins": set(), "authorizations": set()})
        resolved, problems = self.env["channel.member"]._resolve_onboarding_vals(values, role, seen)
        if problems:
            raise UserError("; ".join(problems))
        return Member, {"onboard": resolved}

    @api.model
    def _api_member_changes(self, payload, member, upstream, batch):
        """What an update of an existing member changes: checked by the
        member (``_resolve_update_vals``, the rules of an update whoever sends
        it), within the caller's network."""
        if not self._api_in_scope(batch["scope"], member):
            raise UserError(_("%(member)s is not in your network", member=member.display_name))
        vals = {k: v for k, v in payload.items() if k in DISTRIBUTOR_KEYS or k == "role"}
        if upstream is not None:
            vals.pop("upstream_code", None)
            vals["upstream_id"] = upstream.id
        resolved, problems = member.with_env(self.env)._resolve_update_vals(vals)
        if problems:
            raise UserError("; ".join(problems))
        changes = {}
        partner_changes = self._api_diff(member.partner_id, resolved["partner"])
        member_changes = self._api_diff(member, resolved["member"])
        if partner_changes:
            changes["partner"] = partner_changes
        if member_changes:
            changes["member"] = member_changes
        return changes

    @api.model
    def _api_apply_member(self, payload, record, changes, batch):
        ref = payload["ref"].strip()
        Member = self.env["channel.member"].sudo()
        if not record:
            values = changes["onboard"]
            create = Member._onboard_distributor if payload["role"] == "distributor" else Member._onboard_store
            record = create(values).sudo()
            status = "created"
        elif changes:
            if "partner" in changes:
                record.partner_id.write(changes["partner"])
            if "member" in changes:
                record.write(changes["member"])
            status = "updated"
        else:
            status = "unchanged"
        if self._api_bound("member", ref, batch) != record:
            self._api_forget("member", ref, batch, record)
        batch["cache"].setdefault("member", {})[("code", record.code)] = record
        return status, record
