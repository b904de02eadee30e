# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.exceptions import AccessError, ValidationError

from .channel_code import MAX_CODE_LENGTH

RESULTS = [
    ("ok", "In Its Territory"),
    ("diverted", "Diverted"),
    ("unknown", "Unknown Code"),
    ("duplicate", "Scanned Before"),
    ("unbound", "Never Delivered to a Distributor"),
    ("case_elsewhere", "Its Case Was Opened at Another Store"),
]
ANOMALIES = ("unknown", "duplicate", "unbound", "case_elsewhere")
SOLD = ("ok", "diverted")  # a scan that takes the code as sold at the store


class ChannelCodeScan(models.Model):
    """A product code scanned or reported by a store: where it was found and
    by whom, what the code's trace said. Every scan is kept, anomalies
    (unknown codes, codes scanned twice, codes never delivered) included: a
    scan is evidence, never silently accepted or dropped."""

    _name = "channel.code.scan"
    _description = "Product Code Scan"
    _order = "id desc"
    _rec_name = "code"

    code = fields.Char(string="Scanned Code", required=True, readonly=True, help="As scanned.")
    code_id = fields.Many2one("channel.code", string="Traced Code", readonly=True, index="btree_not_null",
                              ondelete="set null")
    product_id = fields.Many2one("product.product", readonly=True)
    member_id = fields.Many2one("channel.member", string="Found At", required=True, readonly=True, index=True)
    company_id = fields.Many2one(
        "res.company", string="Store's Distributor", readonly=True, index=True,
        help="The company the store buys from.",
    )
    territory_id = fields.Many2one("res.territory", string="Found In", readonly=True)
    region_id = fields.Many2one("res.region", string="Region", readonly=True)
    distributor_id = fields.Many2one("channel.member", string="Bound To", readonly=True, index="btree_not_null")
    picking_id = fields.Many2one("stock.picking", string="Delivery", readonly=True)
    user_id = fields.Many2one("res.users", string="Scanned By", readonly=True, default=lambda self: self.env.user)
    date = fields.Datetime(readonly=True, default=fields.Datetime.now)
    source = fields.Selection(
        [("portal", "Portal Scan"), ("sellout", "Sell-Out Report"), ("api", "XML-RPC")],
        required=True, default="api", readonly=True,
    )
    result = fields.Selection(RESULTS, required=True, readonly=True, index=True)
    case_id = fields.Many2one("channel.diversion.case", string="Diversion Case", readonly=True, index="btree_not_null",
                              ondelete="set null")

    @api.model
    def scan_code(self, code, store_code=None, source="api"):
        """XML-RPC and portal: record the scan of ``code`` at a store (the
        user's own, or ``store_code`` for its distributor's system or the
        brand) and trace it. Returns ``{"result", "message", "scan_id",
        "case_id"}``: an unknown code or one scanned before is recorded as an
        anomaly and said so; a code found where its distributor is not
        authorised opens (or adds to) a diversion case against it."""
        if source not in dict(self._fields["source"].selection):
            raise ValidationError(_("%(origin)s is not a source of scans.", origin=source))
        store = self._store_for(store_code)
        code = (code or "").strip() if isinstance(code, str) else ""
        if not code:
            raise ValidationError(_("Give the code printed on the product."))
        self._check_code_length(code)
        scan = self.sudo()._record(self.env["channel.code"].sudo()._trace(code), code, store, source)
        return {
            "result": scan.result,
            "message": scan._message(),
            "scan_id": scan.id,
            "case_id": scan.case_id.id or False,
        }

    @api.model
    def _check_code_length(self, code):
        """A scan longer than any printed code is refused, not stored nor echoed."""
        if len(code) > MAX_CODE_LENGTH:
            raise ValidationError(_(
                "This is not a product code: a code has at most %(max)s characters. Scan the code again.",
                max=MAX_CODE_LENGTH,
            ))

    @api.model
    def _store_for(self, store_code):
        Member = self.env["channel.member"].sudo()
        if store_code:
            store = Member.search([("code", "=", store_code), ("role", "=", "store")], limit=1) \
                if isinstance(store_code, str) and len(store_code) <= MAX_CODE_LENGTH else Member
            if not store:
                raise ValidationError(_("%(code)s is not a store of the channel.", code=str(store_code)[:MAX_CODE_LENGTH]))
            self.env["channel.sellout.report"]._check_may_report(store)
            return store
        store = Member._channel_store_of_user(self.env.user)
        if not store:
            raise AccessError(_("Only a store scans codes for itself; give the store's code."))
        return store

    @api.model
    def _record(self, code, text, store, source):
        """The scan of ``code`` (``text`` as scanned) at ``store``, judged."""
        values = {
            "code": text, "code_id": code.id, "product_id": code.product_id.id, "member_id": store.id,
            "company_id": store.supplier_company_id.id, "territory_id": store.territory_id.id,
            "region_id": store.region_id.id, "distributor_id": code.distributor_id.id,
            "picking_id": code.picking_id.id, "source": source, "user_id": self.env.uid,
        }
        if not code:
            return self.create(dict(values, result="unknown"))
        if self.search_count([("code_id", "=", code.id), ("result", "in", SOLD)], limit=1):
            # a unit is sold once, a case opened once: a second scan is a copy or a resale
            return self.create(dict(values, result="duplicate"))
        if code.kind == "unit" and code.parent_id and self.search_count([
            ("code_id", "=", code.parent_id.id), ("result", "in", SOLD), ("member_id", "!=", store.id),
        ], limit=1):
            # its case was opened at another store: this unit should be there
            return self.create(dict(values, result="case_elsewhere"))
        if not code.distributor_id:
            return self.create(dict(values, result="unbound"))
        if store.territory_id in code.distributor_id.authorization_ids.territory_id:
            return self.create(dict(values, result="ok"))
        scan = self.create(dict(values, result="diverted"))
        scan.case_id = self.env["channel.diversion.case"]._open_for_scan(scan)
        return scan

    def _message(self):
        self.ensure_one()
        code = self.code
        if self.result == "ok":
            return _("%(code)s: %(product)s, sold within its distributor's territory.",
                     code=code, product=self.product_id.display_name)
        if self.result == "unknown":
            return _("%(code)s is not a code of the brand's products: recorded for the brand to check.", code=code)
        if self.result == "duplicate":
            return _("%(code)s was scanned before: recorded for the brand to check.", code=code)
        if self.result == "case_elsewhere":
            return _("%(code)s belongs to a case that was opened at another store: recorded for the brand to check.",
                     code=code)
        if self.result == "unbound":
            return _("%(code)s was never delivered to a distributor: recorded for the brand to check.", code=code)
        return _(
            "%(code)s was delivered to %(distributor)s, which may not sell in %(territory)s: a diversion case is "
            "open.", code=code, distributor=self.distributor_id.name,
            territory=self.territory_id.name or _("this store's area"),
        )
