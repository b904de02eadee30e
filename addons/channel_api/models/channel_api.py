# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The brand ERP's XML-RPC surface.

Every public method takes a list of plain dictionaries (one per record) and
answers one dictionary per record, in the same order: ``{"ref", "status",
"id"}`` where ``status`` is ``created``, ``updated``, ``unchanged`` or
``error`` (then with ``"error"``, the reason). Records are keyed by the ERP's
own reference (``ref``): a record already sent is found again and only what
differs is written, so a payload sent twice changes nothing the second time.
Each record is all or nothing (a savepoint); a batch that is not a list, too
large, or sent by a user without the rights is refused as a whole. Every call
is logged (``channel.api.call``).

Each kind of record has a file of its own, ``channel_api_kind_<kind>.py``,
that maps its payload to the domain's calls and adds two methods found by
name (``_api_batch``): ``_api_prepare_<kind>(payload, batch)`` checks a record
and finds what it stands for without writing anything: ``(record or empty
recordset, changes)``, raising a ``UserError`` that lists its problems; and
``_api_apply_<kind>(payload, record, changes, batch)`` writes it:
``(status, record)``. The business rules stay with the models they concern.
"""
import math
import time
from collections import Counter

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.service.model import PG_CONCURRENCY_EXCEPTIONS_TO_RETRY
from odoo.tools import float_compare
from odoo.tools.translate import LazyTranslate

MAX_BATCH = 500
MAX_TEXT = 1_000  # characters in a field's text: a name, a code, a reference
MAX_LONG_TEXT = {"note": 10_000, "description_sale": 10_000}  # the free texts
BOUND_KINDS = ("product", "price", "territory", "member", "order")
_lt = LazyTranslate(__name__)
TYPE_LABELS = {
    str: _lt("text"), float: _lt("number"), int: _lt("whole number"), bool: _lt("true/false"), list: _lt("list"),
    "date": _lt("date"),
}


class ChannelApi(models.AbstractModel):
    _name = "channel.api"
    _description = "Channel Integration API"

    # === PUBLIC API: UPSERTS AND IMPORTS (XML-RPC) === #
    @api.model
    def upsert_products(self, records):
        """Create or update products. Keys: ``ref`` (required), ``name``
        (required to create), ``default_code`` (default: ``ref``), ``barcode``,
        ``list_price`` (retail guide price), ``standard_price``, ``category``
        (full name, e.g. "All / 文具 / 书写工具"), ``sale_ok``, ``purchase_ok``,
        ``active``, ``order_multiple``, ``level_codes`` (levels allowed to buy
        it; empty list: every level), ``description_sale``, ``weight``."""
        return self._api_call("upsert_products", "product", records)

    @api.model
    def upsert_level_prices(self, records):
        """Create or update the price a level buys a product at. Keys: ``ref``,
        ``level_code``, ``product_ref`` (the ERP reference of the product) or
        ``default_code``, ``price``; optional ``min_quantity``,
        ``date_start``, ``date_end`` (YYYY-MM-DD)."""
        return self._api_call("upsert_level_prices", "price", records)

    @api.model
    def upsert_territories(self, records):
        """Create or update sales territories. Keys: ``ref``, ``code``
        (default: ``ref``), ``name``, ``type`` (state, zip or country),
        ``state_codes`` (provinces, e.g. ["ZJ"]), ``country_code`` (default
        CN), ``zip_codes`` ("310,311"), ``branch`` (the name of a branch)."""
        return self._api_call("upsert_territories", "territory", records)

    @api.model
    def upsert_members(self, records):
        """Create (onboard) or update distributors and stores. Keys: ``ref``,
        ``role`` (distributor or store), ``code`` (default: ``ref``), ``name``,
        ``upstream_ref`` or ``upstream_code``, the onboarding keys
        (``login``, ``email``, ``level_code``, ``territory_code``,
        ``territory_codes``, ``street``, ``street2``, ``city``, ``zip``,
        ``state_code``, ``country_code``, ``phone``, ``vat``, ``lang``,
        ``user_name``, ``password``, ``credit_grade``, ``tag_names``).
        An update writes the contact details, credit grade, tags and location;
        the code, upstream, level and login of an existing member are not
        changed by the ERP."""
        return self._api_call("upsert_members", "member", records)

    @api.model
    def import_orders(self, records):
        """Create orders the ERP took. Keys: ``ref`` (the ERP's order number),
        ``buyer_code`` or ``buyer_ref`` (a store or a distributor), ``lines``
        (``[{"product_ref" or "default_code", "quantity", "price_unit"}]``;
        a store's price defaults to its level price, a distributor always buys
        at its level price), optional ``note``, ``confirm`` (default true). A
        store's order is a sale order of its distributor; a distributor's is
        its purchase order to its upstream, which makes the upstream's sale
        order. Sent again, an unchanged order is left alone; a changed one is
        updated while it is not confirmed, refused after."""
        return self._api_call("import_orders", "order", records)

    @api.model
    def import_stock_counts(self, records):
        """Set a distributor's counted stock. Keys: ``member_code``,
        ``product_code`` (internal reference or barcode), ``quantity``. The
        difference is booked as an inventory adjustment in the member's main
        warehouse; a count equal to the stock changes nothing."""
        return self._api_call("import_stock_counts", "stock", records)

    @api.model
    def import_sellout(self, records):
        """Record stores' weekly stock and sell-out reports. Keys:
        ``store_code``, ``week`` (YYYY-MM-DD, any day of it), ``lines``
        (``[{"product_code", "on_hand", "sold", "price"}]``); a report sent
        again for the same week replaces the first."""
        return self._api_call("import_sellout", "sellout", records)

    # === FRAMEWORK === #
    @api.model
    def _api_call(self, method, kind, records):
        """Run a public call: check the caller and the batch, process it
        record by record, log it."""
        started = time.perf_counter()
        try:
            self._api_check_caller()
            self._api_check_batch(records)
            results = self._api_batch(kind, records)
        except UserError as error:  # AccessError and ValidationError are UserErrors
            self._api_log(method, started, "refused", records, message=str(error.args[0]))
            raise
        except PG_CONCURRENCY_EXCEPTIONS_TO_RETRY:
            # a concurrent call wrote the same records: Odoo retries the whole
            # call, which then finds them; only the outcome of the retry is logged
            raise
        except Exception as error:
            self._api_log(method, started, "failed", records, message=repr(error))
            raise
        counts = Counter(result["status"] for result in results)
        outcome = "ok"
        if counts["error"]:
            outcome = "partial" if counts["error"] < len(results) else "refused"
        message = "\n".join(f"{result['ref']}: {result['error']}" for result in results if result["status"] == "error")
        self._api_log(method, started, outcome, records, counts, message)
        return results

    @api.model
    def _api_read_call(self, method, reader, *args):
        """Run a public read: check the caller, read, log."""
        started = time.perf_counter()
        try:
            self._api_check_caller()
            result = reader(*args)
        except UserError as error:
            self._api_log(method, started, "refused", [], message=str(error.args[0]))
            raise
        except Exception as error:
            self._api_log(method, started, "failed", [], message=repr(error))
            raise
        self._api_log(method, started, "ok", [], {"records": len(result.get("records", []))})
        return result

    @api.model
    def _api_log(self, method, started, outcome, records, counts=None, message=None):
        counts = dict(counts or {})
        counts.setdefault("records", len(records) if isinstance(records, (list, tuple)) else 0)
        self.env["channel.api.call"]._log(method, time.perf_counter() - started, outcome, counts, message)

    @api.model
    def _api_check_caller(self):
        """The integration user (least rights: it can only call this API),
        the brand's channel managers, or the superuser."""
        user = self.env.user
        if not (
            self.env.is_superuser()
            or user.has_group("channel_api.group_channel_api")
            or user.has_group("channel_base.group_channel_brand_manager")
        ):
            raise AccessError(_("Only the integration user and the brand's channel managers may call the channel API."))

    @api.model
    def _api_check_batch(self, records, max_batch=MAX_BATCH):
        if not isinstance(records, (list, tuple)) or not records:
            raise UserError(_("Send a non-empty list of records."))
        if len(records) > max_batch:
            raise UserError(_(
                "At most %(max)s records can be sent in one call, not %(count)s: split the batch.",
                max=max_batch, count=len(records),
            ))

    @api.model
    def _api_scope(self):
        """The members the current user may import for: ``None`` for the
        whole network (integration user, brand, superuser), else the
        distributor's own members (their branch is ``child_of`` them)."""
        user = self.env.user
        if (
            self.env.is_superuser()
            or user.has_group("channel_api.group_channel_api")
            or user.has_group("channel_base.group_channel_brand_manager")
        ):
            return None
        if user.has_group("channel_base.group_channel_distributor_manager"):
            return self.env["channel.member"]._channel_member_of_company(self.env.companies)
        raise AccessError(_("Only channel managers may import records."))

    @api.model
    def _api_in_scope(self, scope, member):
        """Whether ``member`` is in the branch of ``scope`` (see _api_scope)."""
        if scope is None:
            return True
        return bool(member) and bool(member.sudo().search_count(
            [("id", "=", member.id), ("id", "child_of", scope.ids)], limit=1
        ))

    @api.model
    def _api_check_books(self, batch, company, member):
        """A distributor imports into its own books only. Its branch is its to
        onboard and update, but a dealer's orders and stock, and the sell-out
        of a dealer's stores, are kept in the dealer's company: writing them
        (with sudo, in ``_api_apply_*``) is the dealer's to do. The brand's ERP
        and channel managers (scope: the whole network) route into any tenant."""
        if batch["scope"] is not None and company not in self.env.companies:
            raise UserError(_(
                "%(member)s is kept in the books of %(company)s: you import into your own company's books only",
                member=member.display_name, company=company.sudo().name,
            ))
        return True

    @api.model
    def _api_batch(self, kind, records, atomic=False, dry_run=False, progress=None):
        """Process ``records`` of ``kind`` one by one, each in a savepoint.

        :param atomic: raise one error listing every refused record instead
            of answering per record (spreadsheet imports: all or nothing; the
            caller rolls back what the others wrote)
        :param dry_run: only check the records and say what would happen
            (``create``, ``update``, ``unchanged`` or ``error``)
        :param progress: called with the number of records done after each
        :return: ``[{"ref", "status", "id", "error"?}]`` in the order given
        """
        batch = {"scope": self._api_scope(), "seen": set(), "cache": {}}
        if kind in BOUND_KINDS:
            # the records already bound, for the whole batch in one query
            refs = [payload["ref"].strip() for payload in records
                    if isinstance(payload, dict) and isinstance(payload.get("ref"), str)]
            bound = self.env["channel.api.binding"].sudo()._find(kind, refs)
            batch["cache"][("bound", kind)] = {ref: bound.get(ref) for ref in refs}
        prepare = getattr(self, f"_api_prepare_{kind}")
        apply = getattr(self, f"_api_apply_{kind}")
        results = []
        for payload in records:
            key = self._api_key(kind, payload)
            result = {"ref": key if key and len(key) <= MAX_TEXT else False}  # never echo an endless text
            try:
                with self.env.cr.savepoint():
                    if not isinstance(payload, dict):
                        raise UserError(_("Each record must be a dictionary of fields."))
                    if not key:
                        raise UserError(_("The record has no reference ('ref')."))
                    if len(key) > MAX_TEXT:
                        raise UserError(_("The reference is longer than %(max)s characters.", max=MAX_TEXT))
                    if key in batch["seen"]:
                        raise UserError(_("The reference %(ref)s is sent twice in this batch.", ref=key))
                    batch["seen"].add(key)
                    record, vals = prepare(payload, batch)
                    if dry_run:
                        status = "create" if not record else ("update" if vals else "unchanged")
                    else:
                        status, record = apply(payload, record, vals, batch)
                    result.update(status=status, id=record.id if record else False)
            except UserError as error:
                result.update(status="error", id=False, error=str(error.args[0]))
            results.append(result)
            if progress:
                progress(len(results))
        if atomic and any(result["status"] == "error" for result in results):
            raise UserError(_("Nothing was imported:\n%(errors)s", errors="\n".join(
                f"{result['ref'] or '?'}: {result['error']}" for result in results if result["status"] == "error"
            )))
        return results

    @api.model
    def _api_key(self, kind, payload):
        """The key a record of ``kind`` is known by in a batch and the log."""
        if not isinstance(payload, dict):
            return None
        if kind == "stock":
            parts = (payload.get("member_code"), payload.get("product_code"))
        elif kind == "sellout":
            parts = (payload.get("store_code"), payload.get("week"))
        else:
            parts = (payload.get("ref"),)
        if not all(isinstance(part, str) and part.strip() for part in parts):
            return None
        return "/".join(part.strip() for part in parts)

    # === SHARED BY THE KINDS === #
    @api.model
    def _api_check_brand(self, batch, what):
        if batch["scope"] is not None:
            raise UserError(_("Only the brand maintains %(what)s.", what=what))

    @api.model
    def _api_apply_simple(self, kind, model, payload, record, changes, batch):
        """Create, update or leave ``record``, and bind the reference to it."""
        ref = payload["ref"].strip()
        if not record:
            record = self.env[model].sudo().create(changes)
            status = "created"
        elif changes:
            record.write(changes)
            status = "updated"
        else:
            status = "unchanged"
        if self._api_bound(kind, ref, batch) != record:
            self._api_forget(kind, ref, batch, record)
        return status, record

    @api.model
    def _api_levels(self, codes, role=None):
        Level = self.env["channel.level"].sudo()
        if not all(isinstance(code, str) for code in codes):
            raise UserError(_("level codes must be texts"))
        levels = Level.search([("code", "in", codes)])
        unknown = set(codes) - set(levels.mapped("code"))
        if unknown:
            raise UserError(_("unknown level %(levels)s", levels=", ".join(sorted(unknown))))
        if role and levels.filtered(lambda level: level.role != role):
            raise UserError(_("only distributor levels buy from an upstream"))
        return levels

    # === CHECKS AND COMPARISONS === #
    @api.model
    def _api_check_payload(self, payload, schema, required=()):
        """Refuse unknown keys, values of the wrong type and missing required
        keys, all at once. ``schema``: ``{key: type}`` with type one of str,
        float (any number), int, bool, list, "date" (YYYY-MM-DD text)."""
        problems = []
        for key, value in payload.items():
            if key not in schema:
                problems.append(_("unknown field '%(field)s'", field=key))
            elif value is not None and not self._api_has_type(value, schema[key]):
                problems.append(_("field '%(field)s' must be a %(type)s", field=key, type=self.env._(TYPE_LABELS[schema[key]])))
            elif isinstance(value, str) and len(value) > MAX_LONG_TEXT.get(key, MAX_TEXT):
                problems.append(_("field '%(field)s' is longer than %(max)s characters", field=key,
                                  max=MAX_LONG_TEXT.get(key, MAX_TEXT)))
        for key in required:
            value = payload.get(key)
            if value is None or value is False or (isinstance(value, str) and not value.strip()):
                problems.append(_("'%(field)s' is required", field=key))
        if problems:
            raise UserError("; ".join(problems))

    @api.model
    def _api_has_type(self, value, expected):
        if expected is float:  # a finite number: JSON and XML-RPC both carry NaN and infinities
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                return False
            try:
                return math.isfinite(value)
            except OverflowError:  # an int beyond any float
                return False
        if expected is int:  # one a database integer holds
            return isinstance(value, int) and not isinstance(value, bool) and -2**31 < value < 2**31
        if expected == "date":
            if not isinstance(value, str):
                return False
            try:
                fields.Date.to_date(value)
            except ValueError:
                return False
            return True
        if expected is str:
            return isinstance(value, str) or value is False
        return isinstance(value, expected)

    @api.model
    def _api_diff(self, record, vals):
        """The part of ``vals`` that differs from ``record`` (all of it when
        there is no record)."""
        if not record:
            return dict(vals)
        changes = {}
        for name, value in vals.items():
            field = record._fields[name]
            current = record[name]
            if field.type == "many2one":
                same = current.id == (value or False)
            elif field.type == "many2many":
                same = set(current.ids) == set(value[0][2])
            elif field.type in ("float", "monetary"):
                same = float_compare(current or 0.0, value or 0.0, precision_digits=6) == 0
            elif field.type == "date":
                same = current == (fields.Date.to_date(value) if value else False)
            else:
                same = (current or False) == (value or False)
            if not same:
                changes[name] = value
        return changes

    @api.model
    def _api_bound(self, kind, ref, batch):
        """The record ``ref`` of ``kind`` was bound to, or an empty recordset."""
        cache = batch["cache"].setdefault(("bound", kind), {})
        if ref not in cache:
            cache.update(self.env["channel.api.binding"].sudo()._find(kind, [ref]))
            cache.setdefault(ref, None)
        return cache[ref]

    @api.model
    def _api_forget(self, kind, ref, batch, record):
        """Bind ``ref`` to ``record`` and remember it for the rest of the batch."""
        self.env["channel.api.binding"].sudo()._bind(kind, ref, record)
        batch["cache"].setdefault(("bound", kind), {})[ref] = record

    @api.model
    def _api_product(self, payload, batch):
        """The product a payload means by ``product_ref`` (ERP reference) or
        ``default_code``/``product_code`` (internal reference or barcode)."""
        cache = batch["cache"].setdefault("product", {})
        ref = payload.get("product_ref")
        code = payload.get("default_code") or payload.get("product_code")
        key = ("ref", ref) if ref else ("code", code)
        if key not in cache:
            product = self.env["product.product"]
            if ref:
                template = self._api_bound("product", ref, batch)
                product = template.product_variant_id if template else product
            elif isinstance(code, str) and code.strip():
                product = product.sudo().search(
                    ["|", ("default_code", "=", code.strip()), ("barcode", "=", code.strip())], limit=1
                )
            cache[key] = product
        product = cache[key]
        if not product:
            raise UserError(_("unknown product %(product)s", product=ref or code or "?"))
        return product

    @api.model
    def _api_member(self, payload, batch, code_key, ref_key=None):
        """The member a payload means by its code (``code_key``) or its ERP
        reference (``ref_key``); None when neither key is given."""
        ref = payload.get(ref_key) if ref_key else None
        code = payload.get(code_key)
        if not ref and not code:
            return None
        cache = batch["cache"].setdefault("member", {})
        key = ("ref", ref) if ref else ("code", code)
        if key not in cache:
            if ref:
                member = self._api_bound("member", ref, batch) or self.env["channel.member"].sudo()
            else:
                member = self.env["channel.member"].sudo().search([("code", "=", code)], limit=1)
            cache[key] = member
        if not cache[key]:
            raise UserError(_("unknown member %(member)s", member=ref or code))
        return cache[key]
