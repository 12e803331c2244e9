"""Check-ins, weekly goals and insights from the command line."""

from typing import Annotated, Any

import typer

from onward.cli._django import acting_user
from onward.cli.output import JsonFlag, print_json
from onward.cli.tracker import _today
from onward.errors import UserError

goal_app = typer.Typer(help="Weekly goals: applications sent and people reached.", no_args_is_help=True)


def checkin(
    mood: Annotated[
        str, typer.Option(help="1 (rough) to 5 (great); the words work too: rough, low, okay, good, great.")
    ],
    note: Annotated[str, typer.Option(help="A few private words about the day.")] = "",
    as_json: JsonFlag = False,
) -> None:
    """Say how today feels. Checking in again the same day replaces the earlier one.

    Example: onward checkin --mood 3 --note "Tired, but the walk helped"
    """
    user = acting_user()
    from onward.momentum import actions

    found, created = actions.check_in(user, mood, today=_today(), note=note)
    if as_json:
        print_json({**actions.checkin_dict(found), "created": created})
        return
    said = "Checked in" if created else "Updated today's check-in"
    typer.echo(f"{said}: {found.mood_word.lower()}. Thank you for checking in.")


def checkins(
    delete_all: Annotated[bool, typer.Option("--delete-all", help="Delete every check-in (asks first).")] = False,
    yes: Annotated[bool, typer.Option("--yes", help="Don't ask before deleting.")] = False,
    as_json: JsonFlag = False,
) -> None:
    """List your check-ins, newest first, or delete them all. They are yours alone."""
    user = acting_user()
    from onward.momentum import actions

    if delete_all:
        if not yes and not typer.confirm("Delete every check-in? This can't be undone"):
            raise UserError("Nothing deleted.")
        count = actions.delete_all_checkins(user)
        if as_json:
            print_json({"deleted": count})
        else:
            typer.echo(f"Deleted {count} check-in{'s' if count != 1 else ''}.")
        return
    found = actions.checkins(user)
    if as_json:
        print_json([actions.checkin_dict(c) for c in found])
        return
    if not found:
        typer.echo("No check-ins yet. `onward checkin --mood 3` records one.")
    for c in found:
        typer.echo(f"{c.on}  {c.mood}  {c.mood_word:<6}  {c.note}".rstrip())


@goal_app.command("set")
def goal_set(
    applications: Annotated[int | None, typer.Option(help="Applications to send a week (0: no goal).")] = None,
    people: Annotated[int | None, typer.Option(help="People to reach a week, counted as interactions logged.")] = None,
    as_json: JsonFlag = False,
) -> None:
    """Set weekly goals from today on. A goal left out keeps its current value.

    Example: onward goal set --applications 5 --people 3
    """
    if applications is None and people is None:
        raise UserError("Give --applications N, --people N, or both.")
    user = acting_user()
    from onward.momentum import actions

    today = _today()
    now = actions.current_goal(user, today)
    goal = actions.set_goal(
        user,
        applications=applications if applications is not None else (now.applications if now else 0),
        people=people if people is not None else (now.people if now else 0),
        today=today,
    )
    if as_json:
        print_json(actions.goal_dict(goal))
        return
    if not goal.applications and not goal.people:
        typer.echo("No weekly goal for now. Set one whenever it would help.")
    else:
        typer.echo(f"From this week: {_goal_words(goal.applications, goal.people)} a week. Every week starts fresh.")


@goal_app.command("show")
def goal_show(as_json: JsonFlag = False) -> None:
    """This week's goal and what you've done towards it so far."""
    user = acting_user()
    from onward.momentum import actions

    now = actions.this_week(user, _today())
    if as_json:
        print_json({"goal": actions.goal_dict(now.goal), "week": now.week.to_dict(), "paused_until": now.paused_until})
        return
    typer.echo(_week_line(now))


def _goal_words(applications: int | None, people: int | None) -> str:
    parts = []
    if applications:
        parts.append(f"{applications} application{'s' if applications != 1 else ''}")
    if people:
        parts.append(f"{people} {'person' if people == 1 else 'people'} reached")
    return " and ".join(parts)


def _week_line(now: Any) -> str:
    week = now.week
    if now.paused_until:
        return f"Goals are paused while you take time, until {now.paused_until:%A %-d %B}."
    if now.goal is None:
        return (
            f"This week so far: {week.applications} sent, {week.people} reached. "
            "No goal set (`onward goal set --applications 5 --people 3`)."
        )
    from onward.domain.momentum import progress_words

    parts = []
    if week.goal_applications:
        parts.append(progress_words(week.applications, week.goal_applications, "applications"))
    if week.goal_people:
        parts.append(progress_words(week.people, week.goal_people, "people reached"))
    return f"This week so far: {'; '.join(parts)}."


def insights(as_json: JsonFlag = False) -> None:
    """Your funnel, where it stalls and what usually helps, your weeks and your moods."""
    from onward.domain.funnel import LEVEL_LABELS, percent

    user = acting_user()
    from onward.momentum import actions

    today = _today()
    found = actions.insights(user, today)
    if as_json:
        print_json(actions.insights_dict(found))
        return
    d = found.diagnosis
    typer.echo(d.summary)
    typer.echo(d.confidence_text)
    for tip in d.tries:
        typer.echo(f"  - {tip}")
    f = found.funnel
    if f.applications:
        typer.echo("\nFunnel")
        for key, count in f.counts.items():
            typer.echo(f"  {LEVEL_LABELS[key]:<12} {count:>4}")
        for step in f.steps:
            rate = "not enough answers yet" if step.rate is None else percent(step.rate)
            typer.echo(f"  {step.label:<30} {rate} ({step.advanced} of {step.decided}; {step.waiting} waiting)")
        if f.median_days_to_response is not None:
            typer.echo(f"  First answers came after {f.median_days_to_response:g} days (median).")
    typer.echo("\n" + _week_line(found.this_week))
    if found.mood:
        last = found.mood[-1]
        count = len(found.mood)
        typer.echo(
            f"{count} check-in{'s' if count != 1 else ''} in the last 90 days; "
            f"the latest: {last.mood_word.lower()} ({last.on})."
        )
