# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models, tools
from odoo.exceptions import AccessError, ValidationError

from .channel_level import ROLES

CREDIT_GRADES = [
    ("A", "A - confirms within the credit limit"),
    ("B", "B - confirms up to an amount per order"),
    ("C", "C - every order waits for approval"),
    ("D", "D - prepaid only"),
]

# Which roles may sit directly above a member of a given role.
UPSTREAM_ROLES = {
    "brand": (),
    "distributor": ("brand", "distributor"),
    "store": ("distributor",),
    "consumer": ("distributor", "store"),
}
# Roles that run their own business in a tenant company.
TENANT_ROLES = ("brand", "distributor")


class ChannelMember(models.Model):
    """A node of the channel network: the brand, a distributor, a store, a consumer.

    The network is its own tree (``upstream_id``), separate from the contact
    hierarchy of ``res.partner``: it routes orders, scopes promotions and
    rebates, rolls up reports and decides who sees what (see the record rules).
    """

    _name = "channel.member"
    _description = "Channel Member"
    _inherit = ["mail.thread"]
    _parent_name = "upstream_id"
    _parent_store = True
    _order = "level, code"
    _rec_names_search = ["name", "code"]

    # === FIELDS === #
    name = fields.Char(related="partner_id.name", store=True, readonly=False, required=True, precompute=True)
    code = fields.Char(
        required=True, tracking=True, help="The member's code in the channel, e.g. the ERP's customer number."
    )
    role = fields.Selection(ROLES, required=True, index=True, tracking=True)
    level_id = fields.Many2one(
        "channel.level",
        string="Level",
        required=True,
        tracking=True,
        ondelete="restrict",
        domain="[('role', '=', role)]",
    )
    level = fields.Integer(related="level_id.depth", store=True, index=True, string="Depth")
    upstream_id = fields.Many2one(
        "channel.member",
        string="Upstream",
        index=True,
        ondelete="restrict",
        tracking=True,
        help="The member this one buys from.",
    )
    parent_path = fields.Char(index=True)
    downstream_ids = fields.One2many("channel.member", "upstream_id", string="Downstream")
    partner_id = fields.Many2one(
        "res.partner", string="Contact", required=True, ondelete="restrict", index=True
    )
    tenant_company_id = fields.Many2one(
        "res.company",
        string="Tenant Company",
        index="btree_not_null",
        ondelete="restrict",
        help="The company in which a brand or distributor runs its own business.",
    )
    supplier_company_id = fields.Many2one(
        "res.company",
        string="Supplied By",
        compute="_compute_supplier_company_id",
        store=True,
        index="btree_not_null",
        help="The company this member buys from: its upstream's tenant company.",
    )
    territory_id = fields.Many2one(
        "res.territory", string="Located In", index="btree_not_null", ondelete="restrict"
    )
    region_id = fields.Many2one(related="territory_id.region_id", store=True, string="Region")
    state_id = fields.Many2one(related="partner_id.state_id", store=True, string="Province")
    authorization_ids = fields.One2many(
        "channel.territory.authorization", "member_id", string="Authorised Territories"
    )
    tag_ids = fields.Many2many("channel.member.tag", string="Tags")
    credit_grade = fields.Selection(CREDIT_GRADES, default="C", required=True, tracking=True)
    credit_points = fields.Integer(
        default=100, tracking=True, help="Lowered by confirmed diversion cases; read by order approval."
    )
    active = fields.Boolean(default=True, tracking=True)
    downstream_count = fields.Integer(compute="_compute_subtree_counts", string="Direct Downstream")
    distributor_count = fields.Integer(compute="_compute_subtree_counts", string="Distributors Below")
    store_count = fields.Integer(compute="_compute_subtree_counts", string="Stores Below")

    _sql_constraints = [
        ("code_unique", "UNIQUE(code)", "Another channel member already uses this code."),
        ("partner_unique", "UNIQUE(partner_id)", "This contact is already a channel member."),
        (
            "tenant_company_unique",
            "UNIQUE(tenant_company_id)",
            "This company is already the tenant of another channel member.",
        ),
        ("credit_points_positive", "CHECK(credit_points >= 0)", "Credit points cannot go below zero."),
    ]

    # === COMPUTE === #
    @api.depends("upstream_id.tenant_company_id")
    def _compute_supplier_company_id(self):
        for member in self:
            member.supplier_company_id = member.upstream_id.tenant_company_id

    def _compute_subtree_counts(self):
        """Counts of the whole subtree below each member, in one query."""
        members = self.filtered("id")
        counts = {}
        if members:
            self.flush_model(["parent_path", "role", "active", "upstream_id"])
            self.env.cr.execute(
                """
                SELECT m.id,
                       count(*) FILTER (WHERE d.upstream_id = m.id),
                       count(*) FILTER (WHERE d.role = 'distributor'),
                       count(*) FILTER (WHERE d.role = 'store')
                  FROM channel_member m
                  JOIN channel_member d
                    ON d.parent_path LIKE m.parent_path || '%%' AND d.id != m.id
                 WHERE m.id IN %s AND d.active
              GROUP BY m.id
                """,
                [tuple(members.ids)],
            )
            counts = {row[0]: row[1:] for row in self.env.cr.fetchall()}
        for member in self:
            member.downstream_count, member.distributor_count, member.store_count = counts.get(
                member.id, (0, 0, 0)
            )

    @api.depends("code")
    def _compute_display_name(self):
        for member in self:
            member.display_name = f"[{member.code}] {member.name}" if member.code else member.name

    # === CONSTRAINTS === #
    @api.constrains("upstream_id")
    def _check_upstream_cycle(self):
        if self._has_cycle():
            raise ValidationError(_("A channel member cannot be its own upstream, directly or further up."))

    @api.constrains("role", "level_id", "upstream_id")
    def _check_role_level_upstream(self):
        for member in self:
            if member.level_id.role != member.role:
                raise ValidationError(
                    _(
                        "%(member)s is a %(role)s but level %(level)s is for another role.",
                        member=member.display_name,
                        role=member._role_label(),
                        level=member.level_id.name,
                    )
                )
            allowed = UPSTREAM_ROLES[member.role]
            upstream = member.upstream_id
            if not allowed and upstream:
                raise ValidationError(_("The brand is the top of the network and has no upstream."))
            if allowed and not upstream:
                raise ValidationError(_("%(member)s needs an upstream member.", member=member.display_name))
            if upstream and upstream.role not in allowed:
                raise ValidationError(
                    _(
                        "%(member)s is a %(role)s and cannot buy from %(upstream)s, which is a %(upstream_role)s.",
                        member=member.display_name,
                        role=member._role_label(),
                        upstream=upstream.display_name,
                        upstream_role=upstream._role_label(),
                    )
                )
            if upstream and member.level <= upstream.level:
                raise ValidationError(
                    _(
                        "%(member)s (level %(level)s) must sit on a level below its upstream "
                        "%(upstream)s (level %(upstream_level)s).",
                        member=member.display_name,
                        level=member.level_id.name,
                        upstream=upstream.display_name,
                        upstream_level=upstream.level_id.name,
                    )
                )
            below = member.downstream_ids.filtered(lambda d, m=member: d.level <= m.level)
            if below:
                raise ValidationError(
                    _(
                        "%(member)s cannot move to level %(level)s: %(lower)s below it would no longer "
                        "be on a lower level.",
                        member=member.display_name,
                        level=member.level_id.name,
                        lower=", ".join(below.mapped("display_name")),
                    )
                )

    @api.constrains("role", "tenant_company_id")
    def _check_tenant_company(self):
        for member in self:
            if member.role in TENANT_ROLES and not member.tenant_company_id:
                raise ValidationError(
                    _("%(member)s runs its own business and needs a tenant company.", member=member.display_name)
                )
            if member.role not in TENANT_ROLES and member.tenant_company_id:
                raise ValidationError(
                    _("%(member)s is a %(role)s and cannot have a tenant company.",
                      member=member.display_name, role=member._role_label())
                )

    # === CRUD === #
    @api.model_create_multi
    def create(self, vals_list):
        members = super().create(vals_list)
        if not self.env.su:
            neutral = self._channel_credit_fields()
            for member, vals in zip(members, vals_list):
                if any(key in vals and vals[key] != value for key, value in neutral.items()):
                    member._check_credit_grantor()
        if any(vals.get("tenant_company_id") for vals in vals_list):
            self.env.registry.clear_cache()  # _channel_member_of_company
        return members

    def write(self, vals):
        if not self.env.su and self._channel_credit_fields().keys() & vals.keys():
            self.check_access("write")  # who may not write the member at all is told so first
            self._check_credit_grantor()
        res = super().write(vals)
        if "tenant_company_id" in vals or "upstream_id" in vals or "active" in vals:
            # the record rules resolve companies to members (ormcached)
            self.env.registry.clear_cache()
        return res

    def unlink(self):
        tenants = any(self.mapped("tenant_company_id"))
        res = super().unlink()
        if tenants:
            self.env.registry.clear_cache()  # _channel_member_of_company
        return res

    @api.ondelete(at_uninstall=False)
    def _unlink_except_with_downstream(self):
        if self.downstream_ids:
            raise ValidationError(
                _("Members with downstream members cannot be deleted; move or archive their downstream first.")
            )

    # === ACTIONS === #
    def action_view_subtree(self):
        """Everything below this member: distributors, stores, consumers."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("channel_base.channel_member_action")
        action.update(
            name=_("Below %(member)s", member=self.name),
            domain=[("id", "child_of", self.id), ("id", "!=", self.id)],
            context={"default_upstream_id": self.id, "search_default_group_level": 1},
        )
        return action

    def action_view_downstream(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("channel_base.channel_member_action")
        action.update(
            name=_("Downstream of %(member)s", member=self.name),
            domain=[("upstream_id", "=", self.id)],
            context={"default_upstream_id": self.id},
        )
        return action

    # === BUSINESS METHODS === #
    def _role_label(self, role=None):
        """The translated name of ``role`` (default: this member's role)."""
        if role is None:
            self.ensure_one()
            role = self.role
        return dict(self._fields["role"]._description_selection(self.env))[role]

    @api.model
    def _brand_member(self):
        return self.sudo().search([("role", "=", "brand")], limit=1)

    @api.model
    def _channel_credit_fields(self):
        """The fields that are a credit decision, each with the value anyone
        who may create the member may give it (extension point: later addons
        add their credit fields)."""
        return {"credit_grade": "C"}

    def _check_credit_grantor(self):
        """Credit is decided in the books of the company that grants it: the
        member's upstream company (``supplier_company_id``). Only a user working
        in that company (it is the current company) with a manager's rights
        there (see ``_channel_credit_groups``) changes a member's credit; the
        brand grants credit to its own buyers only, not to its dealers' stores,
        and a brand manager given a distributor's books is not its manager.
        """
        if self.env.su:
            return True
        user = self.env.user
        for member in self:
            grantor = member.sudo().supplier_company_id
            if not grantor or grantor != self.env.company or not any(
                user.has_group(group) for group in member._channel_credit_groups(grantor)
            ):
                raise AccessError(_(
                    "The credit of %(member)s is decided by %(grantor)s, which grants it: only its managers, "
                    "working in its company, change the credit limit or grade.",
                    member=member.sudo().display_name, grantor=grantor.name or _("nobody"),
                ))
        return True

    def _channel_credit_groups(self, grantor):
        """Groups whose users, working in ``grantor``, decide the credit it
        grants (extension point): the brand's channel managers in the brand's
        company, a distributor's managers in the distributor's."""
        if grantor == self.sudo()._brand_member().tenant_company_id:
            return ("channel_base.group_channel_brand_manager",)
        return ("channel_base.group_channel_distributor_manager",)

    # === THE MEMBER OF A COMPANY === #
    @api.model
    def _channel_member_of_company(self, company):
        """The brand or distributor member running ``company`` (whose tenant it
        is), or an empty recordset: the one way from a company to the channel.
        ``company`` may be several companies (a user's active companies): their
        members.

        In sudo: which member runs a company is no secret to who works in it,
        and callers only read from it (its level, upstream, supplier, users).
        Cached per company, since every order priced, confirmed or replenished
        asks it; creating, moving, archiving or deleting a tenant member clears
        the cache."""
        member_ids = [self._channel_member_id_of_company(company_id) for company_id in company.ids]
        return self.sudo().browse([member_id for member_id in member_ids if member_id])

    @api.model
    @tools.ormcache("company_id")
    def _channel_member_id_of_company(self, company_id):
        member = self.sudo().with_context(active_test=True).search([("tenant_company_id", "=", company_id)], limit=1)
        return member.id or None

    @api.model
    def _channel_store_of_user(self, user):
        """The store whose contact ``user`` works for (a portal user of the store,
        or one of its people), or an empty recordset: the one way from a user to
        the store it acts for, on the portal, in a scan or over XML-RPC. In sudo:
        the caller decides what the user may do for that store."""
        return self.sudo().search([
            ("partner_id", "=", user.partner_id.commercial_partner_id.id), ("role", "=", "store"),
        ], limit=1)

    def _get_subtree_domain(self):
        """Domain of this member and everything below it: the extension point
        later addons use to scope documents to a branch of the network."""
        return [("id", "child_of", self.ids)]
