# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Spreadsheet imports in the backend: level prices, members, orders, stock
counts and sell-out reports from .xlsx/.xls files.

Upload a file, preview it (every row checked as the API would, nothing
written), import it: all of it or nothing. A large file is imported by a
background job (OCA ``queue_job``) whose progress the form shows; the user
is told in the chatter when it ends.
"""
import base64
import datetime
import io
import logging
import time

import xlsxwriter

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools.translate import LazyTranslate

from odoo.addons.channel_base.tools import side_transaction, spreadsheet

_logger = logging.getLogger(__name__)
_lt = LazyTranslate(__name__)

KINDS = [
    ("price", "Level Prices"),
    ("member", "Members"),
    ("order", "Orders"),
    ("stock", "Stock Counts"),
    ("sellout", "Sell-Out Reports"),
]
# kind: [(payload key, column title, type)]; the first column is the key of
# the record the row belongs to (orders and reports span several rows)
COLUMNS = {
    "price": [
        ("ref", _lt("ERP Reference"), str), ("level_code", _lt("Level Code"), str), ("default_code", _lt("Product Code"), str),
        ("price", _lt("Price"), float), ("min_quantity", _lt("Minimum Quantity"), float),
        ("date_start", _lt("Start Date"), "date"), ("date_end", _lt("End Date"), "date"),
    ],
    "member": [
        ("ref", _lt("ERP Reference"), str), ("role", _lt("Role (distributor or store)"), str), ("code", _lt("Code"), str),
        ("name", _lt("Name"), str), ("upstream_code", _lt("Upstream Code"), str), ("level_code", _lt("Level Code"), str),
        ("territory_code", _lt("Territory Code"), str), ("state_code", _lt("Province Code"), str), ("city", _lt("City"), str),
        ("street", _lt("Street"), str), ("phone", _lt("Phone"), str), ("email", _lt("Email"), str), ("login", _lt("Login"), str),
        ("credit_grade", _lt("Credit Grade"), str),
    ],
    "order": [
        ("ref", _lt("Order Reference"), str), ("buyer_code", _lt("Buyer Code"), str), ("default_code", _lt("Product Code"), str),
        ("quantity", _lt("Quantity"), float), ("price_unit", _lt("Unit Price"), float),
    ],
    "stock": [
        ("member_code", _lt("Member Code"), str), ("product_code", _lt("Product Code"), str),
        ("quantity", _lt("Counted Quantity"), float),
    ],
    "sellout": [
        ("store_code", _lt("Store Code"), str), ("week", _lt("Week (any day of it)"), "date"),
        ("product_code", _lt("Product Code"), str), ("on_hand", _lt("On Hand"), float), ("sold", _lt("Sold"), float),
        ("price", _lt("Price Sold At"), float),
    ],
}
EXAMPLES = {
    "price": [("P-L1-MX-0001", "L1", "MX-0001", 1.0, 0, "2026-01-01", "")],
    "member": [("ERP-C-1001", "store", "S-HZ-901", "拱墅区新华文具店", "HD-HZ", "", "", "浙", "杭州市",
                "拱墅区湖墅南路 1 号", "0571-88880001", "", "store.hz901", "C")],
    "order": [("ERP-SO-0001", "S-HZ-001", "MX-0001", 24, ""), ("ERP-SO-0001", "S-HZ-001", "MX-0002", 12, "")],
    "stock": [("HD-HZ", "MX-0001", 120)],
    "sellout": [("S-HZ-001", "2026-11-16", "MX-0001", 17, 23, 2.0)],
}
LINE_KEYS = {"order": ("default_code", "quantity", "price_unit"), "sellout": ("product_code", "on_hand", "sold", "price")}
MAX_ROWS = 20000
MAX_BYTES = 10 * 1024 * 1024
# a file of at most this many rows is imported at once; a larger one by a background job
SYNC_ROWS = 300
PROGRESS_EVERY = 50
STATES = [
    ("draft", "To Check"),
    ("invalid", "Errors Found"),
    ("ready", "Ready"),
    ("queued", "Queued"),
    ("done", "Imported"),
    ("failed", "Failed"),
]


class ChannelImport(models.Model):
    _name = "channel.import"
    _description = "Spreadsheet Import"
    _inherit = ["mail.thread"]
    _order = "id desc"

    # === FIELDS === #
    name = fields.Char(compute="_compute_name", store=True)
    kind = fields.Selection(KINDS, string="What", required=True, default="order")
    file = fields.Binary(string="Spreadsheet", attachment=True)
    filename = fields.Char()
    state = fields.Selection(STATES, default="draft", required=True, readonly=True, tracking=True)
    user_id = fields.Many2one("res.users", string="By", default=lambda self: self.env.user, readonly=True)
    company_id = fields.Many2one("res.company", default=lambda self: self.env.company, readonly=True)
    line_ids = fields.One2many("channel.import.line", "import_id", string="Checked Rows", readonly=True)
    row_count = fields.Integer(string="Sheet Rows", readonly=True)
    record_count = fields.Integer(string="Records", readonly=True)
    error_count = fields.Integer(string="Errors", readonly=True)
    result = fields.Text(readonly=True)
    job_uuid = fields.Char(readonly=True, copy=False)
    job_state = fields.Char(compute="_compute_job_state", string="Job")
    progress = fields.Float(compute="_compute_progress", help="Records imported so far by the background job (%).")

    # === COMPUTE === #
    @api.depends("kind", "filename")
    def _compute_name(self):
        labels = dict(self._fields["kind"]._description_selection(self.env))
        for record in self:
            record.name = f"{labels.get(record.kind, '')} · {record.filename or _('no file')}"

    def _compute_job_state(self):
        jobs = self.env["queue.job"].sudo().search_fetch([("uuid", "in", self.mapped("job_uuid"))], ["uuid", "state"])
        states = {job.uuid: job.state for job in jobs}
        for record in self:
            record.job_state = states.get(record.job_uuid, False)

    def _compute_progress(self):
        self.env.cr.execute(
            "SELECT import_id, done, total FROM channel_import_progress WHERE import_id = ANY(%s)", [self.ids]
        )
        rows = {import_id: (done, total) for import_id, done, total in self.env.cr.fetchall()}
        for record in self:
            done, total = rows.get(record.id, (0, 0))
            record.progress = 100.0 if record.state == "done" else (100.0 * done / total if total else 0.0)

    # === CRUD === #
    @api.model
    def init(self):
        # progress is written by the job in transactions of their own: a table of
        # its own, so that the job's transaction never conflicts with them
        self.env.cr.execute("""
            CREATE TABLE IF NOT EXISTS channel_import_progress (
                import_id integer PRIMARY KEY REFERENCES channel_import(id) ON DELETE CASCADE,
                done integer NOT NULL DEFAULT 0,
                total integer NOT NULL DEFAULT 0
            )
        """)

    @api.model_create_multi
    def create(self, vals_list):
        self._check_may_import()
        for vals in vals_list:
            self._check_file_size(vals.get("file"))
        return super().create(vals_list)

    def write(self, vals):
        self._check_file_size(vals.get("file"))
        if {"file", "filename", "kind"} & vals.keys():
            if any(record.state in ("queued", "done") for record in self):
                raise UserError(_("An import that ran or is running cannot be changed: start a new one."))
            vals = dict(vals, state="draft", row_count=0, record_count=0, error_count=0, result=False)
            self.line_ids.unlink()
        return super().write(vals)

    # === ONCHANGE === #
    @api.onchange("file")
    def _onchange_file(self):
        """Refuse an oversized file as soon as it is chosen, before it is saved."""
        self._check_file_size(self.file)

    # === ACTIONS === #
    def action_preview(self):
        """Read the file and check every row without writing anything."""
        for record in self:
            records, rows = record._read_file()
            results = self.env["channel.api"]._api_batch(record.kind, records, dry_run=True)
            record._write_preview(records, rows, results)
        return True

    def action_import(self):
        """Import a checked file: at once when small, else in the background."""
        self.ensure_one()
        if self.state != "ready":
            raise UserError(_("Preview the file first; only a file without errors is imported."))
        if self.row_count <= SYNC_ROWS:
            self._run_import()
            return True
        job = self.with_delay(description=_("Import %(name)s", name=self.name))._run_import()
        self.write({"state": "queued", "job_uuid": job.uuid})
        self._set_progress(0, self.record_count)
        return True

    # === BUSINESS METHODS === #
    @api.model
    def _check_may_import(self):
        if not (
            self.env.is_superuser()
            or self.env.user.has_group("channel_base.group_channel_brand_manager")
            or self.env.user.has_group("channel_base.group_channel_distributor_manager")
        ):
            raise AccessError(_("Only channel managers import spreadsheets."))

    @api.model
    def _check_file_size(self, value):
        """Refuse a file larger than MAX_BYTES before it is stored as an
        attachment: the size is that of the base64 text the client sent,
        measured without decoding it."""
        if not value:
            return
        if isinstance(value, bytes):
            size = (len(value) - value.count(b"\n") - value.count(b"=")) * 3 // 4
        else:
            size = (len(value) - value.count("\n") - value.count("=")) * 3 // 4
        if size > MAX_BYTES:
            raise UserError(_(
                "The file is larger than %(size)s MB: keep only the lines to import "
                "or split it into several files.",
                size=MAX_BYTES // (1024 * 1024),
            ))

    def _read_file(self):
        """``(records, rows)``: the API records of the file and, per record,
        the sheet rows it comes from; a row that cannot be read (a text
        where a number is expected) raises a ``UserError`` naming it."""
        self.ensure_one()
        if not self.file:
            raise UserError(_("Choose the spreadsheet to import."))
        data = base64.b64decode(self.file)
        columns = COLUMNS[self.kind]
        sheet_rows = spreadsheet.read_rows(
            self.env, data, self.filename or "", columns=len(columns), header=True,
            max_rows=MAX_ROWS, max_bytes=MAX_BYTES,
        )
        if not sheet_rows:
            raise UserError(_("The file has no lines under the column titles."))
        records, rows, problems = [], [], []
        grouped = {}
        for number, values in sheet_rows:
            try:
                payload = self._row_payload(columns, values)
            except UserError as error:
                problems.append(_("Row %(row)s: %(problem)s", row=number, problem=error.args[0]))
                continue
            if self.kind in LINE_KEYS:
                key = (payload.get("ref"),) if self.kind == "order" else (payload.get("store_code"), payload.get("week"))
                line = {k: payload.pop(k) for k in LINE_KEYS[self.kind] if k in payload}
                if key in grouped:
                    index = grouped[key]
                    records[index]["lines"].append(line)
                    rows[index].append(number)
                    continue
                grouped[key] = len(records)
                payload["lines"] = [line]
            records.append(payload)
            rows.append([number])
        if problems:
            raise UserError("\n".join(problems[:50]))
        return records, rows

    @api.model
    def _row_payload(self, columns, values):
        payload = {}
        for (key, title, kind), value in zip(columns, values):
            if value is None:
                continue
            payload[key] = self._cell(value, kind, self.env._(title))
        return payload

    @api.model
    def _cell(self, value, kind, title):
        """The value of a cell as the API expects it, or a UserError."""
        if kind is str:
            if isinstance(value, float) and value.is_integer():
                return str(int(value))
            if isinstance(value, (datetime.date, bool)):
                raise UserError(_("column %(column)s holds a date or a true/false, not a text", column=title))
            return str(value).strip()
        if kind is float:
            if isinstance(value, bool) or isinstance(value, datetime.date):
                raise UserError(_("column %(column)s must be a number", column=title))
            if isinstance(value, (int, float)):
                return value
            try:
                return float(str(value).strip().replace(",", ""))
            except ValueError:
                raise UserError(_("column %(column)s must be a number, not %(value)s", column=title, value=value)) from None
        if isinstance(value, datetime.datetime):
            return value.date().isoformat()
        if isinstance(value, datetime.date):
            return value.isoformat()
        try:
            return fields.Date.to_date(str(value).strip()).isoformat()
        except (ValueError, AttributeError):
            raise UserError(_("column %(column)s must be a date (YYYY-MM-DD), not %(value)s",
                              column=title, value=value)) from None

    def _write_preview(self, records, rows, results):
        labels = {"create": _("will be created"), "update": _("will be updated"), "unchanged": _("unchanged")}
        lines, errors = [], 0
        for _payload, numbers, result in zip(records, rows, results):
            errors += result["status"] == "error"
            lines.append({
                "import_id": self.id,
                "row": numbers[0],
                "rows": ", ".join(map(str, numbers)),
                "key": result["ref"] or "",
                "status": result["status"],
                "message": result.get("error") or labels.get(result["status"], ""),
            })
        self.line_ids.unlink()
        self.env["channel.import.line"].create(lines)
        self.write({
            "state": "invalid" if errors else "ready",
            "row_count": sum(len(numbers) for numbers in rows),
            "record_count": len(records),
            "error_count": errors,
        })

    def _run_import(self):
        """Import the file, all or nothing (job or direct call)."""
        self.ensure_one()
        started = time.perf_counter()
        records, _rows = self._read_file()
        Api = self.env["channel.api"].with_user(self.user_id).with_context(
            allowed_company_ids=self.company_id.ids
        ) if self.env.user != self.user_id else self.env["channel.api"]
        total = len(records)

        def progress(done):
            if total > SYNC_ROWS and done % PROGRESS_EVERY == 0:
                self._set_progress(done, total)

        try:
            with self.env.cr.savepoint():
                results = Api._api_batch(self.kind, records, atomic=True, progress=progress)
        except UserError as error:
            self.write({"state": "failed", "result": str(error.args[0])})
            self.env["channel.api.call"]._log(f"import_{self.kind}", time.perf_counter() - started, "refused",
                                              {"records": total}, str(error.args[0]))
            self._notify(_("The import %(name)s failed; nothing was imported.", name=self.name))
            return False
        counts = {status: sum(1 for r in results if r["status"] == status) for status in ("created", "updated", "unchanged")}
        self.write({"state": "done", "result": _(
            "%(created)s created, %(updated)s updated, %(unchanged)s unchanged.",
            created=counts["created"], updated=counts["updated"], unchanged=counts["unchanged"],
        )})
        self._set_progress(total, total)
        self.env["channel.api.call"]._log(f"import_{self.kind}", time.perf_counter() - started, "ok",
                                          dict(counts, records=total))
        self._notify(_("The import %(name)s is done: %(result)s", name=self.name, result=self.result))
        return True

    def _notify(self, body):
        if self.job_uuid:
            self.message_post(body=body, partner_ids=self.user_id.partner_id.ids, subtype_xmlid="mail.mt_comment")
        else:
            self.message_post(body=body)

    def _set_progress(self, done, total):
        """Publish the job's progress in a transaction of its own (the job's
        own commits only at the end); in the test's cursor under the test
        runner."""
        query = """
            INSERT INTO channel_import_progress (import_id, done, total) VALUES (%s, %s, %s)
            ON CONFLICT (import_id) DO UPDATE SET done = EXCLUDED.done, total = EXCLUDED.total
        """
        with side_transaction(self.env) as cr:
            cr.execute(query, [self.id, done, total])

    # === TEMPLATES === #
    @api.model
    def _template(self, kind):
        """An .xlsx to fill in: the column titles and an example row."""
        output = io.BytesIO()
        workbook = xlsxwriter.Workbook(output, {"in_memory": True})
        sheet = workbook.add_worksheet()
        bold = workbook.add_format({"bold": True})
        text = workbook.add_format({"num_format": "@"})
        for colx, (_key, title, kind_) in enumerate(COLUMNS[kind]):
            sheet.set_column(colx, colx, 18, text if kind_ in (str, "date") else None)
            sheet.write_string(0, colx, self.env._(title), bold)
        for rowx, example in enumerate(EXAMPLES[kind], start=1):
            for colx, value in enumerate(example):
                if value == "":
                    continue
                if isinstance(value, (int, float)):
                    sheet.write_number(rowx, colx, value)
                else:
                    sheet.write_string(rowx, colx, value, text)
        sheet.freeze_panes(1, 0)
        workbook.close()
        return output.getvalue()

    template_file = fields.Binary(compute="_compute_template_file", string="Template")
    template_filename = fields.Char(compute="_compute_template_file")

    @api.depends("kind")
    def _compute_template_file(self):
        for record in self:
            record.template_file = base64.b64encode(self._template(record.kind)) if record.kind else False
            record.template_filename = f"channel_{record.kind}_template.xlsx" if record.kind else False

