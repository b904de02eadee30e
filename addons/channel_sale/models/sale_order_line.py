# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import defaultdict

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import float_compare, float_is_zero, float_round

from .utils import post_channel_message

# Fields whose change on a confirmed inter-company sale line the buyer's
# purchase line follows.
SYNCED_FIELDS = {"price_unit", "discount", "product_uom_qty"}


class SaleOrderLine(models.Model):
    _inherit = "sale.order.line"

    channel_level_price = fields.Float(
        string="Level Price",
        digits="Product Price",
        compute="_compute_channel_level_price",
        store=True,
        help="The price of this product for the buyer's level, from the level's pricelist (出厂价, 批发价, "
        "门店进货价), in the order's currency.",
    )
    channel_below_level_price = fields.Boolean(
        string="Below Level Price", compute="_compute_channel_level_price", store=True, index=True
    )

    @api.depends(
        "product_id", "product_uom", "product_uom_qty", "price_unit", "discount",
        "order_id.channel_buyer_member_id", "order_id.currency_id",
    )
    def _compute_channel_level_price(self):
        """The level price of each line, with one rule lookup per pricelist and
        order (not per line, as ``_get_product_price`` would)."""
        digits = self.env["decimal.precision"].precision_get("Product Price")
        groups = defaultdict(lambda: self.browse())
        for line in self:
            pricelist = line.order_id.channel_buyer_member_id.sudo().level_id.pricelist_id
            if not pricelist or not line.product_id or line.display_type:
                line.channel_level_price = 0.0
                line.channel_below_level_price = False
                continue
            groups[pricelist, line.order_id] |= line
        for (pricelist, order), lines in groups.items():
            date = order.date_order or fields.Datetime.now()
            rules = pricelist._get_applicable_rules(lines.product_id, date)
            for line in lines:
                product = line.product_id
                qty = line.product_uom_qty or 1.0
                qty_in_product_uom = line.product_uom._compute_quantity(qty, product.uom_id, raise_if_failure=False)
                rule = next(
                    (rule for rule in rules if rule._is_applicable_for(product, qty_in_product_uom)),
                    self.env["product.pricelist.item"],
                )
                level_price = rule._compute_price(product, qty, line.product_uom, date=date, currency=order.currency_id)
                sold = line._channel_net_price_unit()
                line.channel_level_price = level_price
                line.channel_below_level_price = float_compare(sold, level_price, precision_digits=digits) < 0

    # === CONSTRAINT: whole units === #
    @api.constrains("product_uom_qty", "product_uom", "product_id")
    def _check_channel_whole_units(self):
        """A channel order sells goods counted in units in whole units (no 2.5
        pens), and others in steps of their unit's rounding, whoever enters it: the portal, a
        spreadsheet, the ERP's import or the seller's form all end here."""
        for line in self:
            if line.display_type or not line.product_id or not line.order_id.channel_buyer_member_id:
                continue
            if getattr(line, "reward_id", False):
                continue  # a promotion's line: Odoo sizes it
            why = self._channel_quantity_problem(line.product_id, line.product_uom_qty, line.product_uom)
            if why:
                raise ValidationError(why)

    @api.model
    def _channel_quantity_problem(self, product, quantity, uom=None):
        """Why ``quantity`` of ``product`` (in ``uom``, default its own) cannot
        be ordered, or an empty string. The one rule for the portal, the
        imports and the order line."""
        uom = uom or product.uom_id
        if uom.category_id == self.env.ref("uom.product_uom_categ_unit", raise_if_not_found=False):
            # goods counted in units come in whole units, whatever the rounding
            # of Odoo's "Units" (0.01): 2.5 pens no, half a dozen yes
            reference = uom.category_id.uom_ids.filtered(lambda unit: unit.uom_type == "reference")[:1]
            units = uom._compute_quantity(quantity, reference, round=False) if reference else quantity
            if not float_is_zero(units - round(units), precision_digits=6):
                return _("%(product)s is sold in whole units: %(quantity)s %(uom)s cannot be ordered.",
                         product=product.display_name, quantity=quantity, uom=uom.name)
        rounding = uom.rounding
        if rounding < 1 or float_is_zero(
            quantity - float_round(quantity, precision_rounding=rounding), precision_digits=6
        ):
            return ""
        if float_is_zero(rounding - 1.0, precision_digits=6):
            return _("%(product)s is sold in whole %(uom)s: %(quantity)s cannot be ordered.",
                     product=product.display_name, uom=uom.name, quantity=quantity)
        return _("%(product)s is sold in steps of %(step)s %(uom)s: %(quantity)s cannot be ordered.",
                 product=product.display_name, step=rounding, uom=uom.name, quantity=quantity)

    @api.onchange("price_unit", "discount")
    def _onchange_channel_level_price(self):
        if self.channel_below_level_price:
            return {
                "warning": {
                    "title": _("Below the level price"),
                    "message": _(
                        "%(product)s sells at %(sold)s, below this buyer's level price %(level_price)s. "
                        "The sale will be recorded for the channel team.",
                        product=self.product_id.display_name,
                        sold=self.order_id.currency_id.format(self._channel_net_price_unit()),
                        level_price=self.order_id.currency_id.format(self.channel_level_price),
                    ),
                }
            }
        return None

    def write(self, vals):
        result = super().write(vals)
        if SYNCED_FIELDS & vals.keys() and not self.env.context.get("channel_syncing_purchase"):
            self.filtered(
                lambda line: line.state == "sale" and line.auto_purchase_line_id
            )._channel_sync_to_intercompany_purchase(vals)
        return result

    def _channel_sync_to_intercompany_purchase(self, vals):
        """The seller changed a confirmed inter-company line: the buyer's purchase
        line follows (price through OCA's tax-aware sync, quantity as is) and the
        buyer is told on its purchase order."""
        for line in self.sudo():
            # in the buyer's company: a new quantity changes its receipt
            purchase_line = line.auto_purchase_line_id.with_company(
                line.auto_purchase_line_id.company_id
            ).with_context(channel_syncing_purchase=True)
            # quantity first: a new quantity recomputes the purchase price,
            # which the seller's price then overrides
            if "product_uom_qty" in vals:
                purchase_line.product_qty = line.product_uom._compute_quantity(
                    line.product_uom_qty, purchase_line.product_uom
                )
            line._sync_price_unit_to_intercompany_purchase_line()
            post_channel_message(
                purchase_line.order_id,
                _(
                    "%(seller)s changed %(product)s on %(order)s: now %(qty)s at %(price)s.",
                    seller=line.company_id.name,
                    product=line.product_id.display_name,
                    order=line.order_id.name,
                    qty=line.product_uom_qty,
                    price=line.currency_id.format(line._channel_net_price_unit()),
                ),
            )

    def _sync_price_unit_to_intercompany_purchase_line(self):
        """The buyer's purchase line takes this line's net price, moved from the
        seller's sale taxes to the buyer's purchase taxes (either may include
        VAT). Replaces OCA's version, which reads tax details this Odoo 18.0
        fills only when rounding (KeyError when one side includes VAT and the
        other does not)."""
        self.ensure_one()
        purchase_line = self.auto_purchase_line_id
        price = self._channel_net_price_unit()
        purchase_line.price_unit = purchase_line._channel_price_from_seller_taxes(price, self.tax_id, self.currency_id)
