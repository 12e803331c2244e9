"""Realistic job-search mail, written for onward's tests (no real person's mail is used anywhere).

Each maker returns the bytes of one RFC 5322 message; :func:`mbox` joins them
the way mail programs export a mailbox.
"""

from __future__ import annotations

from datetime import UTC, datetime
from email.message import EmailMessage
from email.utils import format_datetime


def message(
    *,
    subject: str,
    body: str,
    sender: str,
    when: datetime,
    message_id: str | None,
    html: str | None = None,
    headers: dict[str, str] | None = None,
    in_reply_to: str | None = None,
) -> bytes:
    msg = EmailMessage()
    msg["From"] = sender
    msg["To"] = "Sam Rivera <sam.rivera@example.net>"
    msg["Subject"] = subject
    msg["Date"] = format_datetime(when)
    if message_id:
        msg["Message-ID"] = f"<{message_id}>"
    if in_reply_to:
        msg["In-Reply-To"] = f"<{in_reply_to}>"
    for name, value in (headers or {}).items():
        msg[name] = value
    msg.set_content(body)
    if html:
        msg.add_alternative(html, subtype="html")
    return msg.as_bytes()


def at(day: str) -> datetime:
    return datetime.fromisoformat(day).replace(hour=9, minute=30, tzinfo=UTC)


def rejection(company: str, role: str, day: str, mid: str | None = None, domain: str | None = None) -> bytes:
    domain = domain or company.lower().replace(" ", "") + ".com"
    return message(
        subject=f"Your application for {role} at {company}",
        body=(
            f"Hi Sam,\n\nThank you for your interest in the {role} position at {company} and for the time you "
            "spent with us.\n\nAfter careful consideration, we have decided to move forward with other candidates "
            "whose experience more closely matches the needs of the role.\n\nWe wish you every success in your "
            f"search.\n\nBest regards,\nPriya Natarajan\nTalent Acquisition, {company}\n"
        ),
        sender=f"Priya Natarajan <priya@{domain}>",
        when=at(day),
        message_id=mid or f"rej-{company.lower().replace(' ', '')}-{day}@{domain}",
    )


def interview(company: str, role: str, day: str, mid: str | None = None) -> bytes:
    domain = company.lower().replace(" ", "") + ".com"
    return message(
        subject=f"Interview invitation: {role}",
        body=(
            f"Hello Sam,\n\nThanks for applying for the {role} role at {company}. We enjoyed reading your "
            "application and would like to invite you to an interview with the hiring team.\n\nCould you let "
            "us know your availability next week for a 45-minute video call? You can also pick a time here: "
            "https://calendar.example.com/book\n\nLooking forward to speaking with you,\nTom Becker\n"
            f"Recruiting, {company}\n"
        ),
        sender=f"Tom Becker <tom.becker@{domain}>",
        when=at(day),
        message_id=mid or f"int-{company.lower().replace(' ', '')}-{day}@{domain}",
    )


def confirmation(company: str, role: str, day: str, mid: str | None = None) -> bytes:
    slug = company.lower().replace(" ", "")
    return message(
        subject=f"Thank you for applying to {company}",
        body=(
            f"Hi Sam,\n\nThank you for applying for the {role} position at {company}. We have received your "
            "application and our team will review it carefully.\n\nIf your profile matches what we are looking "
            "for, we will contact you about next steps. Due to the number of applications we may not be able "
            f"to respond to everyone individually.\n\nThe {company} Recruiting Team\n"
        ),
        sender=f"{company} Recruiting <no-reply@{slug}.com>",
        when=at(day),
        message_id=mid or f"conf-{slug}-{day}@{slug}.com",
    )


def job_alert(day: str) -> bytes:
    listing = "\n".join(
        f"{title} - {place}\nApply now: https://jobs.example.org/view/{n}\n"
        for n, (title, place) in enumerate(
            [("Data Engineer", "Berlin"), ("Analytics Engineer", "Remote"), ("BI Developer", "Lisbon")], start=1
        )
    )
    return message(
        subject="5 new jobs matching your search: Data Engineer",
        body=f"New jobs for you this week\n\n{listing}\nUnsubscribe from these job alerts at any time.\n",
        sender="JobBoard Alerts <alerts@jobboard.example.org>",
        when=at(day),
        message_id=f"alert-{day}@jobboard.example.org",
        headers={"List-Unsubscribe": "<https://jobboard.example.org/unsubscribe>", "Precedence": "bulk"},
    )


def personal(day: str) -> bytes:
    return message(
        subject="Dinner on Saturday?",
        body="Hey Sam,\n\nAre you free on Saturday? We could try the new place near the station.\n\nLove,\nMaya\n",
        sender="Maya Rivera <maya.rivera@example.net>",
        when=at(day),
        message_id=f"dinner-{day}@example.net",
    )


def mbox(*messages: bytes) -> bytes:
    out = bytearray()
    for raw in messages:
        out += b"From MAILER-DAEMON Mon Nov  2 09:30:00 2026\n"
        for line in raw.replace(b"\r\n", b"\n").split(b"\n"):
            out += (b">" + line if line.startswith(b"From ") else line) + b"\n"
        out += b"\n"
    return bytes(out)
