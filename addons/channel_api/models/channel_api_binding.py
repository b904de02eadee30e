# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

KINDS = [
    ("product", "Product"),
    ("price", "Level Price"),
    ("territory", "Territory"),
    ("member", "Member"),
    ("order", "Order"),
]


class ChannelApiBinding(models.Model):
    """Which Odoo record an ERP reference stands for.

    One row per kind of record and ERP reference, so that the same payload
    sent twice finds the record it made the first time instead of making
    another one; the ERP never needs to know Odoo's ids.
    """

    _name = "channel.api.binding"
    _description = "ERP Reference"
    _order = "kind, ref"
    _rec_name = "ref"

    # === FIELDS === #
    kind = fields.Selection(KINDS, required=True, index=True)
    ref = fields.Char(string="ERP Reference", required=True)
    res_model = fields.Char(string="Model", required=True)
    res_id = fields.Many2oneReference(string="Record", model_field="res_model", required=True)
    create_uid = fields.Many2one("res.users", string="Bound by", readonly=True)

    _sql_constraints = [
        ("kind_ref_unique", "UNIQUE(kind, ref)", "This ERP reference is already bound to a record."),
    ]

    # === BUSINESS METHODS === #
    @api.model
    def _find(self, kind, refs):
        """``{ref: record}`` of the references of ``kind`` already bound to a
        record that still exists (one query per model)."""
        bindings = self.search_fetch([("kind", "=", kind), ("ref", "in", list(refs))], ["ref", "res_model", "res_id"])
        found = {}
        for model in set(bindings.mapped("res_model")):
            rows = bindings.filtered(lambda b: b.res_model == model)
            records = self.env[model].sudo().with_context(active_test=False).browse(rows.mapped("res_id")).exists()
            existing = set(records.ids)
            for binding in rows:
                if binding.res_id in existing:
                    # one prefetch for the batch: reading one record reads them all
                    found[binding.ref] = records.browse(binding.res_id).with_prefetch(records._prefetch_ids)
        return found

    @api.model
    def _bind(self, kind, ref, record):
        """Bind ``ref`` to ``record`` (insert or move the binding)."""
        self.env.flush_all()
        self.env.cr.execute(
            """
            INSERT INTO channel_api_binding (kind, ref, res_model, res_id, create_uid, write_uid, create_date, write_date)
            VALUES (%s, %s, %s, %s, %s, %s, now() at time zone 'UTC', now() at time zone 'UTC')
            ON CONFLICT (kind, ref) DO UPDATE SET res_model = EXCLUDED.res_model, res_id = EXCLUDED.res_id,
                write_uid = EXCLUDED.write_uid, write_date = EXCLUDED.write_date
            """,
            [kind, ref, record._name, record.id, self.env.uid, self.env.uid],
        )
        self.invalidate_model()

    def action_open_record(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": self.res_model,
            "res_id": self.res_id,
            "view_mode": "form",
        }
