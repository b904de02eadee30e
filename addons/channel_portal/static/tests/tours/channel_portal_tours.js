/** @odoo-module **/
// Tours of the store portal, run by tests/test_portal_tours.py in headless
// Chromium at phone width.
import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("channel_portal_quick_order", {
    url: "/my/store/quick",
    steps: () => [
        { content: "type a product code", trigger: "input[name=code_0]", run: "edit T-PEN" },
        { content: "and its quantity", trigger: "input[name=quantity_0]", run: "edit 12" },
        { content: "a barcode on the next line", trigger: "input[name=code_1]", run: "edit 6900000000017" },
        { trigger: "input[name=quantity_1]", run: "edit 8" },
        { content: "add to the cart", trigger: ".o_channel_quick_submit", run: "click" },
        { content: "one line of 20 pens", trigger: ".o_channel_cart_line:contains(T 促销笔)" },
        { content: "the promotion for the store applies", trigger: ".o_channel_reward_line" },
        { content: "place the order", trigger: ".o_channel_checkout", run: "click" },
        { content: "confirmed at once", trigger: ".o_channel_order_confirmed" },
    ],
});

registry.category("web_tour.tours").add("channel_portal_reorder", {
    url: "/my/orders",
    steps: () => [
        { content: "open the last order", trigger: ".o_portal_my_doc_table a:first", run: "click" },
        { content: "order it again", trigger: ".o_channel_reorder", run: "click" },
        { content: "its goods are in the cart", trigger: ".o_channel_cart_line:contains(T 促销笔)" },
        { trigger: ".o_channel_checkout", run: "click" },
        { trigger: ".o_channel_order_confirmed" },
    ],
});

registry.category("web_tour.tours").add("channel_portal_upload", {
    url: "/my/store/upload",
    steps: () => [
        {
            content: "choose a spreadsheet: the template itself, with its two example lines",
            trigger: ".o_channel_upload_file",
            async run() {
                const response = await fetch("/my/store/upload/template");
                const file = new File([await response.blob()], "order.xlsx");
                const transfer = new DataTransfer();
                transfer.items.add(file);
                this.anchor.files = transfer.files;
            },
        },
        { content: "check the file", trigger: ".o_channel_upload_submit", run: "click" },
        { content: "both lines accepted", trigger: ".o_channel_rows_report .o_channel_row_ok:contains(MX-0002)" },
        { content: "add them to the cart", trigger: ".o_channel_rows_confirm", run: "click" },
        { content: "they are in the cart", trigger: ".o_channel_cart_line:contains(MX-0001)" },
    ],
});

registry.category("web_tour.tours").add("channel_portal_statement", {
    url: "/my/store",
    steps: () => [
        { content: "the accounts from the home page", trigger: ".o_channel_home a[href='/my/store/accounts']", run: "click" },
        { content: "the cash account and its balance", trigger: ".o_channel_account:contains(300.00)" },
        { content: "the period of the statement", trigger: ".o_channel_account input[name=date_from]" },
        { trigger: ".o_channel_statement" },
    ],
});
