# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).


def post_channel_message(record, body, partners=None):
    """Post ``body`` on ``record`` for the other party of an order.

    As the acting user when it has an address to send from, else as OdooBot
    (many distributor and store users have none); notifications are queued for
    the mail cron, so no order waits on a mail server."""
    env = record.env
    author = env.user.partner_id if env.user.partner_id.email else env.ref("base.partner_root")
    record.sudo().with_context(mail_notify_force_send=False).message_post(
        body=body,
        author_id=author.id,
        partner_ids=partners.ids if partners else [],
        message_type="comment",
        subtype_xmlid="mail.mt_comment",
    )


def price_between_tax_bases(price, from_taxes, to_taxes, currency, product):
    """A unit ``price`` under ``from_taxes`` (the seller's) expressed under
    ``to_taxes`` (the buyer's), so that both documents carry the same totals:
    the seller's price with its VAT when the buyer's taxes are VAT-included,
    without when they are not (VAT rates being the same on both sides)."""
    totals = from_taxes.compute_all(price, currency, 1.0, product)
    if to_taxes.filtered("price_include"):
        return totals["total_included"]
    return totals["total_excluded"]
