# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import logging

from werkzeug.exceptions import Forbidden, NotFound

from odoo import _, fields, http
from odoo.exceptions import UserError, ValidationError
from odoo.http import request

from odoo.addons.channel_base.tools import spreadsheet
from odoo.addons.portal.controllers.portal import CustomerPortal
from odoo.addons.portal.controllers.portal import pager as portal_pager

_logger = logging.getLogger(__name__)

PAGE_SIZE = 20
QUICK_ROWS = 8


class ChannelStorePortal(CustomerPortal):
    """The store's pages. Every route resolves the store from the logged-in
    user and works on that store's own records only (sudo after the check);
    an id in a URL that is not the store's answers 404, a user who is not a
    store 403; forms carry only product codes or ids and quantities."""

    # === HELPERS === #
    def _store(self):
        """The logged-in user's store, in sudo (``store_sudo`` in the routes):
        safe, as it is searched by the user's own company contact; anyone
        else is refused here."""
        store = request.env["channel.member"]._portal_store_of(request.env.user)
        if not store:
            raise Forbidden(_("These pages are for the stores of the channel."))
        return store

    def _render(self, template, store, **values):
        cart_sudo = request.env["sale.order"]._channel_cart_of(store)  # the store's own
        values.update({
            "store": store,
            "seller": store._portal_seller(),
            "cart_count": len(cart_sudo._channel_cart_goods()),
            "page_name": values.get("page_name", "channel_store"),
        })
        return request.render(template, values)

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "channel_store" in counters:
            store = request.env["channel.member"]._portal_store_of(request.env.user)
            values["channel_store"] = 1 if store else 0
        return values

    # === HOME === #
    @http.route("/my/store", type="http", auth="user", methods=["GET"], website=True)
    def store_home(self, **kw):
        store = self._store()
        orders = request.env["sale.order"].sudo().search([
            ("partner_id.commercial_partner_id", "=", store.partner_id.id), ("state", "in", ("draft", "sent", "sale")),
            ("channel_portal_cart", "=", False),
        ])
        counters = {
            "products": store._portal_products(limit=1)[1],
            "promotions": len(store._portal_promotions()),
            "waiting": len(orders.filtered(lambda o: o.channel_approval_state == "to_approve")),
            "to_deliver": len(orders.filtered(lambda o: o.state == "sale" and o.delivery_status != "full")),
            "accounts": store._portal_accounts(),
            "reported_week": request.env["channel.sellout.report"].sudo().search_count([
                ("member_id", "=", store.id),
                ("week", "=", request.env["channel.sellout.report"]._week_of(fields.Date.context_today(store))),
            ]),
        }
        return self._render("channel_portal.store_home", store, counters=counters, page_name="channel_store")

    # === CATALOGUE === #
    @http.route(["/my/store/catalogue", "/my/store/catalogue/page/<int:page>"], type="http", auth="user", website=True,
                methods=["GET"])
    def store_catalogue(self, page=1, search=None, **kw):
        store_sudo = self._store()
        __, total = store_sudo._portal_products(search=search, limit=1)
        pager = portal_pager(url="/my/store/catalogue", url_args={"search": search or ""}, total=total,
                             page=page, step=PAGE_SIZE)
        products, __ = store_sudo._portal_products(search=search, limit=PAGE_SIZE, offset=pager["offset"])
        return self._render(
            "channel_portal.store_catalogue", store_sudo, products=products, prices=store_sudo._portal_prices(products),
            promotions=store_sudo._portal_promotions_by_product(products), pager=pager, search=search or "",
            page_name="channel_catalogue",
        )

    # === CART === #
    @http.route("/my/store/cart", type="http", auth="user", methods=["GET"], website=True)
    def store_cart(self, **kw):
        store_sudo = self._store()
        # the store's own cart and rebate fund: both are searched by the store
        cart_sudo = request.env["sale.order"]._channel_cart_of(store_sudo)
        rebate_sudo = request.env["channel.fund.account"].sudo()._find(store_sudo, store_sudo._portal_seller(), "rebate")
        return self._render("channel_portal.store_cart", store_sudo, cart=cart_sudo, rebate=rebate_sudo,
                            error=kw.get("error"), page_name="channel_cart")

    @http.route("/my/store/cart/add", type="http", auth="user", methods=["POST"], website=True)
    def store_cart_add(self, product_id=None, quantity=None, **kw):
        store_sudo = self._store()
        try:
            # sudo: only its code is read; whether the store may buy it is
            # _channel_cart_check_rows's to say
            product_sudo = request.env["product.product"].sudo().browse(int(product_id or 0)).exists()
        except ValueError:
            product_sudo = None
        if not product_sudo:
            return self._cart_error(_("Unknown product."))
        Order = request.env["sale.order"]
        accepted, rejected = Order._channel_cart_check_rows(store_sudo, [{
            "row": 1, "code": product_sudo.default_code or product_sudo.barcode, "quantity": quantity,
        }])
        if rejected:
            return self._cart_error(rejected[0][2])
        Order._channel_cart_of(store_sudo, create=True)._channel_cart_add([(product_sudo, accepted[0][2])])
        return request.redirect("/my/store/cart")

    @http.route("/my/store/cart/update", type="http", auth="user", methods=["POST"], website=True)
    def store_cart_update(self, line_id=None, quantity=None, **kw):
        store_sudo = self._store()
        try:
            cart_sudo = request.env["sale.order"]._channel_cart_of(store_sudo)  # the store's own
            cart_sudo._channel_cart_set_quantity(int(line_id or 0), quantity)
        except (UserError, ValueError) as error:
            return self._cart_error(str(error) if isinstance(error, UserError) else _("Unknown line."))
        return request.redirect("/my/store/cart")

    def _cart_error(self, message):
        response = self.store_cart(error=message)
        response.status_code = 400
        return response

    @http.route("/my/store/cart/code", type="http", auth="user", methods=["POST"], website=True)
    def store_cart_code(self, code=None, **kw):
        """The store types a promotion code (or a coupon's) for its cart."""
        store_sudo = self._store()
        cart_sudo = request.env["sale.order"]._channel_cart_of(store_sudo)  # the store's own
        try:
            with request.env.cr.savepoint():
                cart_sudo._channel_cart_apply_code(code)
        except (UserError, ValidationError) as error:
            return self._cart_error(error.args[0])
        return request.redirect("/my/store/cart")

    @http.route("/my/store/checkout", type="http", auth="user", methods=["POST"], website=True)
    def store_checkout(self, rebate_amount=None, promo_code=None, **kw):
        """The checks (a finite amount, a code that applies) are the model's
        (``sale.order._channel_cart_checkout``); this only reads the form."""
        store_sudo = self._store()
        try:
            amount = float(rebate_amount or 0.0)
        except ValueError:
            return self._cart_error(_("The amount from your rebate fund is not a number."))
        cart_sudo = request.env["sale.order"]._channel_cart_of(store_sudo)  # the store's own
        try:
            with request.env.cr.savepoint():
                placed = cart_sudo._channel_cart_checkout(amount, promo_code=promo_code)
        except (UserError, ValidationError) as error:
            return self._cart_error(error.args[0])
        return self._render("channel_portal.store_checkout_done", store_sudo, order=cart_sudo, **placed)

    # === QUICK ORDER AND SPREADSHEETS === #
    @http.route("/my/store/quick", type="http", auth="user", methods=["GET"], website=True)
    def store_quick(self, **kw):
        store_sudo = self._store()
        return self._render("channel_portal.store_quick", store_sudo, rows=[{}] * QUICK_ROWS, page_name="channel_quick")

    @http.route("/my/store/quick", type="http", auth="user", methods=["POST"], website=True)
    def store_quick_post(self, **kw):
        """Rows come as code_<n> / quantity_<n>; nothing is added unless every
        filled row is accepted (the report says which are not)."""
        store_sudo = self._store()
        rows = []
        for key, code in kw.items():
            if key.startswith("code_") and key[5:].isdigit() and str(code).strip():
                index = int(key[5:])
                rows.append({"row": index, "code": code, "quantity": kw.get(f"quantity_{index}")})
        rows.sort(key=lambda row: row["row"])
        return self._add_rows(store_sudo, rows, source="quick")

    def _add_rows(self, store_sudo, rows, source):
        if not rows:
            return self._render("channel_portal.store_rows_report", store_sudo, accepted=[], rejected=[],
                                source=source, error=_("Give at least one product code and quantity."))
        if len(rows) > spreadsheet.MAX_ROWS:
            return self._render("channel_portal.store_rows_report", store_sudo, accepted=[], rejected=[],
                                source=source, error=_("At most %(max)s lines at once.", max=spreadsheet.MAX_ROWS))
        Order = request.env["sale.order"]
        accepted, rejected = Order._channel_cart_check_rows(store_sudo, rows)
        if rejected:
            response = self._render("channel_portal.store_rows_report", store_sudo, accepted=accepted,
                                    rejected=rejected, source=source, error=False)
            response.status_code = 400 if source != "upload" else 200
            return response
        cart_sudo = Order._channel_cart_of(store_sudo, create=True)  # the store's own
        cart_sudo._channel_cart_add([(product, quantity) for __, product, quantity in accepted])
        return request.redirect("/my/store/cart")

    @http.route("/my/store/upload", type="http", auth="user", methods=["GET"], website=True)
    def store_upload(self, **kw):
        store_sudo = self._store()
        return self._render("channel_portal.store_upload", store_sudo, error=False, page_name="channel_upload",
                            max_rows=spreadsheet.MAX_ROWS)

    @http.route("/my/store/upload", type="http", auth="user", methods=["POST"], website=True,
                max_content_length=spreadsheet.MAX_REQUEST_BYTES)
    def store_upload_post(self, file=None, **kw):
        """Read the file and report row by row; the rows accepted are sent
        again (as a quick order) when the store confirms: nothing is ordered
        from the upload itself."""
        store_sudo = self._store()
        try:
            if not file or not hasattr(file, "read"):
                raise UserError(_("Choose a spreadsheet to upload."))
            data = file.read(spreadsheet.MAX_BYTES + 1)
            rows = spreadsheet.read_code_quantity_rows(request.env, data, file.filename or "")
        except UserError as error:
            response = self._render("channel_portal.store_upload", store_sudo, error=error.args[0],
                                    page_name="channel_upload", max_rows=spreadsheet.MAX_ROWS)
            response.status_code = 400
            return response
        accepted, rejected = request.env["sale.order"]._channel_cart_check_rows(store_sudo, rows)
        return self._render("channel_portal.store_rows_report", store_sudo, accepted=accepted, rejected=rejected,
                            source="upload", error=False if rows else _("The spreadsheet has no rows."))

    @http.route("/my/store/upload/template", type="http", auth="user", methods=["GET"], website=True)
    def store_upload_template(self, **kw):
        self._store()
        content = spreadsheet.template_xlsx(request.env)
        return request.make_response(content, headers=[
            ("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
            ("Content-Disposition", http.content_disposition(_("order-template.xlsx"))),
        ])

    @http.route("/my/store/reorder/<int:order_id>", type="http", auth="user", methods=["POST"], website=True)
    def store_reorder(self, order_id, **kw):
        store_sudo = self._store()
        order_sudo = request.env["sale.order"].sudo().browse(order_id).exists()
        # only the store's own orders (not its cart): any other id is not found
        if not order_sudo or order_sudo.partner_id.commercial_partner_id != store_sudo.partner_id \
                or order_sudo.channel_portal_cart:
            raise NotFound()
        accepted, rejected = order_sudo._channel_reorder(store_sudo)
        if rejected:
            return self._render("channel_portal.store_rows_report", store_sudo, accepted=accepted, rejected=rejected,
                                source="reorder", error=False)
        return request.redirect("/my/store/cart")

    # === ACCOUNTS === #
    @http.route("/my/store/accounts", type="http", auth="user", methods=["GET"], website=True)
    def store_accounts(self, **kw):
        store = self._store()
        today = fields.Date.context_today(store)
        return self._render(
            "channel_portal.store_accounts", store, accounts=store._portal_accounts(),
            watchlist=store._portal_watchlist(), date_from=today.replace(day=1), date_to=today,
            page_name="channel_accounts",
        )

    @http.route("/my/store/accounts/<int:account_id>/statement", type="http", auth="user", methods=["GET"], website=True)
    def store_statement(self, account_id, date_from=None, date_to=None, **kw):
        store = self._store()
        account = store._portal_accounts().filtered(lambda a: a.id == account_id)
        if not account:
            raise NotFound()
        try:
            start = fields.Date.to_date(date_from) or fields.Date.context_today(store).replace(day=1)
            end = fields.Date.to_date(date_to) or fields.Date.context_today(store)
        except ValueError:
            raise UserError(_("Give the period as dates (YYYY-MM-DD).")) from None
        if start > end:
            raise UserError(_("The statement's period ends before it starts."))
        statement = request.env["channel.fund.statement"].sudo().create({
            "account_id": account.id, "date_from": start, "date_to": end,
        })
        report = request.env["ir.actions.report"].sudo()
        pdf, __ = report._render_qweb_pdf("channel_account.action_report_fund_statement", statement.ids)
        filename = f"{account.name}-{start}-{end}.pdf"
        return request.make_response(pdf, headers=[
            ("Content-Type", "application/pdf"), ("Content-Disposition", http.content_disposition(filename)),
        ])

    # === PROMOTIONS === #
    @http.route("/my/store/promotions", type="http", auth="user", methods=["GET"], website=True)
    def store_promotions(self, **kw):
        store = self._store()
        return self._render("channel_portal.store_promotions", store, programs=store._portal_promotions(),
                            page_name="channel_promotions")

    # === STOCK AND SELL-OUT REPORT === #
    @http.route("/my/store/report", type="http", auth="user", methods=["GET"], website=True)
    def store_report(self, **kw):
        store = self._store()
        Report = request.env["channel.sellout.report"].sudo()
        week = Report._week_of(fields.Date.context_today(store))
        report = Report.search([("member_id", "=", store.id), ("week", "=", week)])
        return self._render("channel_portal.store_report", store, week=week, report=report, error=False,
                            rows=[{}] * QUICK_ROWS, page_name="channel_report")

    @http.route("/my/store/report", type="http", auth="user", methods=["POST"], website=True)
    def store_report_post(self, **kw):
        """Rows code_<n> / on_hand_<n> / sold_<n> (the form's row n + 1):
        all or nothing, checked by ``channel.sellout.report._prepare_lines``."""
        store = self._store()
        rows = []
        for key, code in kw.items():
            if key.startswith("code_") and key[5:].isdigit() and str(code).strip():
                index = key[5:]
                rows.append({"line": int(index) + 1, "product_code": code,
                             "on_hand": kw.get(f"on_hand_{index}"), "sold": kw.get(f"sold_{index}")})
        return self._report_submit(store, sorted(rows, key=lambda row: row["line"]), "portal")

    def _report_submit(self, store, rows, source):
        """Record the store's report of this week from ``rows`` (see
        ``channel.sellout.report._prepare_lines``), or show the page again
        with every problem."""
        # sudo: the store is the logged-in user's own (_store), and it reports for itself
        report_sudo = request.env["channel.sellout.report"].sudo()
        try:
            lines = report_sudo._prepare_lines(rows)
        except UserError as error:
            return self._report_error(store, error.args[0].splitlines())
        report_sudo._submit(store, fields.Date.context_today(store), lines, source=source)
        return request.redirect("/my/store/report")

    def _report_error(self, store, errors):
        """The report page again, with ``errors`` (a list of messages)."""
        report_sudo = request.env["channel.sellout.report"].sudo()
        week = report_sudo._week_of(fields.Date.context_today(store))
        response = self._render(
            "channel_portal.store_report", store, week=week,
            report=report_sudo.search([("member_id", "=", store.id), ("week", "=", week)]),
            error=errors, rows=[{}] * QUICK_ROWS, page_name="channel_report",
        )
        response.status_code = 400
        return response

    @http.route("/my/store/report/upload", type="http", auth="user", methods=["POST"], website=True,
                max_content_length=spreadsheet.MAX_REQUEST_BYTES)
    def store_report_upload(self, file=None, **kw):
        """A spreadsheet of code, on hand, sold (columns A to C), each sheet
        row a line of the report."""
        store = self._store()
        try:
            if not file or not hasattr(file, "read"):
                raise UserError(_("Choose a spreadsheet to upload."))
            data = file.read(spreadsheet.MAX_BYTES + 1)
            sheet_rows = spreadsheet.read_rows(request.env, data, file.filename or "", columns=3)
            if not sheet_rows:
                raise UserError(_("The spreadsheet has no rows."))
        except UserError as error:
            return self._report_error(store, [error.args[0]])
        rows = [
            {"line": number, "product_code": values[0], "on_hand": values[1], "sold": values[2]}
            for number, values in sheet_rows
        ]
        return self._report_submit(store, rows, "upload")

