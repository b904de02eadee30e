# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from .pricing import net_price_unit
from .side_transaction import shares_cursor, side_transaction
