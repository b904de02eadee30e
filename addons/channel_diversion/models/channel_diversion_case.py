# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from markupsafe import Markup, escape

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import float_compare

KINDS = [
    ("territory", "Sold Outside Its Territory"),
    ("price", "Sold Below the Guide Price"),
    ("volume", "Buying Beyond Its Territory's Sell-Out"),
]
STATES = [("open", "Open"), ("confirmed", "Confirmed"), ("dismissed", "Dismissed")]
DEFAULT_PENALTY_POINTS = 10


class ChannelDiversionCase(models.Model):
    """A diversion case (窜货) against a distributor, with its evidence: the
    codes found outside its territory (each scan: the delivery that bound the
    code, where it was found, by whom), a sell-out reported below the guide
    price, or purchases far beyond what its territory sells. The brand
    confirms or dismisses it; a confirmed case costs the distributor credit
    points (which order approval reads) and may take a penalty from its
    rebate fund. Every step is in the case's history."""

    _name = "channel.diversion.case"
    _description = "Diversion Case"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "id desc"

    name = fields.Char(required=True, readonly=True, copy=False, default=lambda self: _("New"))
    kind = fields.Selection(KINDS, required=True, readonly=True, tracking=True)
    state = fields.Selection(STATES, required=True, default="open", readonly=True, tracking=True, index=True)
    distributor_id = fields.Many2one("channel.member", string="Distributor", required=True, readonly=True,
                                     index=True, tracking=True)
    company_id = fields.Many2one(related="distributor_id.tenant_company_id", store=True, index=True,
                                 string="Distributor's Company")
    region_id = fields.Many2one(related="distributor_id.region_id", store=True, string="Distributor's Region")
    found_member_id = fields.Many2one("channel.member", string="Found At", readonly=True, index="btree_not_null")
    found_territory_id = fields.Many2one("res.territory", string="Found In", readonly=True)
    product_id = fields.Many2one("product.product", readonly=True, index=True)
    scan_ids = fields.One2many("channel.code.scan", "case_id", string="Scans", readonly=True)
    scan_count = fields.Integer(compute="_compute_scan_count", string="Codes Found")
    picking_id = fields.Many2one("stock.picking", string="Delivery", readonly=True,
                                 help="The delivery that bound the first code found to the distributor.")
    # price cases
    sellout_line_id = fields.Many2one("channel.sellout.report.line", string="Reported Sale", readonly=True,
                                      ondelete="set null")
    reported_price = fields.Float(readonly=True, digits="Product Price")
    guide_price = fields.Float(readonly=True, digits="Product Price")
    # volume cases
    qty_received = fields.Float(string="Bought in the Window", readonly=True, digits="Product Unit of Measure")
    qty_sold_out = fields.Float(string="Territory's Sell-Out", readonly=True, digits="Product Unit of Measure")
    # decision
    penalty_points = fields.Integer(string="Credit Points Taken", readonly=True, tracking=True)
    currency_id = fields.Many2one("res.currency", compute="_compute_currency_id")
    rebate_penalty = fields.Monetary(string="Rebate Penalty", readonly=True, tracking=True)
    penalty_entry_id = fields.Many2one("channel.fund.entry", string="Penalty Entry", readonly=True)
    decision_note = fields.Text(readonly=True, tracking=True)
    decided_by_id = fields.Many2one("res.users", readonly=True, tracking=True)
    decided_date = fields.Datetime(readonly=True)

    @api.depends("scan_ids")
    def _compute_scan_count(self):
        counts = dict(self.env["channel.code.scan"]._read_group(
            [("case_id", "in", self.ids)], ["case_id"], ["__count"]
        ))
        for case in self:
            case.scan_count = counts.get(case, 0)

    @api.depends("distributor_id")
    def _compute_currency_id(self):
        for case in self:
            case.currency_id = case.distributor_id.sudo().supplier_company_id.currency_id or self.env.company.currency_id

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("name", _("New")) == _("New"):
                vals["name"] = self.env["ir.sequence"].sudo().next_by_code("channel.diversion.case") or _("New")
        return super().create(vals_list)

    # === OPENING === #
    @api.model
    def _open_for_scan(self, scan):
        """The open case of the scan's distributor, store and product, or a new one."""
        case = self.sudo().search([
            ("kind", "=", "territory"), ("state", "=", "open"), ("distributor_id", "=", scan.distributor_id.id),
            ("found_member_id", "=", scan.member_id.id), ("product_id", "=", scan.product_id.id),
        ], limit=1)
        if case:
            case.message_post(body=_("Another code found: %(code)s.", code=scan.code))
            return case
        case = self.sudo().create({
            "kind": "territory", "distributor_id": scan.distributor_id.id, "found_member_id": scan.member_id.id,
            "found_territory_id": scan.territory_id.id, "product_id": scan.product_id.id,
            "picking_id": scan.picking_id.id,
        })
        case.message_post(body=case._evidence_of(scan))
        return case

    def _evidence_of(self, scan):
        return Markup("<p>%s</p><ul><li>%s</li><li>%s</li><li>%s</li></ul>") % (
            _("Code %(code)s (%(product)s) found outside its distributor's territory.",
              code=scan.code, product=scan.product_id.display_name),
            _("Bound to %(distributor)s by delivery %(delivery)s on %(date)s.",
              distributor=scan.distributor_id.display_name, delivery=scan.picking_id.name or "-",
              date=scan.code_id.bound_date or "-"),
            _("Found at %(store)s in %(territory)s, which %(distributor)s is not authorised for.",
              store=scan.member_id.display_name, territory=scan.territory_id.name or "-",
              distributor=scan.distributor_id.name),
            _("Scanned by %(user)s (%(origin)s) on %(date)s.", user=scan.user_id.name,
              origin=dict(scan._fields["source"].selection)[scan.source], date=scan.date),
        )

    @api.model
    def _open_price_case(self, line, guide_price):
        """A store reported selling below the guide price: a case against its distributor."""
        store = line.member_id
        case = self.sudo().create({
            "kind": "price", "distributor_id": store.upstream_id.id, "found_member_id": store.id,
            "found_territory_id": store.territory_id.id, "product_id": line.product_id.id,
            "sellout_line_id": line.id, "reported_price": line.price, "guide_price": guide_price,
        })
        case.message_post(body=escape(_(
            "%(store)s reported selling %(product)s at %(price)s in the week of %(week)s, below the guide price "
            "of %(guide)s.", store=store.display_name, product=line.product_id.display_name, price=line.price,
            week=line.week, guide=guide_price,
        )))
        return case

    @api.model
    def _cron_volume_cases(self):
        """A distributor that bought, over the health report's window, more
        than ``channel_diversion.volume_factor`` times (3 by default) what its
        stores reported selling, and at least ``channel_diversion.volume_min``
        units (100), gets a case per product (one open at a time)."""
        get = self.env["ir.config_parameter"].sudo().get_param
        factor = float(get("channel_diversion.volume_factor", 3.0))
        minimum = float(get("channel_diversion.volume_min", 100.0))
        Health = self.env["channel.stock.health"].sudo()
        Health.invalidate_model()
        bought = Health._read_group(
            [("role", "=", "distributor"), ("qty_received", ">=", minimum)], ["member_id", "product_id"],
            ["qty_received:sum"],
        )
        if not bought:
            return self.browse()
        companies = {member.tenant_company_id.id: member for member, __, __ in bought}
        sold = {
            (company.id, product.id): qty for company, product, qty in Health._read_group(
                [("role", "=", "store"), ("company_id", "in", list(companies))], ["company_id", "product_id"],
                ["qty_sold:sum"],
            )
        }
        open_cases = {
            (case.distributor_id.id, case.product_id.id) for case in self.sudo().search(
                [("kind", "=", "volume"), ("state", "=", "open")]
            )
        }
        values = []
        for member, product, received in bought:
            sold_out = sold.get((member.tenant_company_id.id, product.id), 0.0)
            if received > factor * sold_out and (member.id, product.id) not in open_cases:
                values.append({
                    "kind": "volume", "distributor_id": member.id, "product_id": product.id,
                    "qty_received": received, "qty_sold_out": sold_out,
                })
        cases = self.sudo().create(values)
        for case in cases:
            case.message_post(body=escape(_(
                "%(distributor)s bought %(received)s of %(product)s in the window while its stores reported "
                "selling %(sold)s.", distributor=case.distributor_id.display_name, received=case.qty_received,
                product=case.product_id.display_name, sold=case.qty_sold_out,
            )))
        return cases

    # === WORKING A CASE === #
    def _check_brand(self):
        if not self.env.user.has_group("channel_base.group_channel_brand_manager"):
            raise AccessError(_("Only the brand's channel managers work diversion cases."))

    def _check_state(self, *states):
        for case in self:
            if case.state not in states:
                raise UserError(_("Case %(case)s is %(state)s: it cannot do that now.",
                                  case=case.name, state=dict(STATES)[case.state]))

    def action_confirm(self, points=None, note=None):
        """Diversion proven: the distributor loses ``points`` credit points
        (default ``channel_diversion.penalty_points``, 10; never below zero)."""
        self._check_brand()
        self._check_state("open")
        if points is None:
            points = int(self.env["ir.config_parameter"].sudo().get_param(
                "channel_diversion.penalty_points", DEFAULT_PENALTY_POINTS
            ))
        if not isinstance(points, int) or points < 0:
            raise UserError(_("Credit points taken are a whole number, zero or more."))
        for case in self:
            distributor = case.distributor_id.sudo()
            taken = min(points, distributor.credit_points)
            distributor.credit_points -= taken
            case.sudo().write({
                "state": "confirmed", "penalty_points": taken, "decision_note": note or False,
                "decided_by_id": self.env.uid, "decided_date": fields.Datetime.now(),
            })
        return True

    def action_dismiss(self, note=None):
        self._check_brand()
        self._check_state("open")
        self.sudo().write({
            "state": "dismissed", "decision_note": note or False, "decided_by_id": self.env.uid,
            "decided_date": fields.Datetime.now(),
        })
        return True

    def action_open_penalty(self):
        self._check_brand()
        self._check_state("confirmed")
        return {
            "type": "ir.actions.act_window",
            "name": _("Rebate Penalty"),
            "res_model": "channel.diversion.penalty",
            "view_mode": "form",
            "target": "new",
            "context": {"default_case_id": self.id},
        }

    def action_penalise(self, amount):
        """Take ``amount`` from the distributor's rebate fund with its upstream
        for a confirmed case (once)."""
        self._check_brand()
        self._check_state("confirmed")
        self.ensure_one()
        if self.penalty_entry_id:
            raise UserError(_("Case %(case)s was already penalised.", case=self.name))
        if not isinstance(amount, (int, float)) or float_compare(amount, 0.0, precision_digits=2) <= 0:
            raise UserError(_("A penalty is a positive amount."))
        distributor = self.distributor_id.sudo()
        issuer = distributor.supplier_company_id
        # the fund is debited with sudo below, in its issuer's books: the brand
        # takes penalties only from the rebate funds it keeps itself (its direct
        # buyers'), working in its own company; a dealer's fund is its upstream's
        if issuer != self.env.company or issuer != distributor._brand_member().tenant_company_id:
            raise UserError(_(
                "%(distributor)s's rebate fund is kept in the books of %(issuer)s: the brand takes penalties only "
                "from the rebate funds it keeps, working in its own company.",
                distributor=distributor.name, issuer=issuer.name or _("nobody"),
            ))
        account = self.env["channel.fund.account"]._find(distributor, issuer, "rebate")
        if not account:
            raise UserError(_("%(distributor)s has no rebate fund to take a penalty from.",
                              distributor=distributor.name))
        entry = account.sudo()._debit_rebate(
            amount, source=self, description=_("Diversion penalty, case %(case)s", case=self.name)
        )
        self.sudo().write({"rebate_penalty": amount, "penalty_entry_id": entry.id})
        return True

