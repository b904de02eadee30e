# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import http
from odoo.exceptions import ValidationError
from odoo.http import request

from odoo.addons.channel_portal.controllers.portal import ChannelStorePortal


class ChannelDiversionPortal(ChannelStorePortal):

    @http.route("/my/store/scan", type="http", auth="user", methods=["GET"], website=True)
    def store_scan(self, **kw):
        store = self._store()
        return self._render("channel_portal_diversion.store_scan", store, outcome=False, page_name="channel_scan")

    @http.route("/my/store/scan", type="http", auth="user", methods=["POST"], website=True)
    def store_scan_post(self, code=None, **kw):
        """The store scans (or types) a product code: the trace answers at once."""
        store = self._store()
        try:
            outcome = request.env["channel.code.scan"].with_user(request.env.user).scan_code(code, source="portal")
        except ValidationError as error:
            outcome = {"result": "error", "message": error.args[0]}
        response = self._render("channel_portal_diversion.store_scan", store, outcome=outcome, page_name="channel_scan")
        if outcome["result"] == "error":
            response.status_code = 400
        return response
