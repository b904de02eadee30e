# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""What the brand ERP reads back: orders changed since a point in time, stock,
sell-out, fund balances and rebate statements. Each read answers
``{"records": [...], "next": ...}``: pass ``next`` back to get the following
page (``False`` when there is none: XML-RPC has no None)."""
import datetime

from odoo import _, api, fields, models
from odoo.exceptions import UserError

MAX_LIMIT = 1000
DEFAULT_LIMIT = 200


class ChannelApi(models.AbstractModel):
    _inherit = "channel.api"

    # === PUBLIC API: READS (XML-RPC) === #
    @api.model
    def read_orders(self, since=None, limit=DEFAULT_LIMIT):
        """Sale orders of every company of the channel created or changed after
        ``since`` ("YYYY-MM-DD HH:MM:SS" UTC, or the ``next`` of the previous
        page), oldest change first, with their lines and progress (delivered,
        invoiced)."""
        return self._api_read_call("read_orders", self._api_read_orders, since, limit)

    @api.model
    def read_stock(self, member_codes=None, product_codes=None, limit=MAX_LIMIT, offset=0):
        """Stock of distributors (their warehouses) and stores (their last
        report), per product: on hand, incoming, days of cover, safety stock,
        suggested order, out of stock."""
        return self._api_read_call("read_stock", self._api_read_stock, member_codes, product_codes, limit, offset)

    @api.model
    def read_sellout(self, since_week=None, member_codes=None, limit=MAX_LIMIT, offset=0):
        """Stores' weekly report lines from the week of ``since_week``
        (YYYY-MM-DD) on: on hand, sold, price, anomaly."""
        return self._api_read_call("read_sellout", self._api_read_sellout, since_week, member_codes, limit, offset)

    @api.model
    def read_fund_balances(self, member_codes=None, limit=MAX_LIMIT, offset=0):
        """Every fund account (cash, credit, rebate) with its balance, holds,
        what is available and the credit limit."""
        return self._api_read_call("read_fund_balances", self._api_read_funds, member_codes, limit, offset)

    @api.model
    def read_rebate_statements(self, since=None, member_codes=None, limit=MAX_LIMIT, offset=0):
        """Rebate statements (one line per member and run) of runs earned up to
        ``since`` (YYYY-MM-DD) or later: base, tier rate, earned, settled."""
        return self._api_read_call(
            "read_rebate_statements", self._api_read_rebates, since, member_codes, limit, offset
        )

    # === READERS === #
    @api.model
    def _api_check_limit(self, limit, offset=0):
        if not isinstance(limit, int) or isinstance(limit, bool) or not 0 < limit <= MAX_LIMIT:
            raise UserError(_("'limit' must be a whole number from 1 to %(max)s", max=MAX_LIMIT))
        if not isinstance(offset, int) or isinstance(offset, bool) or offset < 0:
            raise UserError(_("'offset' must be a whole number, 0 or more"))

    @api.model
    def _api_date(self, value, key):
        try:
            date = fields.Date.to_date(value) if isinstance(value, str) else None
        except ValueError:
            date = None
        if not date:
            raise UserError(_("'%(key)s' must be a date, YYYY-MM-DD", key=key))
        return date

    @api.model
    def _api_member_domain(self, member_codes, field="member_id"):
        if member_codes is None:
            return []
        if not isinstance(member_codes, list) or not all(isinstance(code, str) for code in member_codes):
            raise UserError(_("'member_codes' must be a list of member codes"))
        return [(f"{field}.code", "in", member_codes)]

    @api.model
    def _api_page(self, model, domain, fields_, limit, offset, order):
        records = self.env[model].sudo().search_fetch(domain, fields_, limit=limit + 1, offset=offset, order=order)
        more = len(records) > limit
        return records[:limit], (offset + limit if more else False)

    @api.model
    def _api_read_orders(self, since, limit):
        self._api_check_limit(limit)
        moment, last_id = datetime.datetime(1970, 1, 1), 0
        if since:
            stamp, _sep, last = since.partition("#") if isinstance(since, str) else ("", "", "")
            try:
                moment, last_id = datetime.datetime.fromisoformat(stamp.strip()), int(last or 0)
            except ValueError:
                raise UserError(_("'since' must be a date and time, YYYY-MM-DD HH:MM:SS")) from None
        # keyset paging on (write_date, id), to the microsecond: orders changed in
        # one transaction share their write_date, and none is skipped or repeated
        self.env["sale.order"].flush_model(["write_date"])
        self.env.cr.execute(
            "SELECT id, write_date FROM sale_order WHERE (write_date, id) > (%s, %s) ORDER BY write_date, id LIMIT %s",
            [moment, last_id, limit + 1],
        )
        rows = self.env.cr.fetchall()
        stamps = dict(rows)
        Order = self.env["sale.order"].sudo()
        orders = Order.browse([row[0] for row in rows])
        orders.fetch(
            ["name", "client_order_ref", "company_id", "partner_id", "state", "channel_approval_state",
             "date_order", "currency_id", "amount_untaxed", "amount_tax", "amount_total", "invoice_status"],
        )
        more = len(orders) > limit
        orders = orders[:limit]
        members = self._api_members_by_partner(orders.company_id.partner_id | orders.partner_id.commercial_partner_id)
        lines_by_order = {}
        for line in self.env["sale.order.line"].sudo().search_fetch(
            [("order_id", "in", orders.ids), ("display_type", "=", False)],
            ["order_id", "product_id", "product_uom_qty", "qty_delivered", "qty_invoiced", "price_unit",
             "discount", "price_subtotal", "is_reward_line"],
            order="order_id, sequence, id",
        ):
            lines_by_order.setdefault(line.order_id.id, []).append({
                "product_code": line.product_id.default_code or False,
                "quantity": line.product_uom_qty,
                "delivered": line.qty_delivered,
                "invoiced": line.qty_invoiced,
                "price_unit": line.price_unit,
                "discount": line.discount,
                "subtotal": line.price_subtotal,
                "promotion": line.is_reward_line,
            })
        records = [{
            "id": order.id,
            "name": order.name,
            "ref": order.client_order_ref or False,
            "seller_code": members.get(order.company_id.partner_id.id, False),
            "buyer_code": members.get(order.partner_id.commercial_partner_id.id, False),
            "state": order.state,
            "approval": order.channel_approval_state,
            "date_order": fields.Datetime.to_string(order.date_order),
            "currency": order.currency_id.name,
            "amount_untaxed": order.amount_untaxed,
            "amount_tax": order.amount_tax,
            "amount_total": order.amount_total,
            "invoice_status": order.invoice_status,
            "changed_at": stamps[order.id].isoformat(sep=" "),
            "lines": lines_by_order.get(order.id, []),
        } for order in orders]
        last = orders[-1:] if orders else None
        return {
            "records": records,
            "next": f"{stamps[last.id].isoformat(sep=' ')}#{last.id}" if more else False,
        }

    @api.model
    def _api_members_by_partner(self, partners):
        """``{partner id: member code}`` for the members among ``partners``."""
        members = self.env["channel.member"].sudo().search_fetch([("partner_id", "in", partners.ids)], ["partner_id", "code"])
        return {member.partner_id.id: member.code for member in members}

    @api.model
    def _api_read_stock(self, member_codes, product_codes, limit, offset):
        self._api_check_limit(limit, offset)
        domain = self._api_member_domain(member_codes)
        if product_codes is not None:
            if not isinstance(product_codes, list) or not all(isinstance(code, str) for code in product_codes):
                raise UserError(_("'product_codes' must be a list of internal references"))
            domain.append(("product_id.default_code", "in", product_codes))
        rows, following = self._api_page(
            "channel.stock.health", domain,
            ["member_id", "product_id", "qty_on_hand", "qty_incoming", "qty_sold", "days_of_cover", "safety_qty",
             "suggested_qty", "below_safety", "stock_out"],
            limit, offset, "member_id, product_id",
        )
        return {"records": [{
            "member_code": row.member_id.code,
            "role": row.member_id.role,
            "product_code": row.product_id.default_code or False,
            "on_hand": row.qty_on_hand,
            "incoming": row.qty_incoming,
            "sold": row.qty_sold,
            "days_of_cover": row.days_of_cover,
            "safety_stock": row.safety_qty,
            "suggested_order": row.suggested_qty,
            "below_safety": row.below_safety,
            "out_of_stock": row.stock_out,
        } for row in rows], "next": following}

    @api.model
    def _api_read_sellout(self, since_week, member_codes, limit, offset):
        self._api_check_limit(limit, offset)
        domain = self._api_member_domain(member_codes)
        if since_week:
            week = self._api_date(since_week, "since_week")
            domain.append(("week", ">=", self.env["channel.sellout.report"]._week_of(week)))
        lines, following = self._api_page(
            "channel.sellout.report.line", domain,
            ["member_id", "week", "product_id", "qty_on_hand", "qty_sold", "price", "anomaly"],
            limit, offset, "week, member_id, product_id",
        )
        return {"records": [{
            "store_code": line.member_id.code,
            "week": fields.Date.to_string(line.week),
            "product_code": line.product_id.default_code or False,
            "on_hand": line.qty_on_hand,
            "sold": line.qty_sold,
            "price": line.price,
            "anomaly": line.anomaly or False,
        } for line in lines], "next": following}

    @api.model
    def _api_read_funds(self, member_codes, limit, offset):
        self._api_check_limit(limit, offset)
        accounts, following = self._api_page(
            "channel.fund.account", self._api_member_domain(member_codes, "holder_id"),
            ["holder_id", "company_id", "account_type", "currency_id", "credit_expiry"],
            limit, offset, "holder_id, account_type",
        )
        members = self._api_members_by_partner(accounts.company_id.partner_id)
        return {"records": [{
            "member_code": account.holder_id.code,
            "issuer_code": members.get(account.company_id.partner_id.id, False),
            "type": account.account_type,
            "currency": account.currency_id.name,
            "balance": account.balance,
            "on_hold": account.hold_amount,
            "available": account.available,
            "credit_expiry": fields.Date.to_string(account.credit_expiry) if account.credit_expiry else False,
        } for account in accounts], "next": following}

    @api.model
    def _api_read_rebates(self, since, member_codes, limit, offset):
        self._api_check_limit(limit, offset)
        domain = self._api_member_domain(member_codes)
        if since:
            domain.append(("run_id.date_to", ">=", self._api_date(since, "since")))
        lines, following = self._api_page(
            "channel.rebate.run.line", domain,
            ["run_id", "policy_id", "member_id", "currency_id", "base_amount", "base_quantity", "target",
             "attainment", "rate", "earned", "settled_before", "to_settle"],
            limit, offset, "run_id, member_id",
        )
        return {"records": [{
            "run": line.run_id.name,
            "policy": line.policy_id.name,
            "earned_up_to": fields.Date.to_string(line.run_id.date_to),
            "state": line.run_id.state,
            "member_code": line.member_id.code,
            "currency": line.currency_id.name,
            "base_amount": line.base_amount,
            "base_quantity": line.base_quantity,
            "target": line.target,
            "attainment": line.attainment,
            "rate": line.rate,
            "earned": line.earned,
            "settled_before": line.settled_before,
            "to_settle": line.to_settle,
        } for line in lines], "next": following}
