# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tools import SQL
from odoo.tools.sql import column_exists, rename_column

# The buyer level's price was called a "guide price", the name the channel
# (and channel_diversion) gives the brand's retail price (零售指导价): the
# stored fields keep their values under their new names.
RENAMED_FIELDS = [
    ("sale.order.line", "channel_guide_price", "channel_level_price"),
    ("sale.order.line", "channel_below_guide", "channel_below_level_price"),
    ("channel.price.deviation", "guide_price", "level_price"),
]


def migrate(cr, version):
    for model, old, new in RENAMED_FIELDS:
        table = model.replace(".", "_")
        if not column_exists(cr, table, old) or column_exists(cr, table, new):
            continue
        rename_column(cr, table, old, new)
        cr.execute(SQL(
            "ALTER INDEX IF EXISTS %s RENAME TO %s",
            SQL.identifier(f"{table}__{old}_index"), SQL.identifier(f"{table}__{new}_index"),
        ))
        cr.execute("UPDATE ir_model_fields SET name = %s WHERE model = %s AND name = %s", [new, model, old])
        cr.execute(
            "UPDATE ir_model_data SET name = %s WHERE module = 'channel_sale' AND model = 'ir.model.fields' "
            "AND name = %s",
            [f"field_{table}__{new}", f"field_{table}__{old}"],
        )
