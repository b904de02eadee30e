# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Members: distributors and stores, onboarded or updated."""
from odoo import Command, _, api, models
from odoo.exceptions import UserError

from odoo.addons.channel_base.models.channel_member_onboarding import COMMON_KEYS, DISTRIBUTOR_KEYS

MEMBER_SCHEMA = dict(DISTRIBUTOR_KEYS, ref=str, role=str, upstream_ref=str)
MEMBER_PARTNER_FIELDS = ("name", "street", "street2", "city", "zip", "phone", "email", "vat")


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
        """What an update of an existing member changes; refuses what the ERP
        may not change (role, upstream, level, a member outside the scope)."""
        if not self._api_in_scope(batch["scope"], member):
            raise UserError(_("%(member)s is not in your network", member=member.display_name))
        if payload["role"] != member.role:
            raise UserError(_("%(member)s is a %(role)s", member=member.display_name, role=member._role_label()))
        if upstream is not None and upstream != member.upstream_id:
            raise UserError(_(
                "%(member)s buys from %(upstream)s: moving a member to another upstream is done in Odoo by the "
                "channel team", member=member.display_name, upstream=member.upstream_id.display_name,
            ))
        if payload.get("level_code") and payload["level_code"] != member.level_id.code:
            raise UserError(_("the level of %(member)s is changed in Odoo by the channel team", member=member.display_name))
        partner_vals = {key: payload[key] for key in MEMBER_PARTNER_FIELDS if key in payload}
        if "state_code" in payload:
            country = member.partner_id.country_id or self.env.ref("base.cn")
            state = self.env["res.country.state"].sudo().search(
                [("country_id", "=", country.id), ("code", "=", payload["state_code"])], limit=1
            )
            if not state:
                raise UserError(_("unknown state_code %(state)s", state=payload["state_code"]))
            partner_vals["state_id"] = state.id
        member_vals = {}
        if "credit_grade" in payload:
            if payload["credit_grade"] not in ("A", "B", "C", "D"):
                raise UserError(_("credit grade must be one of A, B, C, D"))
            member_vals["credit_grade"] = payload["credit_grade"]
        if "territory_code" in payload:
            territory = self.env["res.territory"].sudo().search([("code", "=", payload["territory_code"])], limit=1)
            if not territory:
                raise UserError(_("unknown territory_code %(code)s", code=payload["territory_code"]))
            member_vals["territory_id"] = territory.id
        if "tag_names" in payload:
            tags = self.env["channel.member.tag"].sudo().search([("name", "in", payload["tag_names"])])
            unknown = set(payload["tag_names"]) - set(tags.mapped("name"))
            if unknown:
                raise UserError(_("unknown tag %(tags)s", tags=", ".join(map(str, unknown))))
            member_vals["tag_ids"] = [Command.set(tags.ids)]
        changes = {}
        partner_changes = self._api_diff(member.partner_id, partner_vals)
        member_changes = self._api_diff(member, member_vals)
        if "credit_grade" in member_changes:
            # applied with sudo below: the grade is the grantor's decision, not the importer's
            member.with_env(self.env)._check_credit_grantor()
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
