# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import secrets

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL

MAX_CODES_PER_RUN = 1_000_000
# Printed codes: CODE_LENGTH characters drawn at random from an alphabet with
# no look-alikes (no 0/O, 1/I/L): 14 x log2(31) = 69 bits, so a store typing
# codes it never saw finds none. Codes printed before (MX0000000001 and
# MX0000000001-0001) stay valid: they are only looked up by name.
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
CODE_LENGTH = 14
MAX_CODE_LENGTH = 64  # what a scan may send: longer is no code of ours


class ChannelCode(models.Model):
    """A product code (一物一码): a case, tracked in stock as an Odoo lot of
    the same name, or a unit inside a case. A code is bound to the distributor
    it was last delivered to (the delivery is its evidence); a code scanned
    or reported where that distributor is not authorised is diverted.

    Tens of millions of rows: no access log, one unique index on the code
    for tracing, partial indexes for the rest."""

    _name = "channel.code"
    _description = "Product Code"
    _order = "id"
    _log_access = False

    name = fields.Char(string="Code", required=True, readonly=True)
    product_id = fields.Many2one("product.product", required=True, readonly=True, ondelete="restrict")
    kind = fields.Selection([("case", "Case"), ("unit", "Unit")], required=True, default="unit", readonly=True)
    parent_id = fields.Many2one("channel.code", string="Case", readonly=True, index="btree_not_null",
                                ondelete="restrict")
    child_ids = fields.One2many("channel.code", "parent_id", string="Units")
    lot_id = fields.Many2one("stock.lot", string="Lot", readonly=True, index="btree_not_null", ondelete="set null")
    distributor_id = fields.Many2one(
        "channel.member", string="Bound To", readonly=True, index="btree_not_null",
        help="The distributor the code was last delivered to: where it may be sold.",
    )
    picking_id = fields.Many2one("stock.picking", string="Delivery", readonly=True, ondelete="set null",
                                 help="The delivery that bound the code to its distributor.")
    bound_date = fields.Datetime(string="Bound On", readonly=True)
    scan_ids = fields.One2many("channel.code.scan", "code_id", string="Scans")

    _sql_constraints = [
        ("name_unique", "UNIQUE(name)", "A product code is unique."),
        ("unit_in_case", "CHECK(kind = 'unit' OR parent_id IS NULL)", "A case is not inside another case."),
    ]

    @api.model
    def _trace(self, code):
        """The code record of ``code`` with what a scan reads (one query, an
        index lookup), or an empty recordset."""
        if not isinstance(code, str) or not code.strip() or len(code.strip()) > MAX_CODE_LENGTH:
            return self.browse()
        return self.search_fetch(
            [("name", "=", code.strip())],
            ["name", "kind", "product_id", "parent_id", "distributor_id", "picking_id", "bound_date"], limit=1,
        )

    @api.model
    def generate(self, product_id, cases, units_per_case):
        """Print codes for ``cases`` cases of ``units_per_case`` units of a
        product tracked by lots: each case gets a code and a lot of the same
        name in the brand's company, each unit a code inside its case.
        Returns the case codes' ids."""
        if not self.env.user.has_group("channel_base.group_channel_brand_manager"):
            raise UserError(_("Only the brand's channel managers print product codes."))
        product = self.env["product.product"].browse(product_id).exists()
        if not product or product.tracking != "lot":
            raise ValidationError(_("Codes are printed for products tracked by lots."))
        if not (isinstance(cases, int) and isinstance(units_per_case, int)) or cases < 1 or units_per_case < 1:
            raise ValidationError(_("Give a positive number of cases and of units per case."))
        if cases * (units_per_case + 1) > MAX_CODES_PER_RUN:
            raise ValidationError(_("At most %(max)s codes in one run.", max=MAX_CODES_PER_RUN))
        brand_company = self.env["channel.member"].sudo()._brand_member().tenant_company_id
        names = self._new_names(cases)
        lots = self.env["stock.lot"].sudo().create([
            {"name": name, "product_id": product.id, "company_id": brand_company.id} for name in names
        ])
        self.env.cr.execute("""
            INSERT INTO channel_code (name, product_id, kind, lot_id)
            SELECT l.name, l.product_id, 'case', l.id FROM stock_lot l WHERE l.id = ANY(%s)
            RETURNING id
        """, [lots.ids])
        case_ids = [row[0] for row in self.env.cr.fetchall()]
        # each unit its own random code: nothing in it points to its case
        parent_ids = [case_id for case_id in case_ids for __ in range(units_per_case)]
        while parent_ids:
            unit_names = self._new_names(len(parent_ids), taken=set(names), check=False)
            self.env.cr.execute(SQL("""
                INSERT INTO channel_code (name, product_id, kind, parent_id)
                SELECT u.name, c.product_id, 'unit', c.id
                  FROM unnest(%s::varchar[], %s::int[]) AS u(name, case_id)
                  JOIN channel_code c ON c.id = u.case_id
                    ON CONFLICT (name) DO NOTHING
            """, unit_names, parent_ids))
            if self.env.cr.rowcount == len(parent_ids):
                break
            # a code already printed was drawn (about never): draw again for those
            self.env.cr.execute(SQL(
                "SELECT name FROM channel_code WHERE parent_id = ANY(%s)", sorted(set(parent_ids))
            ))
            inserted = {row[0] for row in self.env.cr.fetchall()}
            parent_ids = [case_id for name, case_id in zip(unit_names, parent_ids) if name not in inserted]
        return case_ids

    @api.model
    def _random_name(self):
        """A code of CODE_LENGTH characters from the ``secrets`` generator."""
        number = int.from_bytes(secrets.token_bytes(16), "big")  # 128 bits: no visible bias after the modulo
        chars = []
        for __ in range(CODE_LENGTH):
            number, index = divmod(number, len(CODE_ALPHABET))
            chars.append(CODE_ALPHABET[index])
        return "".join(chars)

    @api.model
    def _new_names(self, count, taken=frozenset(), check=True):
        """``count`` random codes, distinct from each other and from ``taken``;
        with ``check``, also from every code already printed (else the caller
        inserts them with ON CONFLICT: the UNIQUE index is the last word)."""
        names = set()
        while len(names) < count:
            batch = {self._random_name() for __ in range(count - len(names))} - names - taken
            if check:
                self.env.cr.execute(SQL("SELECT name FROM channel_code WHERE name = ANY(%s)", list(batch)))
                batch -= {row[0] for row in self.env.cr.fetchall()}
            names |= batch
        return list(names)

    @api.model
    def _bind(self, lot_names, distributor, picking):
        """Bind the codes named ``lot_names`` and the units inside them to
        ``distributor``, delivered by ``picking``; returns how many."""
        if not lot_names:
            return 0
        self.flush_model()
        self.env.cr.execute("""
            UPDATE channel_code c
               SET distributor_id = %(distributor)s, picking_id = %(picking)s, bound_date = now() AT TIME ZONE 'UTC'
             WHERE c.name = ANY(%(names)s)
                OR c.parent_id IN (SELECT id FROM channel_code WHERE name = ANY(%(names)s) AND kind = 'case')
        """, {"distributor": distributor.id, "picking": picking.id, "names": list(lot_names)})
        count = self.env.cr.rowcount
        self.invalidate_model(["distributor_id", "picking_id", "bound_date"])
        return count
