/** @odoo-module **/
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import { Component, onWillStart, useState } from "@odoo/owl";
import { _t } from "@web/core/l10n/translation";
import { registry } from "@web/core/registry";
import { formatFloat, formatInteger, formatMonetary } from "@web/views/fields/formatters";
import { useService } from "@web/core/utils/hooks";

/**
 * The channel overview: every dashboard's headline figures on one screen,
 * for the brand's channel team or a distributor's staff (its branch only:
 * the server counts through the reports' record rules). A click on a block
 * opens the dashboard behind it, filtered alike.
 */
export class ChannelOverview extends Component {
    static template = "channel_report.Overview";
    static props = ["*"];

    setup() {
        this.orm = useService("orm");
        this.actionService = useService("action");
        this.state = useState({ period: "year", data: null, loading: true });
        onWillStart(() => this.load());
    }

    async load() {
        this.state.loading = true;
        this.state.data = await this.orm.call("channel.report.overview", "get_overview", [this.state.period]);
        this.state.loading = false;
    }

    async setPeriod(key) {
        this.state.period = key;
        await this.load();
    }

    async open(block, resId = false) {
        const action = await this.orm.call("channel.report.overview", "get_action", [block, this.state.period, resId]);
        return this.actionService.doAction(action);
    }

    money(value) {
        return formatMonetary(value || 0, { currencyId: this.state.data.currency_id, digits: [16, 0] });
    }

    qty(value) {
        return formatFloat(value || 0, { digits: [16, 0] });
    }

    count(value) {
        return formatInteger(value || 0);
    }

    percent(value) {
        return value === false || value === null || value === undefined ? "—" : `${formatFloat(value, { digits: [16, 1] })} %`;
    }

    get scopeLabel() {
        const data = this.state.data;
        return data.scope.brand ? _t("The whole network") : _t("Branch of %(name)s", { name: data.scope.name });
    }

    get storesOrdered() {
        const sales = this.state.data.sales;
        return _t("%(ordered)s of %(stores)s stores ordered", {
            ordered: this.count(sales.ordering_stores),
            stores: this.count(sales.stores),
        });
    }

    get belowSafety() {
        const inventory = this.state.data.inventory;
        return _t("%(count)s below safety stock", {
            count: this.count(inventory.distributor.below_safety + inventory.store.below_safety),
        });
    }

    get accrued() {
        return _t("Accrued %(amount)s", { amount: this.money(this.state.data.rebate.accrued) });
    }

    get promotionSales() {
        return _t("on %(amount)s of sales", { amount: this.money(this.state.data.promotion.sales) });
    }

    get skuWindow() {
        return _t("(last %(days)s days)", { days: this.state.data.sku.window_days });
    }

    membersLabel(count) {
        return _t("%(count)s members", { count: this.count(count) });
    }

    ordersLabel(count) {
        return _t("%(count)s orders", { count: this.count(count) });
    }

    get roles() {
        return [
            ["distributor", _t("Distributors")],
            ["store", _t("Stores")],
        ];
    }
}

registry.category("actions").add("channel_report.overview", ChannelOverview);
