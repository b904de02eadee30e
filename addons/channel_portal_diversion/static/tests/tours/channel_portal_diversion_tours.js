/** @odoo-module **/
// The store scans a product code on its phone, run by tests/test_portal_scan.py
// in headless Chromium at phone width.
import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("channel_portal_diversion_scan", {
    url: "/my/store",
    steps: () => [
        { content: "open the scan page from the home", trigger: ".o_channel_scan_tile", run: "click" },
        { content: "type the code on the unit", trigger: "input[name=code]", run: "edit T-UNIT-FROM-EAST" },
        { content: "check it", trigger: ".o_channel_scan_form button[type=submit]", run: "click" },
        { content: "told at once: a diversion case is open", trigger: ".o_channel_scan_diverted" },
        { content: "a code that is no code", trigger: "input[name=code]", run: "edit T-NOT-A-CODE" },
        { trigger: ".o_channel_scan_form button[type=submit]", run: "click" },
        { content: "recorded for the brand, and said so", trigger: ".o_channel_scan_unknown" },
    ],
});
