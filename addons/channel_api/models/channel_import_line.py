# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ChannelImportLine(models.Model):
    _name = "channel.import.line"
    _description = "Spreadsheet Import Row"
    _order = "import_id, row"

    import_id = fields.Many2one("channel.import", required=True, ondelete="cascade", index=True)
    row = fields.Integer(readonly=True)
    rows = fields.Char(string="Sheet Rows", readonly=True)
    key = fields.Char(string="Record", readonly=True)
    status = fields.Selection(
        [("create", "New"), ("update", "Update"), ("unchanged", "Unchanged"), ("error", "Error")], readonly=True
    )
    message = fields.Text(readonly=True)
