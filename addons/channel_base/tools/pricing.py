# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).


def net_price_unit(price_unit, discount):
    """``price_unit`` after a line's ``discount`` (a percentage, may be empty):
    the unit price the buyer pays before taxes, as Odoo's sale and purchase
    lines count it. The one place the channel writes this formula; lines call
    it through their ``_channel_net_price_unit``."""
    return price_unit * (1 - (discount or 0.0) / 100.0)
