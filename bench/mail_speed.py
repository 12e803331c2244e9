"""How fast onward reads and classifies an mbox, against the standard library merely parsing the same file.

    python -m bench.mail_speed [--messages 50000]

It writes a realistic mbox into a temporary folder (rejections, application
confirmations, interview invitations, HTML job alerts, newsletters, personal
mail, French mail in ISO-8859-1, forwards, a few PDF attachments; base64 and
quoted-printable parts), then times, best of three and interleaved:

- the floor: ``mailbox.mbox`` iterating the file and ``email.message_from_bytes``
  (compat32) parsing each message, nothing else;
- onward reading: ``open_source(path)`` streaming the file, decoding headers,
  choosing and converting the body, splitting off quotes and signatures;
- onward reading and classifying: the same plus ``classify(mail)`` for each
  message, when ``onward.domain.mail.classify`` is importable.

The target is onward ≥ 0.5× the floor's messages per second. It is a
benchmark, not a test: it prints figures for people to read.
"""

from __future__ import annotations

import argparse
import base64
import email
import mailbox
import quopri
import random
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from onward.domain.mail.message import Mail
from onward.domain.mail.reader import open_source

COMPANIES = ["Acme Analytics", "Brightline Health", "Northwind Logistics", "Cobalt Robotics", "Juniper Bank", "Fable"]
ROLES = ["Data Analyst", "Backend Engineer", "Product Designer", "Customer Success Lead", "QA Engineer", "Ops Manager"]
PEOPLE = ["Priya Shah", "Tom Becker", "Amara Okafor", "Lucas Moreau", "Hannah Kim", "Diego Alvarez", "Mia Novak"]
FRENCH = ["Ingénieure données", "Chef de projet", "Développeur backend", "Analyste financière"]
WEEKDAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.mail_speed", description=__doc__.split("\n")[0])
    parser.add_argument("--messages", type=int, default=50_000, help="messages in the generated mbox")
    args = parser.parse_args(argv)
    classify = _classifier()
    with tempfile.TemporaryDirectory(prefix="onward-bench-") as folder:
        path = Path(folder) / "inbox.mbox"
        size = write_mbox(path, args.messages)
        print(f"{args.messages:,} messages, {size / 1e6:.0f} MB: {path.name} in a temporary folder")
        runs: list[tuple[str, Callable[[], int]]] = [
            ("floor: mailbox.mbox + email.message_from_bytes (compat32)", lambda: floor(path)),
            ("onward: open_source (reading alone)", lambda: read(path, None)),
        ]
        if classify is not None:
            runs.append(("onward: open_source + classify", lambda: read(path, classify)))
        best = {name: float("inf") for name, _ in runs}
        for _round in range(3):
            for name, run in runs:
                started = time.perf_counter()
                count = run()
                best[name] = min(best[name], time.perf_counter() - started)
                if count != args.messages:
                    print(f"  note: {name} saw {count} messages")
    floor_rate = args.messages / best[runs[0][0]]
    print(f"\n{'':<60} {'msg/s':>9} {'vs floor':>9}")
    for name, seconds in best.items():
        rate = args.messages / seconds
        print(f"{name:<60} {rate:>9,.0f} {rate / floor_rate:>8.2f}×")
    print("\ntarget: onward (reading and classifying) ≥ 0.5× the floor")
    return 0


def _classifier() -> Callable[[Mail], object] | None:
    try:
        from onward.domain.mail.classify import classify
    except ImportError:
        print("onward.domain.mail.classify is not importable yet: measuring the reader alone")
        return None
    try:
        classify(Mail(fingerprint="probe", subject="Your application", body="Thank you for applying."))
    except Exception as exc:  # a classifier being worked on: still measure the reader
        print(f"classify failed on a plain message ({type(exc).__name__}: {exc}): measuring the reader alone")
        return None
    return classify  # type: ignore[no-any-return]


def floor(path: Path) -> int:
    box = mailbox.mbox(path, create=False)
    count = 0
    for key in box.iterkeys():
        email.message_from_bytes(box.get_bytes(key))
        count += 1
    box.close()
    return count


def read(path: Path, classify: Callable[[Mail], object] | None) -> int:
    count = 0
    for item, _done in open_source(path):
        if classify is not None and isinstance(item, Mail):
            classify(item)
        count += 1
    return count


# -- The corpus -------------------------------------------------------------------------------------------------------


def write_mbox(path: Path, messages: int, seed: int = 7) -> int:
    """Write ``messages`` generated messages as an mbox; returns its size in bytes."""
    with path.open("wb") as file:
        for envelope, data in generate(messages, seed):
            file.write(envelope)
            file.write(data.replace(b"\nFrom ", b"\n>From "))
            file.write(b"\n\n")
    return path.stat().st_size


def generate(messages: int, seed: int = 7) -> Iterator[tuple[bytes, bytes]]:
    rng = random.Random(seed)
    kinds = [
        (job_alert, 20),
        (newsletter, 18),
        (personal, 18),
        (confirmation, 12),
        (rejection, 10),
        (interview, 9),
        (french_rejection, 6),
        (forwarded, 4),
        (offer_with_pdf, 3),
    ]
    makers = [maker for maker, weight in kinds for _ in range(weight)]
    for number in range(messages):
        day, hour = rng.randint(1, 28), rng.randint(7, 20)
        date = f"{WEEKDAYS[(day + 2) % 7]}, {day} Nov 2026 {hour:02d}:{rng.randint(0, 59):02d}:07 +0100"
        values = {
            "n": number,
            "date": date,
            "company": rng.choice(COMPANIES),
            "role": rng.choice(ROLES),
            "person": rng.choice(PEOPLE),
            "french_role": rng.choice(FRENCH),
            "ref": rng.randint(10_000, 99_999),
        }
        values["domain"] = values["company"].split()[0].lower() + ".example"
        data = rng.choice(makers)(values, rng)
        envelope = f"From bounce@{values['domain']} {WEEKDAYS[day % 7]} Nov {day:2d} {hour:02d}:00:00 2026\n"
        yield envelope.encode(), data


def _headers(v: dict[str, object], sender: str, subject: str, extra: str = "") -> str:
    return (
        f"Return-Path: <bounce-{v['n']}@{v['domain']}>\n"
        f"Received: from mail.{v['domain']} (mail.{v['domain']} [192.0.2.{int(str(v['n'])) % 250}])\n"
        f"\tby mx.example.net with ESMTPS id {v['ref']}x{v['n']}; {v['date']}\n"
        f"From: {sender}\nTo: Alex Martin <alex.martin@example.net>\nSubject: {subject}\nDate: {v['date']}\n"
        f"Message-ID: <{v['n']}.{v['ref']}@mail.{v['domain']}>\nMIME-Version: 1.0\n{extra}"
    )


def _mailbox(person: object) -> str:
    return str(person).split()[0].lower()


def rejection(v: dict[str, object], rng: random.Random) -> bytes:
    body = (
        f"Dear Alex,\n\nThank you for your interest in the {v['role']} position at {v['company']} and for the time you "
        "spent talking with our team.\n\nAfter careful consideration, we have decided to move forward with other "
        "candidates whose experience more closely matches what we need right now. This was a difficult decision: "
        "we received many strong applications.\n\nWe will keep your details on file and may be in touch about future "
        f"openings.\n\nWe wish you every success in your search.\n\n-- \n{v['person']}\nTalent Acquisition, "
        f"{v['company']}\n"
    )
    qp = quopri.encodestring(body.encode("utf-8")).decode("ascii")
    return (
        _headers(v, f"{v['person']} <{_mailbox(v['person'])}@{v['domain']}>", f"Your application: {v['role']}")
        + "Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: quoted-printable\n\n"
        + qp
    ).encode()


def confirmation(v: dict[str, object], rng: random.Random) -> bytes:
    plain = (
        f"Hi Alex,\n\nThanks for applying to {v['role']} (req {v['ref']}) at {v['company']}! We've received your "
        "application and our recruiting team will review it shortly. If your background is a match, someone will "
        "reach out about next steps.\n\nYou can check the status of your application at any time in your candidate "
        f"profile: https://jobs.{v['domain']}/candidate/{v['ref']}\n\nThe {v['company']} Recruiting Team\n\n"
        "Please do not reply to this automated message.\n"
    )
    html = (
        '<html><head><meta charset="utf-8"><style>body{font-family:Arial}.btn{background:#2a6;color:#fff}</style>'
        f'</head><body><table width="100%"><tr><td><img src="https://jobs.{v["domain"]}/logo.png" alt="{v["company"]}">'
        f"</td></tr><tr><td><p>Hi Alex,</p><p>Thanks for applying to <b>{v['role']}</b> (req {v['ref']}) at "
        f"{v['company']}! We&rsquo;ve received your application and our recruiting team will review it shortly.</p>"
        f'<p><a class="btn" href="https://jobs.{v["domain"]}/candidate/{v["ref"]}">View your application</a></p>'
        f"<p>The {v['company']} Recruiting Team</p></td></tr></table></body></html>\n"
    )
    boundary = f"b1_{v['ref']}_{v['n']}"
    return (
        _headers(v, f"{v['company']} Careers <no-reply@jobs.{v['domain']}>", f"Thanks for applying to {v['company']}")
        + "Auto-Submitted: auto-generated\nX-Mailer: RecruitFlow ATS 4.2\n"
        + f'Content-Type: multipart/alternative; boundary="{boundary}"\n\n'
        + f"--{boundary}\nContent-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: 7bit\n\n{plain}\n"
        + f"--{boundary}\nContent-Type: text/html; charset=utf-8\nContent-Transfer-Encoding: quoted-printable\n\n"
        + quopri.encodestring(html.encode()).decode()
        + f"\n--{boundary}--\n"
    ).encode()


def interview(v: dict[str, object], rng: random.Random) -> bytes:
    slots = ", ".join(f"{d} at {rng.randint(9, 16)}:00" for d in ("Tuesday", "Wednesday", "Thursday"))
    body = (
        f"Hi Alex,\n\nGreat news: the team enjoyed reading your application for {v['role']} and would love to invite "
        f"you to a 45-minute video interview with {v['person']}, our hiring manager.\n\nWould any of these work for "
        f"you? {slots}.\n\nIf none of them suit, just reply with a couple of times that do.\n\nBest,\n"
        f"{v['person']}\n\nOn Mon, 3 Nov 2026 at 09:12, Alex Martin <alex.martin@example.net> wrote:\n"
        f"> Hello,\n>\n> I'd like to apply for the {v['role']} role I saw on your careers page.\n"
        "> My CV is attached. Looking forward to hearing from you.\n>\n> Alex\n"
    )
    return (
        _headers(
            v,
            f"{v['person']} <{_mailbox(v['person'])}@{v['domain']}>",
            f"Re: {v['role']} – next steps",
            f"In-Reply-To: <app-{v['ref']}@example.net>\nReferences: <app-{v['ref']}@example.net>\n",
        )
        + "Content-Type: text/plain; charset=utf-8; format=flowed\nContent-Transfer-Encoding: 8bit\n\n"
        + body
    ).encode()


def job_alert(v: dict[str, object], rng: random.Random) -> bytes:
    cards = []
    for index in range(rng.randint(6, 12)):
        company, role = rng.choice(COMPANIES), rng.choice(ROLES)
        link = f"https://alerts.jobfinder.example/track/click?u={v['ref']}{index}&j={rng.getrandbits(64):x}&src=email"
        cards.append(
            '<tr><td style="padding:12px 0;border-bottom:1px solid #eee">'
            f'<a href="{link}" style="color:#0a66c2;font-size:16px;text-decoration:none"><b>{role}</b></a><br>'
            f'<span style="color:#555">{company} &middot; Remote &middot; &euro;{rng.randint(45, 90)}k</span><br>'
            f'<span style="color:#888;font-size:12px">Posted {rng.randint(1, 9)} days ago &bull; '
            f"{rng.randint(5, 300)} applicants</span></td></tr>"
        )
    html = (
        '<!DOCTYPE html><html><head><meta name="viewport" content="width=device-width">'
        "<style>@media (max-width:600px){.wrap{width:100%!important}} td{font-family:Helvetica,Arial}</style>"
        '</head><body style="margin:0"><div style="display:none">New jobs for you &zwnj;&nbsp;&zwnj;&nbsp;</div>'
        '<table class="wrap" width="600" align="center"><tr><td><h2>New jobs that match your search</h2>'
        f"<p>We found {len(cards)} new jobs for <i>{v['role']}</i> near you.</p></td></tr>"
        + "".join(cards)
        + '<tr><td style="font-size:11px;color:#999"><p>You receive this alert because you created it. '
        f'<a href="https://alerts.jobfinder.example/unsub?u={v["ref"]}&t={rng.getrandbits(96):x}">Unsubscribe</a></p>'
        f'<img src="https://alerts.jobfinder.example/open.gif?u={v["ref"]}" width="1" height="1" alt="">'
        "</td></tr></table></body></html>"
    )
    return (
        _headers(
            v,
            "JobFinder Alerts <alerts@jobfinder.example>",
            f"{len(cards)} new {v['role']} jobs",
            "List-Unsubscribe: <https://alerts.jobfinder.example/unsub>\nPrecedence: bulk\n"
            f"Feedback-ID: alert:{v['ref']}:jobfinder\n",
        )
        + "Content-Type: text/html; charset=utf-8\nContent-Transfer-Encoding: quoted-printable\n\n"
        + quopri.encodestring(html.encode()).decode()
    ).encode()


def newsletter(v: dict[str, object], rng: random.Random) -> bytes:
    topics = ["remote work", "salary negotiation", "writing a cover letter", "portfolio reviews", "career changes"]
    paragraphs = [
        f"This week we look at {rng.choice(topics)}: what recruiters told us, three mistakes to avoid, and a "
        "checklist you can use before your next application. Readers who tried it reported more replies."
        for _ in range(rng.randint(3, 6))
    ]
    plain = "Career Notes, issue " + str(v["ref"] % 300) + "\n\n" + "\n\n".join(paragraphs) + "\n\nUnsubscribe: link\n"
    html = "<html><body>" + "".join(f"<p>{p}</p>" for p in paragraphs) + "</body></html>"
    boundary = f"nl{v['ref']}"
    encoded = base64.encodebytes(html.encode()).decode()
    return (
        _headers(
            v,
            '"Career Notes" <news@careernotes.example>',
            "=?utf-8?q?Career_Notes_=E2=80=94_your_weekly_digest?=",
            "List-Id: Career Notes <weekly.careernotes.example>\nList-Unsubscribe: <mailto:leave@careernotes.example>\n"
            "Precedence: list\n",
        )
        + f'Content-Type: multipart/alternative; boundary="{boundary}"\n\n'
        + f"--{boundary}\nContent-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: base64\n\n"
        + base64.encodebytes(plain.encode()).decode()
        + f"\n--{boundary}\nContent-Type: text/html; charset=utf-8\nContent-Transfer-Encoding: base64\n\n"
        + encoded
        + f"\n--{boundary}--\n"
    ).encode()


def personal(v: dict[str, object], rng: random.Random) -> bytes:
    friend = rng.choice(PEOPLE)
    body = rng.choice(
        [
            "Are we still on for dinner on Saturday? I can bring dessert.",
            "Here are the photos from the weekend. The one by the lake came out really well!",
            "Good luck tomorrow, you'll do great. Call me afterwards if you want to talk it through.",
            "From what I heard the flat on Elm Street is still available, want to go see it together?",
        ]
    )
    return (
        _headers(v, f"{friend} <{friend.split()[0].lower()}.{friend.split()[1].lower()}@mailbox.example>", "hey")
        + "Content-Type: text/plain; charset=utf-8\n\n"
        + f"Hi Alex,\n\n{body}\n\nx\n{friend.split()[0]}\n\nSent from my iPhone\n\n"
        + "> On 2 Nov 2026, at 18:30, Alex Martin <alex.martin@example.net> wrote:\n>\n> How was your week?\n"
    ).encode()


def french_rejection(v: dict[str, object], rng: random.Random) -> bytes:
    body = (
        "Bonjour,\n\nNous vous remercions de l'intérêt que vous portez à notre société et de votre candidature au "
        f"poste de {v['french_role']}.\n\nNous avons le regret de vous informer que votre profil n'a pas été retenu "
        "pour la suite du processus. Nous conservons néanmoins votre candidature et ne manquerons pas de revenir vers "
        "vous si une opportunité correspondant à votre profil se présentait.\n\nNous vous souhaitons pleine réussite "
        "dans vos recherches.\n\nCordialement,\nL'équipe Recrutement\n"
    )
    return (
        _headers(
            v,
            f"=?iso-8859-1?q?Service_Recrutement_{str(v['company']).split()[0]}?= <recrutement@{v['domain']}>",
            "=?iso-8859-1?q?Votre_candidature_=E0_notre_offre?=",
        )
        + "Content-Type: text/plain; charset=iso-8859-1\nContent-Transfer-Encoding: quoted-printable\n\n"
        + quopri.encodestring(body.encode("latin-1")).decode()
    ).encode()


def forwarded(v: dict[str, object], rng: random.Random) -> bytes:
    body = (
        "FYI, bad news on this one.\n\n---------- Forwarded message ---------\n"
        f"From: {v['company']} Talent <talent@{v['domain']}>\nDate: Mon, 3 Nov 2026 at 10:02\n"
        f"Subject: Update on your application for {v['role']}\nTo: <alex.martin@example.net>\n\n\n"
        f"Hello Alex,\n\nUnfortunately we will not be moving forward with your application for {v['role']}. "
        "The position has been filled internally.\n\nKind regards,\nTalent team\n"
    )
    return (
        _headers(v, "Alex Martin <alex.m@mailbox.example>", f"Fwd: Update on your application for {v['role']}")
        + "Content-Type: text/plain; charset=utf-8\n\n"
        + body
    ).encode()


def offer_with_pdf(v: dict[str, object], rng: random.Random) -> bytes:
    pdf = b"%PDF-1.4\n" + rng.randbytes(rng.randint(20_000, 40_000))
    boundary = f"mixed{v['ref']}"
    text = (
        f"Dear Alex,\n\nWe are delighted to offer you the position of {v['role']} at {v['company']}. Your offer "
        "letter is attached; please review it and let us know if you have any questions.\n\n"
        f"Warm regards,\n{v['person']}\n"
    )
    return (
        _headers(v, f"{v['person']} <hr@{v['domain']}>", f"Offer: {v['role']} at {v['company']}")
        + f'Content-Type: multipart/mixed; boundary="{boundary}"\n\n'
        + f"--{boundary}\nContent-Type: text/plain; charset=utf-8\n\n{text}\n"
        + f'--{boundary}\nContent-Type: application/pdf; name="offer.pdf"\n'
        + 'Content-Disposition: attachment; filename="offer.pdf"\nContent-Transfer-Encoding: base64\n\n'
        + base64.encodebytes(pdf).decode()
        + f"\n--{boundary}--\n"
    ).encode()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
