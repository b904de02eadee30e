# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from contextlib import contextmanager

from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.osv import expression
from odoo.tools import SQL, float_compare
from odoo.tools.safe_eval import safe_eval

from odoo.addons.channel_base.tools import side_transaction

# the dimensions a channel promotion may target; each one given must match
TARGET_FIELDS = ("channel_region_ids", "channel_territory_ids", "channel_level_ids", "channel_tag_ids")


class LoyaltyProgram(models.Model):
    """A promotion of the channel: Odoo's promotion engine (rules and rewards)
    with who publishes it, whom it targets, its budget and the brand's share of
    its cost. A program without a publisher is a plain Odoo program, untouched."""

    _inherit = "loyalty.program"

    channel_publisher_id = fields.Many2one(
        "channel.member",
        string="Published By",
        index="btree_not_null",
        domain="[('role', 'in', ('brand', 'distributor'))]",
        help="The brand (its promotions apply in every distributor's company, on its orders to its buyers) or a "
        "distributor (its own promotions, for its own buyers). Empty: a plain Odoo program.",
    )
    channel_publisher_role = fields.Selection(related="channel_publisher_id.role", string="Publisher Role")
    # targeting: every dimension given must match the buyer; members named one by one are added
    channel_region_ids = fields.Many2many("res.region", string="Regions")
    channel_territory_ids = fields.Many2many("res.territory", string="Territories")
    channel_level_ids = fields.Many2many("channel.level", string="Levels")
    channel_tag_ids = fields.Many2many(
        "channel.member.tag", string="Member Tags", help="The buyer carries at least one of these tags."
    )
    channel_member_domain = fields.Char(
        string="Members Matching", help="A filter on channel members the buyer must also match, e.g. stores in a city."
    )
    channel_member_ids = fields.Many2many(
        "channel.member", "loyalty_program_channel_member_rel", string="Single Members",
        help="These members are targeted whatever the other dimensions say.",
    )
    channel_has_dimension = fields.Boolean(compute="_compute_channel_has_dimension", store=True)
    channel_seller_ids = fields.Many2many(
        "channel.member", "loyalty_program_channel_seller_rel", string="Run By",
        domain="[('role', 'in', ('brand', 'distributor'))]",
        help="Brand promotions: the sellers whose orders it applies to; empty: every seller of the network.",
    )
    channel_max_usage_per_store = fields.Integer(
        string="Uses per Buyer", help="How many confirmed orders of one buyer may use it; 0: no limit."
    )
    # budget: consumed when an order is confirmed, released when it is cancelled
    channel_budget_amount = fields.Monetary(string="Budget", help="The most discount it may give; 0: no limit.")
    channel_budget_uses = fields.Integer(string="Budget in Uses", help="The most orders it may apply to; 0: no limit.")
    channel_budget_line_ids = fields.One2many(
        "channel.promotion.budget", "program_id", string="Budgets per Distributor"
    )
    channel_budget_exhausted = fields.Boolean(
        string="Budget Used Up", readonly=True, copy=False, index=True,
        help="Kept by the confirmations: an exhausted promotion no longer applies.",
    )
    channel_usage_ids = fields.One2many("channel.promotion.usage", "program_id", string="Uses")
    channel_brand_share = fields.Float(
        string="Brand's Share (%)",
        help="Brand promotions: the part of the discount the brand funds; the distributors claim it.",
    )
    # results
    channel_consumed_amount = fields.Monetary(compute="_compute_channel_results", string="Discount Given")
    channel_consumed_uses = fields.Integer(compute="_compute_channel_results", string="Orders")
    channel_budget_left = fields.Monetary(compute="_compute_channel_results", string="Budget Left")
    channel_store_count = fields.Integer(compute="_compute_channel_results", string="Buyers Reached")
    channel_claimed_amount = fields.Monetary(compute="_compute_channel_results", string="Claimed")
    channel_settled_amount = fields.Monetary(compute="_compute_channel_results", string="Settled")
    channel_sales_amount = fields.Monetary(
        compute="_compute_channel_results", string="Sales to These Buyers",
        help="Confirmed orders (untaxed) of the buyers reached, during the promotion.",
    )
    channel_sales_before_amount = fields.Monetary(
        compute="_compute_channel_results", string="Their Sales Before",
        help="The same buyers' confirmed orders over a period as long, just before the promotion.",
    )

    _sql_constraints = [
        ("channel_budget_positive", "CHECK(channel_budget_amount >= 0 AND channel_budget_uses >= 0)",
         "A promotion's budget cannot be negative."),
        ("channel_brand_share_range", "CHECK(channel_brand_share >= 0 AND channel_brand_share <= 100)",
         "The brand's share is a percentage between 0 and 100."),
        ("channel_usage_per_store_positive", "CHECK(channel_max_usage_per_store >= 0)",
         "The uses per buyer cannot be negative."),
    ]

    # === COMPUTE === #
    @api.depends(*TARGET_FIELDS, "channel_member_domain")
    def _compute_channel_has_dimension(self):
        for program in self:
            program.channel_has_dimension = bool(
                any(program[name] for name in TARGET_FIELDS) or program._channel_domain()
            )

    @api.depends("channel_usage_ids.state", "channel_usage_ids.amount", "channel_usage_ids.claim_id.state",
                 "channel_budget_amount")
    def _compute_channel_results(self):
        usage_data = {}
        if self.ids:
            self.env["channel.promotion.usage"].flush_model()
            self.env["channel.promotion.claim"].flush_model()
            self.env.cr.execute("""
                SELECT u.program_id, COUNT(*), COALESCE(SUM(u.amount), 0), COUNT(DISTINCT u.buyer_member_id),
                       COALESCE(SUM(u.brand_share_amount) FILTER (WHERE c.state IN ('submitted', 'approved', 'settled')), 0),
                       COALESCE(SUM(u.brand_share_amount) FILTER (WHERE c.state = 'settled'), 0)
                  FROM channel_promotion_usage u
             LEFT JOIN channel_promotion_claim c ON c.id = u.claim_id
                 WHERE u.program_id IN %s AND u.state = 'active'
              GROUP BY u.program_id
            """, [tuple(self.ids)])
            usage_data = {row[0]: row[1:] for row in self.env.cr.fetchall()}
        for program in self:
            uses, amount, buyers, claimed, settled = usage_data.get(program.id, (0, 0.0, 0, 0.0, 0.0))
            program.channel_consumed_uses = uses
            program.channel_consumed_amount = amount
            program.channel_store_count = buyers
            program.channel_claimed_amount = claimed
            program.channel_settled_amount = settled
            program.channel_budget_left = (program.channel_budget_amount - amount) if program.channel_budget_amount else 0.0
            program.channel_sales_amount, program.channel_sales_before_amount = program._channel_sales_comparison()

    def _channel_sales_comparison(self):
        """Untaxed confirmed sales to the buyers the promotion reached, during
        the promotion and over a period as long just before it."""
        self.ensure_one()
        if not (self.id and self.channel_publisher_id and self.date_from and self.date_to):
            return 0.0, 0.0
        days = (self.date_to - self.date_from).days + 1
        before_from = self.date_from - relativedelta(days=days)
        self.env["sale.order"].flush_model(
            ["state", "date_order", "amount_untaxed", "company_id", "channel_buyer_member_id"]
        )
        self.env["channel.promotion.usage"].flush_model()
        self.env.cr.execute("""
            SELECT COALESCE(SUM(o.amount_untaxed) FILTER (WHERE o.date_order >= %(date_from)s), 0),
                   COALESCE(SUM(o.amount_untaxed) FILTER (WHERE o.date_order < %(date_from)s), 0)
              FROM sale_order o
             WHERE o.state = 'sale'
               AND o.date_order >= %(before_from)s AND o.date_order < %(date_to)s
               AND (%(company_id)s IS NULL OR o.company_id = %(company_id)s)
               AND o.channel_buyer_member_id IN (
                    SELECT buyer_member_id FROM channel_promotion_usage WHERE program_id = %(program_id)s AND state = 'active')
        """, {
            "date_from": self.date_from, "date_to": self.date_to + relativedelta(days=1),
            "before_from": before_from, "company_id": self.company_id.id or None, "program_id": self.id,
        })
        return self.env.cr.fetchone()

    # === CONSTRAINTS === #
    @api.constrains("channel_publisher_id", "company_id", "date_from", "date_to", "channel_has_dimension",
                    "channel_member_ids")
    def _check_channel_promotion(self):
        for program in self.filtered("channel_publisher_id"):
            publisher = program.channel_publisher_id.sudo()
            if publisher.role not in ("brand", "distributor"):
                raise ValidationError(_("Promotions are published by the brand or a distributor."))
            expected = self.env["res.company"] if publisher.role == "brand" else publisher.tenant_company_id
            if program.company_id != expected:
                raise ValidationError(_(
                    "A brand promotion belongs to no company (it applies in every distributor's); a distributor's "
                    "belongs to that distributor's company."
                ))
            if not (program.date_from and program.date_to):
                raise ValidationError(_("Promotion %(name)s needs a start and an end date.", name=program.name))
            if not (program.channel_has_dimension or program.channel_member_ids):
                raise ValidationError(_(
                    "Promotion %(name)s targets nobody: give regions, territories, levels, tags, a filter or members.",
                    name=program.name,
                ))
            if program.channel_member_domain:
                program._channel_domain()

    @api.constrains("channel_budget_amount", "channel_budget_uses")
    def _check_channel_budget(self):
        """A budget cannot be set below what confirmed orders already used."""
        for program in self.filtered("channel_publisher_id"):
            currency = program.currency_id
            used_amount, used_uses = program._channel_consumed()
            if program.channel_budget_amount and float_compare(
                program.channel_budget_amount, used_amount, precision_rounding=currency.rounding
            ) < 0:
                raise ValidationError(_(
                    "Promotion %(name)s has already given %(used)s; its budget cannot be %(budget)s.",
                    name=program.name, used=currency.format(used_amount),
                    budget=currency.format(program.channel_budget_amount),
                ))
            if program.channel_budget_uses and program.channel_budget_uses < used_uses:
                raise ValidationError(_(
                    "Promotion %(name)s was already used by %(used)s orders; its budget cannot be %(budget)s uses.",
                    name=program.name, used=used_uses, budget=program.channel_budget_uses,
                ))
            program._channel_refresh_exhausted()

    def _channel_domain(self):
        if not self.channel_member_domain or self.channel_member_domain.strip() in ("", "[]"):
            return []
        try:
            domain = safe_eval(self.channel_member_domain)
            expression.expression(domain, self.env["channel.member"])
        except Exception as error:
            raise ValidationError(_(
                "The member filter of %(name)s is not a valid filter: %(error)s", name=self.name, error=error
            )) from error
        return domain

    # === CRUD === #
    @api.model
    def default_get(self, fields_list):
        """From the channel's menu, a new promotion is the current company's."""
        values = super().default_get(fields_list)
        if self.env.context.get("channel_default_publisher") and "channel_publisher_id" in fields_list:
            publisher = self.env["channel.member"]._channel_member_of_company(self.env.company)
            if publisher:
                values["channel_publisher_id"] = publisher.id
                values["company_id"] = publisher.tenant_company_id.id if publisher.role == "distributor" else False
                values["currency_id"] = publisher.tenant_company_id.currency_id.id
        return values

    @api.model_create_multi
    def create(self, vals_list):
        Member = self.env["channel.member"].sudo()
        for vals in vals_list:
            if vals.get("channel_publisher_id"):
                publisher = Member.browse(vals["channel_publisher_id"])
                if "company_id" not in vals:
                    vals["company_id"] = publisher.tenant_company_id.id if publisher.role == "distributor" else False
                # a brand promotion has no company: it counts in the brand's currency
                vals.setdefault("currency_id", publisher.tenant_company_id.currency_id.id)
        return super().create(vals_list)

    @api.onchange("channel_publisher_id")
    def _onchange_channel_publisher_id(self):
        publisher = self.channel_publisher_id.sudo()
        if publisher:
            self.company_id = publisher.tenant_company_id if publisher.role == "distributor" else False

    # === ELIGIBILITY === #
    @api.model
    def _channel_eligible(self, buyer, seller_company):
        """The channel promotions ``buyer`` may have on an order of
        ``seller_company``: one search (targeting, sellers, budget), then the
        per-buyer limits and member filters of the few programs that have them.
        This is the one check behind every order priced (backend, portal,
        XML-RPC): ``sale.order._get_program_domain`` uses it."""
        if not buyer:
            return self.browse()
        buyer = buyer.sudo()
        seller = self.env["channel.member"]._channel_member_of_company(seller_company)
        matches = [("channel_has_dimension", "=", True)]
        for name, value in (
            ("channel_region_ids", buyer.region_id), ("channel_territory_ids", buyer.territory_id),
            ("channel_level_ids", buyer.level_id), ("channel_tag_ids", buyer.tag_ids),
        ):
            matches = expression.AND([matches, ["|", (name, "=", False), (name, "in", value.ids)]])
        today = fields.Date.context_today(self)
        domain = [
            ("channel_publisher_id", "!=", False),
            ("channel_budget_exhausted", "=", False),
            ("date_from", "<=", today),
            ("date_to", ">=", today),
            ("company_id", "in", [False, seller_company.id]),
            "|", ("channel_seller_ids", "=", False), ("channel_seller_ids", "in", seller.ids),
            *expression.OR([[("channel_member_ids", "in", buyer.ids)], matches]),
        ]
        programs = self.sudo().with_context(active_test=True).search(domain)
        filtered = programs.filtered(lambda p: p.channel_member_domain and p.channel_member_domain.strip() != "[]")
        for program in filtered:
            if buyer in program.channel_member_ids:
                continue
            if not self.env["channel.member"].sudo().search_count(
                expression.AND([program._channel_domain(), [("id", "=", buyer.id)]]), limit=1
            ):
                programs -= program
        limited = programs.filtered("channel_max_usage_per_store")
        if limited:
            used = dict(self.env["channel.promotion.usage"].sudo()._read_group(
                [("program_id", "in", limited.ids), ("buyer_member_id", "=", buyer.id), ("state", "=", "active")],
                ["program_id"], ["__count"],
            ))
            programs -= limited.filtered(lambda p: used.get(p, 0) >= p.channel_max_usage_per_store)
        with_lines = programs.filtered("channel_budget_line_ids")
        for program in with_lines:
            line = program.channel_budget_line_ids.filtered(lambda budget: budget.member_id == seller)
            if line and line._is_exhausted():
                programs -= program
        return programs.with_env(self.env)

    # === BUDGET === #
    def _channel_consumed(self, seller=None, buyer=None, exclude_order_id=None):
        """(discount, uses) taken from the budget: the uses of confirmed orders
        and the budget committed to orders being confirmed right now (see
        ``channel.promotion.commitment``), optionally of one seller or one
        buyer, leaving out one order's own."""
        self.ensure_one()
        self.env["channel.promotion.usage"].flush_model()
        Commitment = self.env["channel.promotion.commitment"]
        Commitment.flush_model()
        live = Commitment._live().code  # no parameters
        filters, params = "", {"program_id": self.id, "exclude": exclude_order_id or 0}
        if seller:
            filters += " AND seller_member_id = %(seller)s"
            params["seller"] = seller.id
        if buyer:
            filters += " AND buyer_member_id = %(buyer)s"
            params["buyer"] = buyer.id
        self.env.cr.execute(f"""
            SELECT COALESCE(SUM(amount), 0), COUNT(*) FROM (
                SELECT amount, seller_member_id, buyer_member_id, order_id
                  FROM channel_promotion_usage
                 WHERE program_id = %(program_id)s AND state = 'active'
                 UNION ALL
                SELECT c.amount, c.seller_member_id, c.buyer_member_id, c.order_id
                  FROM channel_promotion_commitment c
                 WHERE c.program_id = %(program_id)s AND {live}
                   AND NOT EXISTS (SELECT 1 FROM channel_promotion_usage u
                                    WHERE u.program_id = c.program_id AND u.order_id = c.order_id)
            ) used
            WHERE order_id != %(exclude)s {filters}
        """, params)
        return self.env.cr.fetchone()

    def _channel_budget_is_exhausted(self):
        self.ensure_one()
        amount, uses = self._channel_consumed()
        return bool(
            (self.channel_budget_amount and float_compare(
                amount, self.channel_budget_amount, precision_rounding=self.currency_id.rounding) >= 0)
            or (self.channel_budget_uses and uses >= self.channel_budget_uses)
        )

    def _channel_refresh_exhausted(self):
        for program in self:
            exhausted = program._channel_budget_is_exhausted()
            if program.channel_budget_exhausted != exhausted:
                program.sudo().channel_budget_exhausted = exhausted

    def _channel_commit_budget(self, order, amount):
        """Commit ``amount`` of discount and one use of the budget to ``order``,
        or refuse, in a short transaction of its own that commits at once.

        Every store order of a promotion takes from the same budget: locked
        inside the order's own confirmation (seconds, with the ripple up the
        chain), the budget would serialise every order of the network and make
        concurrent ones fail. Here the promotion row is locked only for the few
        queries that check the room and write the commitment, in READ
        COMMITTED, so it sees every commitment and use committed by the
        others. The commitment counts while the confirming transaction runs,
        until the order's use is committed with it; if it rolls back, the
        commitment counts no more (see ``channel.promotion.commitment._live``)."""
        self.ensure_one()
        buyer = order.channel_buyer_member_id
        seller = self.env["channel.member"]._channel_member_of_company(order.company_id)
        self.env.cr.execute(SQL("SELECT txid_current()"))
        transaction_id = self.env.cr.fetchone()[0]
        with self._channel_budget_cursor() as cr:
            cr.execute("SELECT id FROM loyalty_program WHERE id = %s FOR NO KEY UPDATE", [self.id])
            program = self.with_env(self.env(cr=cr, su=True))
            program._channel_check_room(order.id, buyer.with_env(program.env), seller.with_env(program.env), amount)
            program.env["channel.promotion.commitment"]._commit_budget(
                program, order.id, buyer, seller, amount, transaction_id
            )
            program._channel_refresh_exhausted()
            program.env.flush_all()
        self.invalidate_recordset(["channel_budget_exhausted"])

    @contextmanager
    def _channel_budget_cursor(self):
        """The cursor of a budget commitment: a transaction of its own, committed at
        once (see ``channel_base.tools.side_transaction``); never waiting
        forever on a promotion this request itself locked."""
        self.env.flush_all()
        with side_transaction(self.env, lock_timeout="10s") as cr:
            yield cr

    def _channel_check_room(self, order_id, buyer, seller, amount):
        """Refuse ``amount`` more for order ``order_id`` beyond the budget, the
        seller's budget or the buyer's uses (the caller holds the lock)."""
        currency = self.currency_id
        used_amount, used_uses = self._channel_consumed(exclude_order_id=order_id)
        if self.channel_budget_amount and float_compare(
            used_amount + amount, self.channel_budget_amount, precision_rounding=currency.rounding
        ) > 0:
            raise UserError(_(
                "The budget of promotion %(name)s has %(left)s left, not enough for the %(amount)s this order would "
                "take. Price the order again: the promotion no longer applies.",
                name=self.name, left=currency.format(self.channel_budget_amount - used_amount),
                amount=currency.format(amount),
            ))
        if self.channel_budget_uses and used_uses + 1 > self.channel_budget_uses:
            raise UserError(_("Promotion %(name)s has been used by all the orders its budget allows.", name=self.name))
        line = self.channel_budget_line_ids.filtered(lambda budget: budget.member_id == seller)
        if line:
            line._check_room(amount, exclude_order_id=order_id)
        if self.channel_max_usage_per_store:
            __, count = self._channel_consumed(buyer=buyer, exclude_order_id=order_id)
            if count >= self.channel_max_usage_per_store:
                raise UserError(_(
                    "%(buyer)s has already used promotion %(name)s %(count)s times, as often as it may.",
                    buyer=buyer.name, name=self.name, count=count,
                ))

    def _channel_consume(self, order, amount):
        """Record ``order``'s use of the promotion, with the confirmation (its
        budget is committed first, see ``_channel_commit_budget``)."""
        self.ensure_one()
        currency = self.currency_id
        self._channel_commit_budget(order, amount)
        seller = self.env["channel.member"]._channel_member_of_company(order.company_id)
        Usage = self.env["channel.promotion.usage"].sudo()
        values = {
            "amount": amount,
            "brand_share_amount": currency.round(amount * self.channel_brand_share / 100.0)
            if self.channel_publisher_id.role == "brand" and seller.role == "distributor" else 0.0,
            "state": "active",
            "seller_member_id": seller.id,
            "buyer_member_id": order.channel_buyer_member_id.id,
        }
        usage = Usage.search([("program_id", "=", self.id), ("order_id", "=", order.id)])
        if usage:
            usage.write(values)
        else:
            usage = Usage.create(dict(values, program_id=self.id, order_id=order.id))
        return usage

    @api.model
    def _cron_channel_budgets(self):
        """Forget the commitments that became uses or lapsed, and let promotions
        whose lapsed commitments had used up the budget apply again."""
        commitments = self.env["channel.promotion.commitment"].sudo()._gc()
        budgeted = self.sudo().search([
            ("channel_publisher_id", "!=", False), "|", ("channel_budget_amount", "!=", 0),
            ("channel_budget_uses", "!=", 0),
        ])
        budgeted._channel_refresh_exhausted()
        return commitments

    # === ACTIONS === #
    def action_channel_open_usages(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Uses of %(name)s", name=self.name),
            "res_model": "channel.promotion.usage",
            "view_mode": "list,pivot,form",
            "domain": [("program_id", "=", self.id)],
        }

    def action_channel_file_claim(self):
        """The current distributor's claim of the brand's share of every use
        of this promotion it has not claimed yet."""
        self.ensure_one()
        member = self.env["channel.member"]._channel_member_of_company(self.env.company)
        usages = self.env["channel.promotion.usage"].search([
            ("program_id", "=", self.id), ("seller_member_id", "=", member.id),
            ("state", "=", "active"), ("claim_id", "=", False),
        ])
        if not usages:
            raise UserError(_("%(member)s has no unclaimed use of %(name)s.", member=member.name, name=self.name))
        claim = self.env["channel.promotion.claim"].file_claim(self.id, usages.order_id.ids)
        return {
            "type": "ir.actions.act_window",
            "res_model": "channel.promotion.claim",
            "res_id": claim.id,
            "view_mode": "form",
        }
