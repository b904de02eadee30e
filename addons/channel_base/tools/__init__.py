# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from .side_transaction import shares_cursor, side_transaction
