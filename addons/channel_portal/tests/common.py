# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command

from odoo.addons.channel_base.tests.common import PASSWORD
from odoo.addons.channel_promotion.tests.common import ChannelPromotionMixin


class ChannelPortalMixin(ChannelPromotionMixin):
    """The promotion test network, with codes and barcodes on the products, a
    product only 华南's distributor sells, a promotion for 华东 stores and one
    for 华南 stores, and the stores' users logging in with their login as
    password (as Odoo's tours do)."""

    @classmethod
    def setup_channel_portal(cls):
        cls.setup_channel_promotion()
        cls.pen.write({"default_code": "T-PEN", "barcode": "6900000000017"})
        cls.eraser = cls.env["product.product"].create({
            "name": "T 橡皮擦", "default_code": "T-ERASER", "list_price": 1.2, "taxes_id": [Command.clear()],
            "is_storable": True,
        })
        cls.set_level_price(cls.eraser, 0.6, 0.8, 1.2)
        cls.south_only = cls.env["product.product"].create({
            "name": "T 华南特供", "default_code": "T-SOUTH-ONLY", "list_price": 9.0, "company_id": cls.south_company.id,
        })
        cls.promo_east = cls.promotion(
            name="T 华东门店九折", channel_region_ids=[Command.set(cls.region_east.ids)],
            rule={"product_ids": [Command.set(cls.pen.ids)]},
            reward={"discount_applicability": "specific", "discount_product_ids": [Command.set(cls.pen.ids)]},
        )
        cls.promo_south = cls.promotion(name="T 华南门店专享", channel_region_ids=[Command.set(cls.region_south.ids)])
        for user in (cls.store_hz_user, cls.store_gd_user, cls.store_sh_user, cls.stranger):
            user.password = user.login
        cls.password = PASSWORD
