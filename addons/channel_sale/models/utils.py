# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).


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
