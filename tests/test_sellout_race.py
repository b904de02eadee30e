"""Two submissions of one store's weekly sell-out report at the same moment.

Each thread has its own cursor (as Odoo's workers do), reads first (its
REPEATABLE READ snapshot then predates the other's commit), waits for the other
at a barrier, then submits through Odoo's own retry of serialisation failures.
As two submissions one after the other would, they must leave one report for
the week, holding the lines of the one that came last, both returning it;
before the fix the second was refused with "A store reports once a week…"
(the unique key's refusal is not retried). The reports are committed: each
round reports a week the store has no report for yet.
"""
import datetime

from odoo import SUPERUSER_ID, api

ROUNDS = 3
STORE = "S-HZ-001"


def _free_weeks(registry, member_id, count):
    """Mondays the store has no report for (long ago: nothing to compare with)."""
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        taken = set(env["channel.sellout.report"].search([("member_id", "=", member_id)]).mapped("week"))
    monday = datetime.date(1990, 1, 1)  # a Monday
    weeks = []
    while len(weeks) < count:
        if monday not in taken:
            weeks.append(monday)
        monday += datetime.timedelta(weeks=1)
    return weeks


def test_two_submissions_of_one_week_leave_one_report(registry, race):
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        member_id = env["channel.member"].search([("code", "=", STORE), ("role", "=", "store")]).id
        pen, eraser = env["product.product"].search([("type", "=", "consu")], limit=2, order="id").ids
    assert member_id
    # different figures (and products) each, to tell whose lines the report keeps
    submissions = [[(pen, 10.0, 1.0)], [(pen, 20.0, 2.0), (eraser, 5.0, 0.0)]]
    tally = {"one report": 0, "refused": 0}
    refusals, attempts = [], []
    for week in _free_weeks(registry, member_id, ROUNDS):
        def submit(env, lines, week=week):
            products = [(env["product.product"].browse(product_id), on_hand, sold) for product_id, on_hand, sold in lines]
            return env["channel.sellout.report"]._submit(env["channel.member"].browse(member_id), week, products).id

        outcomes, messages, tried = race([lambda env, lines=lines: submit(env, lines) for lines in submissions])
        attempts += tried
        refusals += messages.values()
        if "refused" in outcomes.values():
            tally["refused"] += 1
        else:
            assert len(set(outcomes.values())) == 1, outcomes  # both got the same report
            tally["one report"] += 1
        with registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            reports = env["channel.sellout.report"].search([("member_id", "=", member_id), ("week", "=", week)])
            assert len(reports) == 1, f"{len(reports)} reports"
            kept = sorted((line.product_id.id, line.qty_on_hand, line.qty_sold) for line in reports.line_ids)
            # the lines of one submission, whole: the later one replaced the earlier
            assert kept in [sorted(lines) for lines in submissions], kept
    assert tally == {"one report": ROUNDS, "refused": 0}, (tally, refusals)
    # the race was run: the second of each round retried once with a new snapshot
    assert len(attempts) == 3 * ROUNDS, attempts
