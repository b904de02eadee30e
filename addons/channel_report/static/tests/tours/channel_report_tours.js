/** @odoo-module **/
// Tours of the channel overview, run by tests/test_tours.py in headless Chromium.
import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("channel_report_overview_brand", {
    steps: () => [
        { content: "the overview of the whole network", trigger: ".o_channel_overview:contains(The whole network)" },
        { content: "sales by region, ranked", trigger: ".o_channel_regions tr:contains(T 华东) td:first:not(:empty)" },
        { content: "T-EAST among the top distributors", trigger: ".o_channel_ranking tr:contains(T-EAST)" },
        { content: "the pen is distributed to its stores", trigger: ".o_channel_sku tr:contains(T 促销笔)" },
        { content: "the rebate policy and its liability", trigger: ".o_channel_rebate tr:contains(T 一级进货返利)" },
        { content: "the promotion", trigger: ".o_channel_promotion tr:contains(T 门店九折)" },
        { content: "look at this month only", trigger: ".o_channel_periods button[data-period=month]", run: "click" },
        { trigger: ".o_channel_periods button.btn-primary[data-period=month]" },
        { content: "open the region's sales", trigger: ".o_channel_regions tr[data-open]:contains(T 华东)", run: "click" },
        { content: "the sales dashboard, as a pivot", trigger: ".o_pivot_view .o_pivot" },
        { content: "filtered on the region", trigger: ".o_facet_values:contains(T 华东), .o_searchview_facet" },
    ],
});

registry.category("web_tour.tours").add("channel_report_overview_distributor", {
    steps: () => [
        { content: "the overview of its branch", trigger: ".o_channel_overview:contains(Branch of)" },
        { content: "it ranks itself", trigger: ".o_channel_ranking tr:contains(T-SOUTH)" },
        { content: "and nobody of another branch", trigger: ".o_channel_ranking tbody:not(:contains(T-EAST))" },
        { trigger: ".o_channel_regions tbody:not(:contains(T 华东))" },
        { content: "its fund with the brand", trigger: ".o_channel_fund tr:contains(Held)" },
        { content: "its open case", trigger: ".o_channel_diversion_open:contains(1)", run: "click" },
        { content: "the cases, as a pivot", trigger: ".o_pivot_view .o_pivot" },
    ],
});
