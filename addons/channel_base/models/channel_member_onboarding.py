# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""One-step onboarding of distributors (tenant companies) and stores.

The public entry points ``onboard_distributors`` and ``onboard_stores`` take a
list of plain dictionaries, so the same call serves the wizards, Python code and
XML-RPC. A batch is checked as a whole before anything is created; any problem
raises one ``ValidationError`` listing every bad row, and nothing is created.
"""
from odoo import Command, _, api, models
from odoo.exceptions import AccessError, ValidationError

COMMON_KEYS = {
    "name": str,
    "code": str,
    "upstream_code": str,
    "upstream_id": int,
    "level_code": str,
    "territory_code": str,
    "street": str,
    "street2": str,
    "city": str,
    "zip": str,
    "state_code": str,
    "country_code": str,
    "phone": str,
    "email": str,
    "vat": str,
    "lang": str,
    "login": str,
    "password": str,
    "user_name": str,
    "credit_grade": str,
    "tag_names": list,
    "territory_id": int,
    "state_id": int,
    "level_id": int,
    "tag_ids": list,
}
DISTRIBUTOR_KEYS = dict(COMMON_KEYS, territory_codes=list, territory_ids=list)
STORE_KEYS = COMMON_KEYS
REQUIRED_KEYS = ("name", "code", "login")
# what an update of a member changes of its contact (with ``state_code``)
UPDATE_PARTNER_KEYS = ("name", "street", "street2", "city", "zip", "phone", "email", "vat")
MAX_BATCH = 1000


class ChannelMember(models.Model):
    _inherit = "channel.member"

    # === PUBLIC API (UI, code, XML-RPC) === #
    @api.model
    def onboard_distributors(self, vals_list):
        """Create distributors, each with its tenant company, chart of accounts,
        warehouse, pricing toward its upstream, first user and network member.

        :param vals_list: list of dicts; keys: ``name``, ``code``, ``login``
            (required), ``upstream_code`` or ``upstream_id`` (default: the
            brand), ``level_code`` (default: the next distributor level),
            ``territory_codes`` (authorised territories), ``territory_code``
            (where it is located; default: the first authorised territory),
            address keys ``street street2 city zip state_code country_code``,
            ``phone email vat lang``, ``user_name``, ``password``,
            ``credit_grade`` (A-D), ``tag_names``.
        :return: ids of the new members, in the order given
        """
        if not self.env.user.has_group("channel_base.group_channel_brand_manager"):
            raise AccessError(_("Only the brand's channel managers can onboard distributors."))
        return self._onboard_batch(vals_list, "distributor").ids

    @api.model
    def onboard_stores(self, vals_list):
        """Create stores, each with its contact in the distributor's company, a
        portal user and the network member bound to the distributor.

        Same keys as :meth:`onboard_distributors` but ``territory_codes``;
        ``upstream_code``/``upstream_id`` (the distributor) is required, and the
        territory is found from the province when not given.
        Brand channel managers onboard stores anywhere; distributor managers
        only under their own branch of the network.
        """
        user = self.env.user
        if not (
            user.has_group("channel_base.group_channel_brand_manager")
            or user.has_group("channel_base.group_channel_distributor_manager")
        ):
            raise AccessError(_("Only channel managers can onboard stores."))
        return self._onboard_batch(vals_list, "store").ids

    # === BATCH === #
    @api.model
    def _onboard_batch(self, vals_list, role):
        if not isinstance(vals_list, (list, tuple)) or not vals_list:
            raise ValidationError(_("Send a non-empty list of records to onboard."))
        if len(vals_list) > MAX_BATCH:
            raise ValidationError(
                _("At most %(max)s records can be onboarded in one call; split the batch.", max=MAX_BATCH)
            )
        seen = {"codes": set(), "logins": set(), "authorizations": set()}
        resolved, errors = [], []
        for index, vals in enumerate(vals_list, start=1):
            values, problems = self._resolve_onboarding_vals(vals, role, seen)
            if problems:
                label = vals.get("code") if isinstance(vals, dict) else None
                errors.append(
                    _("Row %(row)s (%(code)s): %(problems)s", row=index, code=label or "?", problems="; ".join(problems))
                )
            resolved.append(values)
        if errors:
            raise ValidationError(_("Nothing was onboarded:\n%(errors)s", errors="\n".join(errors)))
        create = self._onboard_distributor if role == "distributor" else self._onboard_store
        members = self.browse()
        for values in resolved:
            # the savepoint makes each record all-or-nothing even for a caller
            # that catches the error; the ORM request rolls back the rest
            with self.env.cr.savepoint():
                members |= create(values)
        return members

    @api.model
    def _resolve_onboarding_vals(self, vals, role, seen):
        """Check one onboarding request and resolve its references to records.

        :return: (values with records instead of codes, list of problems)
        """
        if not isinstance(vals, dict):
            return {}, [_("each record must be a dictionary of fields")]
        problems = []
        schema = DISTRIBUTOR_KEYS if role == "distributor" else STORE_KEYS
        for key, value in vals.items():
            if key not in schema:
                problems.append(_("unknown field '%(field)s'", field=key))
            elif value is not False and value is not None and not isinstance(value, schema[key]):
                problems.append(_("field '%(field)s' has the wrong type", field=key))
        if problems:
            return {}, problems
        values = {k: v.strip() if isinstance(v, str) else v for k, v in vals.items() if v not in (False, None)}
        for key in REQUIRED_KEYS:
            if not values.get(key):
                problems.append(_("'%(field)s' is required", field=key))
        if role == "distributor" and not values.get("email"):
            # Odoo posts every chatter message from its author's address: a
            # distributor's first user acts in the chain (inter-company orders,
            # returns, approvals) and cannot without one
            problems.append(_("'email' is required for a distributor: its first user sends the chain's messages"))
        Member = self.sudo().with_context(active_test=False)

        code = values.get("code")
        if code:
            if code in seen["codes"] or Member.search_count([("code", "=", code)], limit=1):
                problems.append(_("member code %(code)s is already used", code=code))
            seen["codes"].add(code)

        upstream = self._resolve_upstream(values, role, problems)
        values["upstream"] = upstream
        level = self._resolve_reference("channel.level", values, "level_id", "level_code", "code", problems)
        if level and level.role != role:
            problems.append(_("level %(level)s is not a %(role)s level", level=level.name, role=self._role_label(role)))
        elif not level and upstream and not problems:
            level = level._next_level(upstream.level_id, role)
            if not level:
                problems.append(
                    _("there is no %(role)s level below %(upstream)s", role=self._role_label(role), upstream=upstream.display_name)
                )
        if level and upstream and level.depth <= upstream.level:
            problems.append(
                _("level %(level)s is not below the upstream's level %(upstream_level)s",
                  level=level.name, upstream_level=upstream.level_id.name)
            )
        values["level"] = level

        authorized = self._resolve_references(
            "res.territory", values, "territory_ids", "territory_codes", "code", problems
        )
        Authorization = self.env["channel.territory.authorization"].sudo()
        for territory in authorized:
            key = (territory.id, level.depth)
            taken = Authorization.search([("territory_id", "=", territory.id), ("level", "=", level.depth)], limit=1)
            if taken or key in seen["authorizations"]:
                problems.append(
                    _("territory %(territory)s is already authorised to %(member)s on this level",
                      territory=territory.name,
                      member=taken.member_id.display_name if taken else _("another row of this batch"))
                )
            seen["authorizations"].add(key)
        values["authorized_territories"] = authorized

        country = self.env["res.country"].search(
            [("code", "=", values.get("country_code", "CN").upper())], limit=1
        )
        if not country:
            problems.append(_("unknown country %(country)s", country=values.get("country_code")))
        values["country"] = country
        state = self._resolve_reference(
            "res.country.state", values, "state_id", "state_code", "code", problems, [("country_id", "=", country.id)]
        )
        values["state"] = state

        location = self._resolve_reference("res.territory", values, "territory_id", "territory_code", "code", problems)
        if not location:
            location = authorized[:1] or self.env["res.territory"].sudo()._find_for_address(
                state, values.get("zip"), country
            )
        if role == "store" and not location and not problems:
            problems.append(_("no territory given and none covers the store's address"))
        values["territory"] = location

        login = values.get("login")
        if login:
            if login in seen["logins"] or self.env["res.users"].sudo().with_context(active_test=False).search_count(
                [("login", "=", login)], limit=1
            ):
                problems.append(_("login %(login)s is already taken", login=login))
            seen["logins"].add(login)

        lang = values.get("lang")
        if lang and not self.env["res.lang"]._lang_get(lang):
            problems.append(_("language %(lang)s is not installed", lang=lang))
        grade = values.get("credit_grade")
        if grade and self._credit_grade_problem(grade):
            problems.append(self._credit_grade_problem(grade))
        values["tags"] = self._resolve_references(
            "channel.member.tag", values, "tag_ids", "tag_names", "name", problems
        )
        return values, problems

    @api.model
    def _credit_grade_problem(self, grade):
        """Why ``grade`` is no credit grade, or None: the grades are those of
        the field's selection."""
        grades = self._fields["credit_grade"].get_values(self.env)
        if grade not in grades:
            return _("credit grade must be one of %(grades)s", grades=", ".join(grades))
        return None

    # === UPDATES === #
    def _resolve_update_vals(self, vals):
        """Check an update of this member given with the onboarding keys (and
        ``role``) and resolve it to what to write: ``({"partner": contact
        values, "member": member values}, problems)``.

        An update changes the contact (``UPDATE_PARTNER_KEYS``, ``state_code``),
        the credit grade (only by who grants the credit: ``_check_credit_grantor``,
        raised as an ``AccessError``), the location (``territory_code``) and the
        tags (``tag_names``). The role, upstream and level of a member given
        with another value are refused: moving a member is done in Odoo by the
        channel team. The code, login and authorised territories are not
        changed by an update.
        """
        self.ensure_one()
        member_sudo = self.sudo()  # read only, to compare and to name it in messages
        problems = []
        role = vals.get("role")
        if role and role != member_sudo.role:
            problems.append(_("%(member)s is a %(role)s", member=member_sudo.display_name, role=member_sudo._role_label()))
        upstream = self._resolve_reference("channel.member", vals, "upstream_id", "upstream_code", "code", problems)
        if upstream and upstream != member_sudo.upstream_id:
            problems.append(_(
                "%(member)s buys from %(upstream)s: moving a member to another upstream is done in Odoo by the "
                "channel team", member=member_sudo.display_name, upstream=member_sudo.upstream_id.display_name,
            ))
        level = self._resolve_reference("channel.level", vals, "level_id", "level_code", "code", problems)
        if level and level != member_sudo.level_id:
            problems.append(_("the level of %(member)s is changed in Odoo by the channel team",
                              member=member_sudo.display_name))
        partner_vals = {key: vals[key] for key in UPDATE_PARTNER_KEYS if key in vals}
        if vals.get("state_code") or vals.get("state_id"):
            country = member_sudo.partner_id.country_id or self.env.ref("base.cn")
            state = self._resolve_reference("res.country.state", vals, "state_id", "state_code", "code", problems,
                                            [("country_id", "=", country.id)])
            partner_vals["state_id"] = state.id
        member_vals = {}
        if "credit_grade" in vals:
            problem = self._credit_grade_problem(vals["credit_grade"])
            if problem:
                problems.append(problem)
            member_vals["credit_grade"] = vals["credit_grade"]
        if vals.get("territory_code") or vals.get("territory_id"):
            territory = self._resolve_reference("res.territory", vals, "territory_id", "territory_code", "code", problems)
            member_vals["territory_id"] = territory.id
        if "tag_names" in vals or "tag_ids" in vals:
            tags = self._resolve_references("channel.member.tag", vals, "tag_ids", "tag_names", "name", problems)
            member_vals["tag_ids"] = [Command.set(tags.ids)]
        if not problems and any(
            key in member_vals and member_vals[key] != member_sudo[key] for key in self._channel_credit_fields()
        ):
            # the importer writes with sudo: the credit is the grantor's decision, checked as the caller
            self.sudo(False)._check_credit_grantor()
        return {"partner": partner_vals, "member": member_vals}, problems

    @api.model
    def _resolve_reference(self, model, values, id_key, code_key, code_field, problems, domain=None):
        """One record given by id (``id_key``) or by code (``code_key``)."""
        return self._resolve_references(model, values, id_key, code_key, code_field, problems, domain, many=False)

    @api.model
    def _resolve_references(self, model, values, id_key, code_key, code_field, problems, domain=None, many=True):
        """Records given by ids (``id_key``) or by codes (``code_key``); each
        unknown one is reported in ``problems``."""
        Model = self.env[model].sudo()
        domain = domain or []
        ids, codes = values.get(id_key), values.get(code_key)
        if many:
            ids, codes = ids or [], codes or []
        else:
            ids, codes = [ids] if ids else [], [codes] if codes else []
        records = Model.browse()
        for record_id in ids:
            record = Model.search(domain + [("id", "=", record_id)]) if isinstance(record_id, int) else Model
            if not record:
                problems.append(_("unknown %(field)s %(value)s", field=id_key, value=record_id))
            records |= record
        for code in codes:
            record = Model.search(domain + [(code_field, "=", code)], limit=1) if isinstance(code, str) else Model
            if not record:
                problems.append(_("unknown %(field)s %(value)s", field=code_key, value=code))
            records |= record
        return records

    @api.model
    def _resolve_upstream(self, values, role, problems):
        Member = self.sudo()
        if values.get("upstream_id"):
            upstream = Member.browse(values["upstream_id"]).exists()
        elif values.get("upstream_code"):
            upstream = Member.search([("code", "=", values["upstream_code"])], limit=1)
        elif role == "distributor":
            upstream = self._brand_member()
        else:
            problems.append(_("the store's distributor (upstream_code) is required"))
            return Member
        if not upstream:
            problems.append(_("unknown upstream member"))
            return Member
        if upstream.role not in ("brand", "distributor") or (role == "store" and upstream.role != "distributor"):
            problems.append(
                _("%(upstream)s is a %(upstream_role)s and cannot supply a %(role)s",
                  upstream=upstream.display_name, upstream_role=upstream._role_label(), role=self._role_label(role))
            )
        elif not self.env.user.has_group("channel_base.group_channel_brand_manager"):
            # distributor managers onboard only below their own member(s)
            scope = self.env.user._channel_scope_member_ids(self.env.companies.ids)
            if not Member.search_count([("id", "=", upstream.id), ("id", "child_of", scope)], limit=1):
                problems.append(
                    _("you can only onboard stores in your own network, not under %(upstream)s",
                      upstream=upstream.display_name)
                )
        return upstream

    # === DISTRIBUTOR === #
    @api.model
    def _onboard_distributor(self, values):
        # checked sudo: onboard_distributors() verified the brand manager group
        company = self.env["res.company"].sudo().create(self._prepare_tenant_company_vals(values))
        self._onboard_chart_of_accounts(company, values)
        self._onboard_warehouse(company, values)
        member = self.sudo().create(self._prepare_member_vals(values, company.partner_id, company))
        self._onboard_user(values, company, self._distributor_user_groups())
        member._onboard_pricing()
        member._onboard_intercompany()
        return member.sudo(False)

    @api.model
    def _prepare_tenant_company_vals(self, values):
        """Values of a distributor's tenant company (extension point)."""
        upstream_company = values["upstream"].tenant_company_id
        return {
            "name": values["name"],
            "currency_id": upstream_company.currency_id.id,
            "country_id": values["country"].id,
            "state_id": values["state"].id,
            "street": values.get("street"),
            "street2": values.get("street2"),
            "city": values.get("city"),
            "zip": values.get("zip"),
            "phone": values.get("phone"),
            "email": values.get("email"),
            "vat": values.get("vat"),
        }

    @api.model
    def _onboard_chart_of_accounts(self, company, values):
        """The tenant keeps its books on the same chart template as its upstream."""
        upstream_company = values["upstream"].tenant_company_id
        template = upstream_company.chart_template or self.env["account.chart.template"]._guess_chart_template(
            company.country_id
        )
        self.env["account.chart.template"].sudo().try_loading(template, company, install_demo=False)

    @api.model
    def _onboard_warehouse(self, company, values):
        Warehouse = self.env["stock.warehouse"].sudo()
        warehouse = Warehouse.search([("company_id", "=", company.id)], limit=1)
        warehouse_vals = {"name": values["name"], "code": values["code"][:5]}
        if warehouse:
            warehouse.write(warehouse_vals)
        else:
            warehouse = Warehouse.create(
                dict(warehouse_vals, company_id=company.id, partner_id=company.partner_id.id)
            )
        return warehouse

    @api.model
    def _distributor_user_groups(self):
        """Groups of a distributor's first user: it runs the whole business."""
        return [
            "base.group_user",
            "channel_base.group_channel_distributor_manager",
            "sales_team.group_sale_manager",
            "purchase.group_purchase_manager",
            "stock.group_stock_manager",
            "account.group_account_manager",
        ]

    def _onboard_pricing(self):
        """The member buys from its upstream at its level's price."""
        for member in self.sudo():
            pricelist = member.level_id.pricelist_id
            seller = member.supplier_company_id
            if pricelist and seller:
                member.partner_id.with_company(seller).specific_property_product_pricelist = pricelist

    def _onboard_intercompany(self):
        """Inter-company settings toward the upstream. The base addon makes the
        partners of both companies ready; ``channel_sale`` extends this with the
        OCA inter-company document flow."""
        for member in self.sudo().filtered("tenant_company_id"):
            upstream_partner = member.supplier_company_id.partner_id
            member.partner_id.customer_rank = 1
            upstream_partner.supplier_rank = 1

    # === STORE === #
    @api.model
    def _onboard_store(self, values):
        distributor = values["upstream"]
        company = distributor.tenant_company_id
        # checked sudo: onboard_stores() verified the manager group and that
        # the distributor is in the user's branch (_resolve_upstream)
        partner = self.env["res.partner"].sudo().create(self._prepare_store_partner_vals(values, company))
        member = self.sudo().create(self._prepare_member_vals(values, partner, False))
        self._onboard_user(values, company, ["base.group_portal"], partner)
        member._onboard_pricing()
        return member.sudo(False)

    @api.model
    def _prepare_store_partner_vals(self, values, company):
        return {
            "name": values["name"],
            "ref": values["code"],
            "is_company": True,
            "company_id": company.id,
            "customer_rank": 1,
            "street": values.get("street"),
            "street2": values.get("street2"),
            "city": values.get("city"),
            "zip": values.get("zip"),
            "state_id": values["state"].id,
            "country_id": values["country"].id,
            "phone": values.get("phone"),
            "email": values.get("email"),
            "lang": values.get("lang") or self.env.lang or self.env.user.lang,
        }

    # === SHARED === #
    @api.model
    def _prepare_member_vals(self, values, partner, company):
        level = values["level"]
        return {
            "partner_id": partner.id,
            "code": values["code"],
            "role": level.role,
            "level_id": level.id,
            "upstream_id": values["upstream"].id,
            "tenant_company_id": company.id if company else False,
            "territory_id": values["territory"].id,
            "credit_grade": values.get("credit_grade") or "C",
            "tag_ids": [Command.set(values["tags"].ids)],
            "authorization_ids": [
                Command.create({"territory_id": territory.id}) for territory in values["authorized_territories"]
            ],
        }

    @api.model
    def _onboard_user(self, values, company, group_xmlids, partner=None):
        user_vals = {
            "name": values.get("user_name") or values["name"],
            "login": values["login"],
            "email": values.get("email"),
            "company_id": company.id,
            "company_ids": [Command.set(company.ids)],
            "groups_id": [Command.set([self.env.ref(xmlid).id for xmlid in group_xmlids])],
        }
        if values.get("lang"):
            user_vals["lang"] = values["lang"]
        if partner:
            user_vals["partner_id"] = partner.id
        if values.get("password"):
            user_vals["password"] = values["password"]
        return self.env["res.users"].sudo().with_context(no_reset_password=True).create(user_vals)
