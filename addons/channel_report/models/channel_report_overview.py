# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import datetime, time, timedelta

import pytz
from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import LazyTranslate

_lt = LazyTranslate(__name__)

PERIODS = {
    "month": _lt("This Month"),
    "quarter": _lt("Last 3 Months"),
    "year": _lt("This Year"),
    "12months": _lt("Last 12 Months"),
}
TOP = 10
# the dashboard each block of the overview opens
ACTIONS = {
    "sales": "channel_report.channel_report_sale_action",
    "ranking": "channel_report.channel_report_ranking_action",
    "sku": "channel_report.channel_report_sku_action",
    "inventory": "channel_stock.channel_stock_health_action",
    "rebate": "channel_report.channel_report_rebate_action",
    "watchlist": "channel_rebate.channel_rebate_watchlist_action",
    "promotion": "channel_report.channel_report_promotion_action",
    "fund": "channel_report.channel_report_fund_action",
    "diversion": "channel_report.channel_report_diversion_action",
}


class ChannelReportOverview(models.AbstractModel):
    """The overview screen of the channel: the figures of every dashboard on
    one page, for the brand's channel team (the whole network) or for a
    distributor (its branch: every figure comes from the report models
    through the ORM, so their record rules decide what is counted). Each
    block opens the dashboard behind it with the same period and scope."""

    _name = "channel.report.overview"
    _description = "Channel Overview"

    # === PERIOD AND SCOPE === #
    @api.model
    def _period_bounds(self, period):
        """(first day, last day) of ``period`` in the user's time zone."""
        if period not in PERIODS:
            raise UserError(self.env._("Unknown period: %(period)s.", period=period))
        today = fields.Date.context_today(self)
        start = {
            "month": today.replace(day=1),
            "quarter": today - relativedelta(months=3) + timedelta(days=1),
            "year": today.replace(month=1, day=1),
            "12months": today - relativedelta(years=1) + timedelta(days=1),
        }[period]
        return start, today

    @api.model
    def _period_domain(self, period, field="date"):
        """The period as a domain on a datetime field: from the user's local
        midnight of its first day to the midnight after its last, in UTC."""
        start, end = self._period_bounds(period)
        tz = pytz.timezone(self.env.context.get("tz") or self.env.user.tz or "UTC")

        def utc(day):
            return tz.localize(datetime.combine(day, time.min)).astimezone(pytz.utc).replace(tzinfo=None)

        return [(field, ">=", utc(start)), (field, "<", utc(end + timedelta(days=1)))]

    @api.model
    def _scope(self):
        """The members the user works for (none: the brand's whole network)."""
        user = self.env.user
        if user.has_group("channel_base.group_channel_brand_user"):
            return self.env["channel.member"]
        return self.env["channel.member"].browse(user._channel_scope_member_ids(self.env.companies.ids))

    # === THE OVERVIEW === #
    @api.model
    def get_overview(self, period="year"):
        """Every figure of the overview, as plain data for the screen."""
        if not self.env.user.has_group("channel_base.group_channel_distributor_user") and not \
                self.env.user.has_group("channel_base.group_channel_brand_user"):
            raise AccessError(self.env._(
                "The channel overview is for the brand's channel team and distributors' staff."
            ))
        start, end = self._period_bounds(period)
        scope = self._scope()
        company = self.env.company
        # the stores the user sees: ordering stores and distribution are shares of them
        stores = self.env["channel.member"].search_count([("role", "=", "store")])
        return {
            "period": {"key": period, "date_from": fields.Date.to_string(start), "date_to": fields.Date.to_string(end),
                       "options": [{"key": key, "label": self.env._(label)} for key, label in PERIODS.items()]},
            "scope": {"brand": not scope, "name": ", ".join(scope.mapped("name")) or company.name},
            "currency_id": company.currency_id.id,
            "sales": self._overview_sales(period, stores),
            "ranking": self._overview_ranking(period),
            "sku": self._overview_sku(stores),
            "inventory": self._overview_inventory(),
            "rebate": self._overview_rebate(),
            "promotion": self._overview_promotion(period),
            "fund": self._overview_fund(scope),
            "diversion": self._overview_diversion(),
        }

    def _overview_sales(self, period, stores):
        """Sales of the period by buyer's role, by region and by the seller's level."""
        Sale = self.env["channel.report.sale"]
        domain = self._period_domain(period)
        by_region = {}
        totals = {"distributor": 0.0, "store": 0.0}
        ordering = orders = 0
        # one grouped query: a buyer and an order have one region and one role,
        # so the distinct counts of the groups add up
        for region, role, amount, buyers, order_count in Sale._read_group(
            domain, ["region_id", "buyer_role"],
            ["amount:sum", "buyer_member_id:count_distinct", "order_id:count_distinct"],
        ):
            row = by_region.setdefault(region, {"distributor": 0.0, "store": 0.0, "other": 0.0})
            row[role if role in totals else "other"] += amount
            if role in totals:
                totals[role] += amount
            if role == "store":
                ordering += buyers
                orders += order_count
        regions = sorted(
            ({"id": region.id, "name": region.name or self.env._("No Region"), "to_distributors": row["distributor"],
              "to_stores": row["store"], "total": row["distributor"] + row["store"] + row["other"]}
             for region, row in by_region.items()),
            key=lambda row: -row["total"],
        )
        for rank, row in enumerate(regions, start=1):
            row["rank"] = rank
        levels = [
            {"id": level.id, "name": level.name, "amount": amount, "orders": order_count}
            for level, amount, order_count in Sale._read_group(
                domain, ["seller_level_id"], ["amount:sum", "order_id:count_distinct"], order="amount:sum desc")
        ]
        return {
            "to_distributors": totals["distributor"], "to_stores": totals["store"],
            "ordering_stores": ordering, "store_orders": orders, "stores": stores,
            "regions": regions, "levels": levels,
        }

    def _overview_ranking(self, period):
        """The distributors that bought most in the period, ranked."""
        rows = self.env["channel.report.sale"]._read_group(
            self._period_domain(period) + [("buyer_role", "=", "distributor")],
            ["buyer_member_id"], ["amount:sum"], order="amount:sum desc", limit=TOP,
        )
        return [
            {"rank": rank, "id": member.id, "name": member.display_name, "region": member.region_id.name or "",
             "level": member.level_id.name, "purchases": amount}
            for rank, (member, amount) in enumerate(rows, start=1)
        ]

    def _overview_sku(self, stores):
        """The best-selling products at the stores in the window, with their
        sell-through and distribution (stores carrying over all stores)."""
        Sku = self.env["channel.report.sku"]
        rows = Sku._read_group(
            [], ["product_id"], ["qty_sold:sum", "qty_bought:sum", "store_count:sum"],
            order="qty_sold:sum desc, product_id", limit=TOP,
        )
        return {
            "window_days": Sku._window_days(),
            "stores": stores,
            "products": [
                {"id": product.id, "name": product.display_name, "sold": sold, "bought": bought,
                 "sell_through": 100.0 * sold / bought if bought else False, "stores": carrying,
                 "distribution": 100.0 * carrying / stores if stores else False}
                for product, sold, bought, carrying in rows
            ],
        }

    def _overview_inventory(self):
        """How many member-products are out of stock, below their safety stock,
        slow to move or to replenish, by role."""
        counts = {role: {"stock_out": 0, "below_safety": 0, "slow_mover": 0, "to_replenish": 0, "lines": 0}
                  for role in ("distributor", "store")}
        groups = self.env["channel.stock.health"]._read_group(
            [("role", "in", ("distributor", "store"))],
            ["role", "stock_out", "below_safety", "slow_mover", "to_replenish"], ["__count"],
        )
        for role, stock_out, below_safety, slow_mover, to_replenish, count in groups:
            row = counts[role]
            row["lines"] += count
            row["stock_out"] += count if stock_out else 0
            row["below_safety"] += count if below_safety else 0
            row["slow_mover"] += count if slow_mover else 0
            row["to_replenish"] += count if to_replenish else 0
        return counts

    def _overview_rebate(self):
        """Outstanding and accrued rebates by policy, and for the policies the
        user's companies issue, how many members are close to their next tier."""
        rows = self.env["channel.report.rebate"]._read_group(
            [], ["policy_id"], ["earned:sum", "settled:sum", "outstanding:sum", "accrued:sum"],
            order="outstanding:sum desc",
        )
        policies = []
        for policy, earned, settled, outstanding, accrued in rows:
            # the rows are the user's; the policy behind them may be its upstream's
            policy = policy.sudo()
            watch = False  # not the user's policy (XML-RPC has no None)
            if policy.company_id in self.env.companies:
                watch = len(policy._watchlist(fields.Date.context_today(self)))
            policies.append({"id": policy.id, "name": policy.name, "earned": earned, "settled": settled,
                             "outstanding": outstanding, "accrued": accrued, "watchlist": watch})
        return {
            "outstanding": sum(row["outstanding"] for row in policies),
            "accrued": sum(row["accrued"] for row in policies),
            "policies": policies,
        }

    def _overview_promotion(self, period):
        """What each promotion gave and sold in the period, and its budget
        where the user's companies publish it."""
        rows = self.env["channel.report.promotion"]._read_group(
            self._period_domain(period), ["program_id"],
            ["discount:sum", "brand_share:sum", "sales:sum", "order_count:sum", "buyer_member_id:count_distinct"],
            order="discount:sum desc",
        )
        own = self.env["loyalty.program"].sudo().browse(
            [program.id for program, *__ in rows]
        ).filtered(lambda program: program.channel_budget_amount and (
            program.company_id in self.env.companies
            or program.channel_publisher_id.tenant_company_id in self.env.companies))
        # what the promotions the user publishes gave in all (a budget spans
        # their whole life, not the period): one grouped query, not the
        # program's computed results (which also compare sales per program)
        consumed = dict(self.env["channel.promotion.usage"].sudo()._read_group(
            [("program_id", "in", own.ids), ("state", "=", "active")], ["program_id"], ["amount:sum"],
        )) if own else {}
        programs = []
        for program, discount, brand_share, sales, orders, buyers in rows:
            program = program.sudo()
            budget = program.channel_budget_amount if program in own else 0.0
            programs.append({
                "id": program.id, "name": program.name, "discount": discount, "brand_share": brand_share,
                "sales": sales, "orders": orders, "buyers": buyers, "budget": budget,
                "budget_used": 100.0 * consumed.get(program, 0.0) / budget if budget else False,
                "exhausted": bool(program in own and program.channel_budget_exhausted),
            })
        return {
            "discount": sum(row["discount"] for row in programs),
            "sales": sum(row["sales"] for row in programs),
            "programs": programs,
        }

    def _overview_fund(self, scope):
        """Fund balances by type: for the brand, every account of the network;
        for a distributor, those its company issues (to its buyers) and those
        it holds with its upstream."""
        Fund = self.env["channel.report.fund"]
        labels = dict(Fund._fields["account_type"]._description_selection(self.env))
        if scope:
            sides = [("issued", [("company_id", "in", self.env.companies.ids)]),
                     ("held", [("holder_id", "in", scope.ids)])]
        else:
            sides = [("network", [])]
        result = []
        for side, domain in sides:
            for account_type, balance, hold, available, count in Fund._read_group(
                domain, ["account_type"], ["balance:sum", "hold_amount:sum", "available:sum", "__count"],
                order="account_type",
            ):
                result.append({"side": side, "type": account_type, "label": labels[account_type],
                               "balance": balance, "hold": hold, "available": available, "accounts": count})
        return result

    def _overview_diversion(self):
        Case = self.env["channel.diversion.case"]
        labels = dict(Case._fields["kind"]._description_selection(self.env))
        kinds = [{"kind": kind, "label": labels[kind], "count": count}
                 for kind, count in Case._read_group([("state", "=", "open")], ["kind"], ["__count"], order="kind")]
        return {"open": sum(row["count"] for row in kinds), "kinds": kinds}

    # === DRILL-DOWN === #
    @api.model
    def get_action(self, block, period="year", res_id=False):
        """The dashboard behind a block of the overview, filtered alike."""
        if block not in ACTIONS:
            raise UserError(self.env._("Unknown block of the overview: %(block)s.", block=block))
        action = self.env["ir.actions.actions"]._for_xml_id(ACTIONS[block])
        domain = []
        if block in ("sales", "ranking", "promotion"):
            if block == "ranking":
                start, _end = self._period_bounds(period)
                domain = [("period", "=", "month"), ("date", ">=", start.replace(day=1))]
            else:
                domain = self._period_domain(period)
            if block == "sales" and res_id:
                domain.append(("region_id", "=", res_id))
            if block == "ranking" and res_id:
                domain.append(("member_id", "=", res_id))
            if block == "promotion" and res_id:
                domain.append(("program_id", "=", res_id))
        elif block == "sku" and res_id:
            domain = [("product_id", "=", res_id)]
        elif block == "rebate" and res_id:
            domain = [("policy_id", "=", res_id)]
        elif block == "diversion":
            domain = [("state", "=", "open")]
        elif block == "watchlist":
            policy = self.env["channel.rebate.policy"].browse(res_id).exists()
            if not policy:
                raise UserError(self.env._("Choose a rebate policy to watch."))
            action["context"] = {"default_policy_id": policy.id}
            return action
        action["domain"] = domain
        return action
